package dev.oms.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oms.core.OrderDecider;
import dev.oms.core.PlaceOrder;
import dev.oms.json.OmsJson;
import dev.oms.json.OmsJsonModule;
import dev.oms.json.StoredJson;
import dev.oms.spi.EventId;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReservationId;
import dev.oms.spi.Sku;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.fulfillment.FulfillmentEvent;
import dev.oms.spi.inventory.InventoryEvent;
import dev.oms.spi.inventory.PositionKey;
import dev.oms.spi.order.LineTax;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.OrderLine;
import dev.oms.spi.returns.ReturnEvent;
import dev.oms.spi.returns.ReturnRequest;
import java.math.BigDecimal;
import java.time.Instant;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.ActionChain;

/**
 * Any generated order and any event survives JSON and back unchanged, through a plain host
 * {@code ObjectMapper} with the module registered, and amounts keep their exact scale.
 */
class JsonRoundTripProperties {
    private static final ObjectMapper HOST = new ObjectMapper().registerModule(new OmsJsonModule());

    static <T> T roundTrip(T value, Class<T> type) throws Exception {
        T back = HOST.readValue(HOST.writeValueAsString(value), type);
        assertThat(back).isEqualTo(value);
        assertThat(OmsJson.read(OmsJson.write(value), type)).isEqualTo(value);
        return back;
    }

    @Provide
    Arbitrary<PlaceOrder> orders() {
        return Arbitraries.of("EUR", "JPY", "USD", "BHD", "CHF").flatMap(code ->
                OmsArbitraries.catalogues(Monetary.getCurrency(code), 1, 6).flatMap(OmsArbitraries::orders));
    }

    @Property(tries = 1000)
    void any_order_survives_json_unchanged_with_the_exact_scale_of_its_amounts(@ForAll("orders") PlaceOrder place)
            throws Exception {
        Order order = OrderDecider.builder().build().place(place).orThrow().order();
        Order back = roundTrip(order, Order.class);
        for (int i = 0; i < order.lines().size(); i++) {
            OrderLine a = order.lines().get(i);
            OrderLine b = back.lines().get(i);
            assertThat(b.tax()).isEqualTo(a.tax());
            java.util.List<MonetaryAmount[]> pairs = new java.util.ArrayList<>(java.util.List.of(
                    new MonetaryAmount[] {a.unitPrice(), b.unitPrice()},
                    new MonetaryAmount[] {a.unitDiscount(), b.unitDiscount()}));
            if (a.tax() instanceof LineTax.Supplied sa) {
                LineTax.Supplied sb = (LineTax.Supplied) b.tax();
                for (int t = 0; t < sa.taxes().size(); t++) {
                    pairs.add(new MonetaryAmount[] {sa.taxes().get(t).amount(), sb.taxes().get(t).amount()});
                }
            }
            for (MonetaryAmount[] pair : pairs) {
                assertThat(pair[1].getNumber().numberValue(BigDecimal.class))
                        .isEqualByComparingTo(pair[0].getNumber().numberValue(BigDecimal.class));
                assertThat(pair[1].getNumber().numberValue(BigDecimal.class).scale())
                        .as("the scale is kept").isEqualTo(pair[0].getNumber().numberValue(BigDecimal.class).scale());
            }
        }
    }

    @Provide
    Arbitrary<ActionChain<LifecycleWorld>> lifecycles() {
        return Lifecycles.chains(Monetary.getCurrency("EUR"), 40);
    }

    @Property(tries = 200)
    void every_event_of_any_lifecycle_survives_json_unchanged(@ForAll("lifecycles") ActionChain<LifecycleWorld> chain)
            throws Exception {
        LifecycleWorld world = chain.run();
        for (OrderId id : world.placed()) {
            roundTrip(world.orders().load(id), Order.class);
            for (OrderEvent event : world.orders().history(id)) {
                assertThat(HOST.readValue(HOST.writeValueAsString(event), OrderEvent.class)).isEqualTo(event);
            }
        }
        for (var rid : world.returnIds()) {
            roundTrip(world.returns().load(rid), ReturnRequest.class);
            for (ReturnEvent event : world.returns().history(rid)) {
                assertThat(HOST.readValue(HOST.writeValueAsString(event), ReturnEvent.class)).isEqualTo(event);
            }
        }
        for (OrderId id : world.placed()) {
            for (var fo : world.flow().fulfillment().ofOrder(id)) {
                roundTrip(fo, dev.oms.spi.fulfillment.FulfillmentOrder.class);
                for (var event : world.flow().fulfillment().history(fo.id())) {
                    assertThat(HOST.readValue(HOST.writeValueAsString(event), FulfillmentEvent.class))
                            .isEqualTo(event);
                }
            }
            for (var process : world.flow().processesOf(id)) {
                assertThat(HOST.readValue(HOST.writeValueAsString(process), dev.oms.spi.process.ProcessRecord.class))
                        .as("process records (inputs, decisions, amounts) survive JSON").isEqualTo(process);
            }
        }
    }

    @Provide
    Arbitrary<InventoryEvent> inventoryEvents() {
        Arbitrary<PositionKey> positions = Combinators.combine(OmsArbitraries.skus(), OmsArbitraries.locationIds())
                .as(PositionKey::of);
        Arbitrary<Instant> instants = Arbitraries.longs().between(0, 4_000_000_000L).map(Instant::ofEpochSecond);
        Arbitrary<Quantity> quantities = Arbitraries.longs().between(0, 1_000).map(Quantity::of);
        Arbitrary<EventId> ids = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20).map(EventId::of);
        return Arbitraries.oneOf(
                Combinators.combine(ids, instants, positions, Arbitraries.longs().between(-50, 50), quantities, quantities)
                        .as(InventoryEvent.LowStock::new),
                Combinators.combine(ids, instants, ids.map(e -> ReservationId.of("r-" + e.value())),
                        OmsArbitraries.orderIds(), Arbitraries.of("1", "2").map(LineId::of), positions,
                        quantities.filter(Quantity::isPositive))
                        .as(InventoryEvent.BackorderFilled::new),
                Combinators.combine(ids, instants, ids.map(e -> ReservationId.of("r-" + e.value())),
                        OmsArbitraries.orderIds(), quantities).as(InventoryEvent.ReservationExpired::new));
    }

    @Property(tries = 500)
    void any_inventory_event_survives_json_unchanged(@ForAll("inventoryEvents") InventoryEvent event) throws Exception {
        assertThat(HOST.readValue(HOST.writeValueAsString(event), InventoryEvent.class)).isEqualTo(event);
    }

    @Property(tries = 100)
    void ids_and_quantities_are_bare_values(@ForAll("inventoryEvents") InventoryEvent event) throws Exception {
        String json = HOST.writeValueAsString(event);
        assertThat(json).contains("\"@type\":\"" + event.getClass().getSimpleName() + "\"")
                .as("inventory events kept their shape since version 1").contains("\"schemaVersion\":1")
                        .contains("\"eventId\":\"" + event.eventId().value() + "\"");
        assertThat(HOST.writeValueAsString(Sku.of("A-1"))).isEqualTo("\"A-1\"");
        assertThat(HOST.writeValueAsString(LocationId.of("x"))).isEqualTo("\"x\"");
    }
}
