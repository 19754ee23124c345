package dev.oms.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import dev.oms.core.OrderDecider;
import dev.oms.core.PlaceOrder;
import dev.oms.spi.Address;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.order.Order;
import java.time.Instant;
import javax.money.Monetary;
import org.junit.jupiter.api.Test;

/**
 * The storage form adapters keep: written and read by the one codec, and every hostile stored text
 * refused with a typed error naming where, before anything is built.
 */
class StoredJsonTest {
    private static final OrderDecider DECIDER = OrderDecider.builder().build();

    private static Order order() {
        OrderEvent.OrderPlaced placed = (OrderEvent.OrderPlaced) DECIDER.place(PlaceOrder.builder(ChannelId.of("web"),
                ExternalOrderId.of("s-1"), CustomerRef.of("c"), Monetary.getCurrency("EUR"))
                .shipTo(Address.of("DE", "10115")).placedAt(Instant.parse("2026-11-01T09:00:00Z"))
                .line("1", "TEE", 2, Amounts.of("9.99", "EUR")).build()).orThrow().events().get(0);
        return DECIDER.evolve(null, placed);
    }

    private static InvalidInputException refusal(String json, Class<?> type) {
        return catchThrowableOfType(InvalidInputException.class, () -> StoredJson.read(json, type));
    }

    @Test
    void a_record_and_its_events_round_trip_and_the_mapper_writes_the_same_text() throws Exception {
        Order order = order();
        String stored = StoredJson.write(order, Order.class);
        assertThat(StoredJson.read(stored, Order.class)).isEqualTo(order);
        assertThat(OmsJson.newMapper().writeValueAsString(order)).isEqualTo(stored);
        assertThat(OmsJson.read(stored, Order.class)).isEqualTo(order);
        OrderEvent placed = DECIDER.place(PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of("s-2"),
                CustomerRef.of("c"), Monetary.getCurrency("EUR")).shipTo(Address.of("DE", "10115"))
                .placedAt(Instant.parse("2026-11-01T09:00:00Z")).line("1", "TEE", 1, Amounts.of("1.00", "EUR"))
                .build()).orThrow().events().get(0);
        String event = StoredJson.write(placed, OrderEvent.class);
        // an event that holds an order header is at version 6, the newest
        assertThat(event).startsWith("{\"@type\":\"OrderPlaced\",\"schemaVersion\":6,");
        assertThat(StoredJson.EVENT_SCHEMA_VERSION).isEqualTo(6);
        assertThat(StoredJson.read(event, OrderEvent.class)).isEqualTo(placed);
    }

    @Test
    void nesting_deeper_than_128_levels_is_refused_and_128_is_not_refused_for_depth() {
        String deep = "{\"a\":".repeat(129) + "1" + "}".repeat(129);
        assertThat(refusal(deep, Order.class).getMessage()).contains("128");
        String deepest = "[".repeat(128) + "]".repeat(128);
        assertThat(refusal(deepest, Order.class).getMessage()).doesNotContain("deeper").contains("expected an object");
        assertThat(refusal("[".repeat(100_000), Order.class).getMessage()).contains("128");
    }

    @Test
    void malformed_trailing_empty_and_duplicate_keys_are_refused() {
        String stored = StoredJson.write(order(), Order.class);
        assertThat(refusal(stored + " {}", Order.class).getMessage()).contains("trailing");
        assertThat(refusal("", Order.class).getMessage()).contains("ends too early");
        assertThat(refusal(stored.substring(0, stored.length() / 2), Order.class).getMessage())
                .contains("malformed JSON");
        assertThat(refusal("{'a': 1}", Order.class).getMessage()).contains("malformed JSON");
        String twice = stored.replaceFirst("\"sku\":\"TEE\"", "\"sku\":\"TEE\",\"sku\":\"MUG\"");
        assertThat(twice).isNotEqualTo(stored);
        assertThat(refusal(twice, Order.class).getMessage()).contains("\"sku\" a second time");
        assertThat(refusal(twice, Order.class).field()).isEqualTo("$");
        assertThat(refusal("{'a': 1}", Order.class).field()).isEqualTo("$");
        assertThat(catchThrowableOfType(OmsJson.JsonInputException.class, () -> OmsJson.read(twice, Order.class))
                .field()).isEqualTo("$");
        assertThat(refusal(null, Order.class).field()).isEqualTo("json");
    }

    @Test
    void a_number_bomb_is_refused_as_too_long_and_a_string_bomb_by_the_amount_rules() {
        String stored = StoredJson.write(order(), Order.class);
        String longNumber = stored.replaceFirst("\"schemaVersion\":" + StoredJson.SCHEMA_VERSION,
                "\"schemaVersion\":" + "9".repeat(5_000));
        assertThat(refusal(longNumber, Order.class).getMessage()).contains("refused");
        String bomb = stored.replace("\"9.99\"", "\"1E+999999999\"");
        InvalidInputException e = refusal(bomb, Order.class);
        assertThat(e.field()).startsWith("$.").contains("unitPrice");
    }

    @Test
    void a_type_name_outside_the_family_and_a_value_a_record_refuses_name_their_path() {
        OrderEvent placed = DECIDER.place(PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of("s-3"),
                CustomerRef.of("c"), Monetary.getCurrency("EUR")).shipTo(Address.of("DE", "10115"))
                .placedAt(Instant.parse("2026-11-01T09:00:00Z")).line("1", "TEE", 1, Amounts.of("1.00", "EUR"))
                .build()).orThrow().events().get(0);
        String event = StoredJson.write(placed, OrderEvent.class);
        assertThat(refusal(event.replace("\"OrderPlaced\"", "\"java.lang.Runtime\""), OrderEvent.class).field())
                .isEqualTo("$.@type");
        InvalidInputException negative = refusal(event.replace("\"quantity\":1", "\"quantity\":-1"), OrderEvent.class);
        assertThat(negative.field()).startsWith("$.").contains("quantity");
    }

    /** The Java API refuses a price finer than the currency's minor unit; a stored row may not smuggle one in. */
    @Test
    void an_amount_finer_than_the_currency_in_a_stored_snapshot_or_event_is_refused_and_trailing_zeros_are_not() {
        String stored = StoredJson.write(order(), Order.class);
        InvalidInputException price = refusal(stored.replace("\"9.99\"", "\"9.991\""), Order.class);
        assertThat(price.field()).startsWith("$.").contains("unitPrice");
        assertThat(price.getMessage()).contains("fraction digits");
        assertThat(StoredJson.read(stored.replace("\"9.99\"", "\"9.990\""), Order.class).lines().get(0).unitPrice())
                .isEqualTo(Amounts.of("9.99", "EUR"));
        String event = StoredJson.write(DECIDER.place(PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of("s-4"),
                CustomerRef.of("c"), Monetary.getCurrency("EUR")).shipTo(Address.of("DE", "10115"))
                .placedAt(Instant.parse("2026-11-01T09:00:00Z")).line("1", "TEE", 1, Amounts.of("9.99", "EUR"))
                .build()).orThrow().events().get(0), OrderEvent.class);
        assertThat(event).contains("\"9.99\"");
        assertThat(refusal(event.replace("\"9.99\"", "\"9.995\""), OrderEvent.class).getMessage())
                .contains("fraction digits");
    }

    /** A host's own mapper may not refuse duplicate keys or limit depth as oms does; the codec does it anyway. */
    @Test
    void a_hosts_plain_mapper_with_the_module_refuses_a_key_twice_and_deep_nesting_too() {
        com.fasterxml.jackson.databind.ObjectMapper plain = new com.fasterxml.jackson.databind.ObjectMapper()
                .registerModule(new OmsJsonModule());
        String stored = StoredJson.write(order(), Order.class);
        String twice = stored.replaceFirst("\"sku\":\"TEE\"", "\"sku\":\"TEE\",\"sku\":\"MUG\"");
        Throwable e = org.assertj.core.api.Assertions.catchThrowable(() -> plain.readValue(twice, Order.class));
        assertThat(e).isInstanceOf(InvalidInputException.class).hasStackTraceContaining("\"sku\" a second time");
        assertThat(((InvalidInputException) e).field()).isEqualTo("$");
        String deep = "{\"a\":".repeat(200) + "1" + "}".repeat(200);
        Throwable tooDeep = org.assertj.core.api.Assertions.catchThrowable(() -> plain.readValue(deep, Order.class));
        assertThat(tooDeep).isInstanceOf(InvalidInputException.class).hasStackTraceContaining("nested deeper than 128 levels");
    }
}
