package dev.oms.fulfillment;

import static dev.oms.fulfillment.RoutingFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.core.PlaceOrder;
import dev.oms.fulfillment.Location.LocationType;
import dev.oms.fulfillment.RoutingPlan;
import dev.oms.fulfillment.RoutingRequest;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.fulfillment.CarrierGateway.RateQuote;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.ServiceLevel;
import java.time.Duration;
import java.util.List;
import javax.money.Monetary;
import org.junit.jupiter.api.Test;

class QueueDeadlineAndBackorderTest {
    private final FulfillmentWorld w = new FulfillmentWorld();

    private Order place(String id, ServiceLevel level, Duration placedAgo) {
        PlaceOrder.Builder b = PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of(id), CustomerRef.of("c"),
                Monetary.getCurrency("EUR")).shipTo(TO_POTSDAM).serviceLevel(level)
                .placedAt(w.clock.instant().minus(placedAgo)).line("1", "MUG", 1, eur("5.00"));
        return w.orders.place(b.build(), w.key()).order();
    }

    @Test
    void orders_queue_by_urgency_then_ship_by_deadline_then_placement() {
        Order oldStandard = place("s-old", ServiceLevel.STANDARD, Duration.ofHours(50));
        Order newStandard = place("s-new", ServiceLevel.STANDARD, Duration.ofHours(1));
        Order express = place("x", ServiceLevel.EXPRESS, Duration.ofHours(2));
        Order sameDay = place("sd", ServiceLevel.SAME_DAY, Duration.ofMinutes(10));
        FulfillmentQueue queue = FulfillmentQueue.standardPromises();
        assertThat(queue.order(List.of(newStandard, express, oldStandard, sameDay)))
                .extracting(FulfillmentQueue.Entry::orderId)
                .containsExactly(sameDay.id(), express.id(), oldStandard.id(), newStandard.id());
        assertThat(queue.shipBy(express)).isEqualTo(express.header().placedAt().plus(Duration.ofHours(24)));
    }

    @Test
    void an_express_order_goes_only_to_locations_that_can_ship_by_its_deadline() {
        Location slow = Location.builder(LocationId.of("wh-slow"), LocationType.WAREHOUSE, BERLIN, eur("1.00"))
                .serves("DE").handlingTime(Duration.ofHours(30)).build();
        Location fast = Location.builder(LocationId.of("wh-fast"), LocationType.WAREHOUSE, MUNICH, eur("9.00"))
                .serves("DE").handlingTime(Duration.ofHours(4)).build();
        Stock stock = new Stock().put("MUG", "wh-slow", 5).put("MUG", "wh-fast", 5);
        Router router = Router.builder(List.of(slow, fast), stock).clock(w.clock).build();
        Order express = place("x-1", ServiceLevel.EXPRESS, Duration.ofHours(1));
        RoutingPlan plan = router.route(RoutingRequest.forOrder(express)
                .withShipBy(FulfillmentQueue.standardPromises().shipBy(express)));
        assertThat(plan.shipments()).singleElement().satisfies(s -> assertThat(s.location().value()).isEqualTo("wh-fast"));
        assertThat(plan.explanation()).anySatisfy(v -> assertThat(v).isInstanceOfSatisfying(RoutingPlan.Excluded.class,
                e -> assertThat(e.rule()).isEqualTo("meets-deadline")));
        RoutingPlan standard = router.route(RoutingRequest.forOrder(express));
        assertThat(standard.shipments()).singleElement().satisfies(s -> assertThat(s.location().value())
                .isEqualTo("wh-slow"));
    }

    @Test
    void units_that_could_not_be_routed_are_routed_when_stock_arrives() {
        w.stock("MUG", w.berlin, 1);
        OrderId id = w.placeAuthorisedConfirmed("b-1", b -> b.line(FulfillmentWorld.line("1", "MUG", 3, "5.00", "0.95")));
        FulfillmentService.Created first = w.fulfillment.routeAndCreate(id, w.router,
                RoutingRequest.forOrder(w.orders.load(id)), w.key());
        assertThat(first.created()).singleElement().satisfies(fo -> assertThat(fo.openUnits()).isEqualTo(1));
        assertThat(w.orders.load(id).requireLine(LineId.of("1")).quantities().unallocated()).isEqualTo(Quantity.of(2));

        w.stock("MUG", w.hamburg, 5);
        FulfillmentService.Created later = w.fulfillment.routeAndCreate(id, w.router,
                RoutingRequest.forOrder(w.orders.load(id)), w.key());
        assertThat(later.created()).singleElement().satisfies(fo -> {
            assertThat(fo.location()).isEqualTo(w.hamburg.id());
            assertThat(fo.openUnits()).isEqualTo(2);
        });
        assertThat(w.orders.load(id).requireLine(LineId.of("1")).quantities().allocated()).isEqualTo(Quantity.of(3));
    }

    @Test
    void the_carrier_quotes_a_price_per_service_level() {
        List<RateQuote> quotes = w.carrier.quote(w.berlin.id(), TO_POTSDAM, 3);
        assertThat(quotes).extracting(RateQuote::serviceLevel).containsExactly(ServiceLevel.STANDARD, ServiceLevel.EXPRESS);
        assertThat(quotes.get(0).price().isLessThan(quotes.get(1).price())).isTrue();
    }
}
