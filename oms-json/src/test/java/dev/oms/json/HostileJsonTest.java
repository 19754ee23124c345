package dev.oms.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.oms.core.OrderDecider;
import dev.oms.core.PlaceOrder;
import dev.oms.json.OmsJson.JsonInputException;
import dev.oms.spi.Address;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.event.OrderEvent.OrderPlaced;
import dev.oms.spi.order.Order;
import java.time.Instant;
import javax.money.Monetary;
import org.junit.jupiter.api.Test;

/** Hostile JSON is refused with a clear, typed error naming where, and instantiates nothing it names. */
class HostileJsonTest {
    private static final OrderDecider DECIDER = OrderDecider.builder().build();

    private static OrderPlaced placedEvent() {
        return (OrderPlaced) DECIDER.place(PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of("h-1"),
                CustomerRef.of("c"), Monetary.getCurrency("EUR")).shipTo(Address.of("DE", "10115"))
                .placedAt(Instant.parse("2026-11-01T09:00:00Z")).line("1", "TEE", 1, Amounts.of("9.99", "EUR"))
                .build()).orThrow().events().get(0);
    }

    @Test
    void deeply_nested_json_is_refused() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        assertThatThrownBy(() -> OmsJson.read(deep, OrderEvent.class)).isInstanceOf(JsonInputException.class)
                .hasMessageContaining("nesting depth");
        String deepObject = "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000);
        assertThatThrownBy(() -> OmsJson.read(deepObject, Order.class)).isInstanceOf(JsonInputException.class);
    }

    @Test
    void very_large_json_is_refused() {
        String huge = "{\"@type\":\"OrderPlaced\",\"padding\":\"" + "x".repeat(3_000_000) + "\"}";
        assertThatThrownBy(() -> OmsJson.read(huge, OrderEvent.class)).isInstanceOf(JsonInputException.class)
                .hasMessageContaining("refused");
        String longString = "{\"@type\":\"OrderPlaced\",\"padding\":\"" + "x".repeat(200_000) + "\"}";
        assertThatThrownBy(() -> OmsJson.read(longString, OrderEvent.class)).isInstanceOf(JsonInputException.class)
                .hasMessageContaining("String value length");
    }

    @Test
    void an_unknown_event_type_is_refused_with_the_known_ones_listed() {
        String json = OmsJson.write(placedEvent()).replace("\"@type\":\"OrderPlaced\"", "\"@type\":\"OrderTeleported\"");
        assertThatThrownBy(() -> OmsJson.read(json, OrderEvent.class)).isInstanceOfSatisfying(JsonInputException.class,
                e -> {
                    assertThat(e.field()).isEqualTo("$.@type");
                    assertThat(e.problem()).contains("unknown type 'OrderTeleported'").contains("OrderConfirmed");
                });
        String untyped = OmsJson.write(placedEvent()).replace("\"@type\":\"OrderPlaced\",", "");
        assertThatThrownBy(() -> OmsJson.read(untyped, OrderEvent.class)).isInstanceOf(JsonInputException.class)
                .hasMessageContaining("$.@type");
        String newer = OmsJson.write(placedEvent()).replace("\"schemaVersion\":6", "\"schemaVersion\":7");
        assertThatThrownBy(() -> OmsJson.read(newer, OrderEvent.class)).isInstanceOf(JsonInputException.class)
                .hasMessageContaining("newer");
    }

    @Test
    void type_injection_names_no_class_that_gets_created() {
        for (String hostile : new String[] {
                "{\"@type\":\"java.lang.ProcessBuilder\",\"command\":[\"touch\",\"/tmp/pwned\"]}",
                "{\"@class\":\"java.net.URL\",\"@type\":\"OrderPlaced\"}",
                "[\"java.util.HashMap\",{\"@type\":\"OrderPlaced\"}]",
                "{\"@type\":\"OrderPlaced\",\"schemaVersion\":1,\"metadata\":{\"@type\":\"java.lang.Runtime\"}}",
                "{\"@type\":\"../../etc/passwd\"}",
                "{\"@type\":\"Order\"}"}) {
            assertThatThrownBy(() -> OmsJson.read(hostile, OrderEvent.class)).as(hostile)
                    .isInstanceOf(JsonInputException.class);
        }
        assertThat(new java.io.File("/tmp/pwned")).doesNotExist();
    }

    @Test
    void malformed_json_and_invalid_values_name_where() {
        assertThatThrownBy(() -> OmsJson.read("{\"@type\": \"OrderPlaced\",", OrderEvent.class))
                .isInstanceOf(JsonInputException.class).hasMessageContaining("malformed JSON");
        String negative = OmsJson.write(placedEvent()).replace("\"amount\":\"9.99\"", "\"amount\":\"-9.99\"");
        assertThatThrownBy(() -> OmsJson.read(negative, OrderEvent.class)).isInstanceOf(JsonInputException.class)
                .satisfies(e -> assertThat(((JsonInputException) e).field()).startsWith("$."));
        assertThatThrownBy(() -> OmsJson.read("{}", Order.class)).isInstanceOf(JsonInputException.class);
        assertThatThrownBy(() -> OmsJson.read("{\"a\":1} trailing", Order.class)).isInstanceOf(JsonInputException.class);
    }

    @Test
    void a_stored_record_with_a_number_bomb_is_refused_with_its_path_and_never_expanded() {
        String json = OmsJson.write(placedEvent());
        assertThat(json).contains("\"9.99\"");
        for (String bomb : new String[] {"1E+999999999", "1E-999999999", "1" + "0".repeat(100)}) {
            assertThatThrownBy(() -> OmsJson.read(json.replace("\"9.99\"", "\"" + bomb + "\""), OrderEvent.class))
                    .as(bomb).isInstanceOfSatisfying(JsonInputException.class, e -> {
                        assertThat(e.field()).contains("unitPrice");
                        assertThat(e.getMessage()).hasSizeLessThan(500);
                    });
        }
        String numberBomb = "{\"@type\":\"OrderPlaced\",\"schemaVersion\":1e999999999}";
        assertThatThrownBy(() -> OmsJson.read(numberBomb, OrderEvent.class)).isInstanceOf(JsonInputException.class);
    }

    /** A key twice means one thing to one JSON library and another to the next: refused everywhere. */
    @Test
    void a_key_twice_in_one_object_is_refused_by_every_reader_and_nothing_is_placed() {
        String json = OmsJson.write(placedEvent());
        String twice = json.replace("\"amount\":\"9.99\"", "\"amount\":\"9.99\",\"amount\":\"0.01\"");
        assertThat(twice).isNotEqualTo(json);
        assertThatThrownBy(() -> OmsJson.read(twice, OrderEvent.class)).isInstanceOf(JsonInputException.class)
                .hasMessageContaining("amount");
        assertThatThrownBy(() -> StoredJson.read(twice, OrderEvent.class))
                .isInstanceOf(dev.oms.spi.InvalidInputException.class).hasMessageContaining("\"amount\" a second time");
        // the channel import refuses it too: oms-channels' OrderImportTest
    }
}
