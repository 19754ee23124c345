package dev.oms.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.oms.core.OrderCommand;
import dev.oms.core.OrderDecider;
import dev.oms.core.PlaceOrder;
import dev.oms.json.OmsJson.JsonInputException;
import dev.oms.json.StoredJson;
import dev.oms.spi.Address;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.event.OrderEvent.HoldPlaced;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.HoldType;
import java.time.Instant;
import javax.money.Monetary;
import org.junit.jupiter.api.Test;

/**
 * Stored data stays readable: a form written before schema versions (version 1) may hold text the
 * text limits now refuse; the reader upcasts it (repairs the text) instead of refusing it, while
 * the same text in a current form is refused and a newer form is refused as newer.
 */
class SchemaVersionsTest {
    private static final OrderDecider DECIDER = OrderDecider.builder().build();

    private static Order heldOrder() {
        Order placed = DECIDER.place(PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of("v-1"),
                CustomerRef.of("c"), Monetary.getCurrency("EUR")).shipTo(Address.of("DE", "10115"))
                .placedAt(Instant.parse("2026-11-01T09:00:00Z")).line("1", "TEE", 1, Amounts.of("9.99", "EUR"))
                .build()).orThrow().order();
        return DECIDER.decide(placed, new OrderCommand.PlaceHold(HoldType.CUSTOMER_REQUEST, "wait",
                "customer asked to wait")).orThrow().order();
    }

    @Test
    void a_record_written_before_versions_with_text_the_limits_now_refuse_is_read_with_the_text_repaired() {
        Order order = heldOrder();
        String current = StoredJson.write(order, Order.class);
        assertThat(current).startsWith("{\"schemaVersion\":" + StoredJson.SCHEMA_VERSION + ",");
        assertThat(StoredJson.read(current, Order.class)).isEqualTo(order);

        // how version 1 stored it: no schemaVersion, and a note with a bell and half a surrogate pair
        String old = current.replace("\"schemaVersion\":" + StoredJson.SCHEMA_VERSION + ",", "")
                .replace("customer asked to wait", "customer\\u0007 asked\\uD800 to wait");
        Order read = StoredJson.read(old, Order.class);
        assertThat(read.holds()).singleElement().satisfies(h -> assertThat(h.reason())
                .isEqualTo("customer  asked\uFFFD to wait"));
        assertThat(read.withHolds(order.holds())).isEqualTo(order);

        String sameTextNow = old.replaceFirst("\\{", "{\"schemaVersion\":" + StoredJson.SCHEMA_VERSION + ",");
        assertThatThrownBy(() -> StoredJson.read(sameTextNow, Order.class)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("reason");
        String newer = current.replace("\"schemaVersion\":" + StoredJson.SCHEMA_VERSION, "\"schemaVersion\":"
                + (StoredJson.SCHEMA_VERSION + 1));
        assertThatThrownBy(() -> StoredJson.read(newer, Order.class)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("$.schemaVersion").hasMessageContaining("newer");
    }

    @Test
    void events_stay_at_version_1_are_repaired_as_read_and_a_newer_one_is_refused() {
        Order placed = heldOrder();
        HoldPlaced event = (HoldPlaced) DECIDER.decide(placed.withHolds(java.util.List.of()),
                new OrderCommand.PlaceHold(HoldType.CUSTOMER_REQUEST, "wait", "customer asked to wait")).orThrow()
                .events().get(0);
        String written = OmsJson.write(event);
        assertThat(written).as("events kept their shape, so an older oms still reads them")
                .contains("\"schemaVersion\":1");
        String old = written.replace("customer asked to wait", "customer asked to wait\\u0000");
        OrderEvent read = OmsJson.read(old, OrderEvent.class);
        assertThat(read).isInstanceOfSatisfying(HoldPlaced.class, h -> assertThat(h.hold().reason())
                .isEqualTo("customer asked to wait "));
        assertThat(StoredJson.read(old, OrderEvent.class)).isEqualTo(read);
        String newer = written.replace("\"schemaVersion\":1", "\"schemaVersion\":2");
        assertThatThrownBy(() -> OmsJson.read(newer, OrderEvent.class)).isInstanceOf(JsonInputException.class)
                .hasMessageContaining("newer");
    }
}
