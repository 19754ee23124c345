package dev.oms.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.oms.core.OrderCommand;
import dev.oms.core.OrderTotals;
import dev.oms.fulfillment.FulfillmentDecider.FulfillmentRuleException;
import dev.oms.fulfillment.FulfillmentDecider.LabelFailedException;
import dev.oms.fulfillment.RoutingPlan;
import dev.oms.fulfillment.RoutingRequest;
import dev.oms.spi.CommandKey;
import dev.oms.spi.LineId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.fulfillment.CarrierGateway.TrackingUpdate;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentOrderStatus;
import dev.oms.spi.fulfillment.Shipment;
import dev.oms.spi.fulfillment.Shipment.ShipmentStatus;
import dev.oms.spi.inventory.Reservation.ReservationStatus;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.Order;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.money.MonetaryAmount;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FulfillmentServiceTest {
    private final FulfillmentWorld w = new FulfillmentWorld();
    private OrderId orderId;
    private FulfillmentOrder fo;

    @BeforeEach
    void oneOrderAtBerlin() {
        w.stock("TSHIRT", w.berlin, 10);
        w.stock("MUG", w.berlin, 10);
        orderId = w.placeAuthorisedConfirmed("o-1", b -> b
                .line(FulfillmentWorld.line("1", "TSHIRT", 3, "10.01", "1.90"))
                .line(FulfillmentWorld.line("2", "MUG", 2, "3.33", "0.63"))
                .discount("PROMO", RoutingFixtures.eur("1.00")));
        RoutingPlan plan = w.router.route(RoutingRequest.forOrder(w.orders.load(orderId)));
        fo = w.fulfillment.createFromPlan(orderId, plan, w.key()).created().get(0);
    }

    private FulfillmentOrder packed() {
        w.fulfillment.startPicking(fo.id(), w.key());
        return w.fulfillment.pack(fo.id(), w.key());
    }

    @Test
    void partial_shipments_are_tracked_by_quantity_and_their_captures_sum_exactly_to_the_grand_total() {
        packed();
        MonetaryAmount grandTotal = OrderTotals.of(w.orders.load(orderId)).grandTotal();
        w.fulfillment.ship(fo.id(), List.of(LineQuantity.of("1", 1)), w.key());
        assertThat(w.fulfillment.load(fo.id()).status()).isEqualTo(FulfillmentOrderStatus.PARTIALLY_SHIPPED);
        w.fulfillment.ship(fo.id(), List.of(LineQuantity.of("1", 1), LineQuantity.of("2", 1)), w.key());
        w.fulfillment.ship(fo.id(), List.of(LineQuantity.of("1", 1), LineQuantity.of("2", 1)), w.key());
        FulfillmentOrder done = w.fulfillment.load(fo.id());
        assertThat(done.status()).isEqualTo(FulfillmentOrderStatus.SHIPPED);
        assertThat(done.lines()).allSatisfy(l -> assertThat(l.shipped()).isEqualTo(l.quantity()));
        Order order = w.orders.load(orderId);
        assertThat(w.gateway.operations().stream().filter(o -> o.kind().equals("capture"))).hasSize(3);
        assertThat(order.payments().captured()).isEqualTo(grandTotal);
        assertThat(order.requireLine(LineId.of("1")).quantities().inTransit()).isEqualTo(Quantity.of(3));
        assertThatThrownBy(() -> w.fulfillment.ship(fo.id(), List.of(LineQuantity.of("1", 1)), w.key()))
                .isInstanceOf(FulfillmentRuleException.class);
    }

    @Test
    void shipping_more_than_is_open_or_before_packing_is_refused() {
        assertThat(catchRule(() -> w.fulfillment.ship(fo.id(), List.of(LineQuantity.of("1", 1)), w.key())))
                .isEqualTo("ship-after-packing");
        packed();
        assertThat(catchRule(() -> w.fulfillment.ship(fo.id(), List.of(LineQuantity.of("1", 4)), w.key())))
                .isEqualTo("ship-within-open");
        assertThat(w.fulfillmentStore.shipmentsOf(fo.id())).isEmpty();
    }

    @Test
    void a_repeated_ship_with_the_same_key_ships_and_captures_once() {
        packed();
        CommandKey key = w.key();
        Shipment first = w.fulfillment.ship(fo.id(), List.of(LineQuantity.of("1", 3)), key);
        Shipment again = w.fulfillment.ship(fo.id(), List.of(LineQuantity.of("1", 3)), key);
        assertThat(again).isEqualTo(first);
        assertThat(w.fulfillmentStore.shipmentsOf(fo.id())).hasSize(1);
        assertThat(w.gateway.operations().stream().filter(o -> o.kind().equals("capture"))).hasSize(1);
        assertThat(w.inventory.position(Sku.of("TSHIRT"), w.berlin.id()).onHand()).isEqualTo(Quantity.of(7));
    }

    @Test
    void tracking_updates_out_of_order_or_twice_never_move_a_parcel_backwards() {
        packed();
        Shipment shipment = w.fulfillment.ship(fo.id(), List.of(LineQuantity.of("1", 3), LineQuantity.of("2", 2)),
                w.key());
        Instant t = w.clock.instant();
        List<TrackingUpdate> journey = w.carrier.journey(shipment.trackingNumber(), t);
        // delivered arrives first, then the older in-transit and out-for-delivery updates, then delivered again
        w.fulfillment.applyTracking(journey.get(2));
        w.fulfillment.applyTracking(journey.get(0));
        Shipment afterOld = w.fulfillment.applyTracking(journey.get(1));
        Shipment afterRepeat = w.fulfillment.applyTracking(journey.get(2));
        assertThat(afterOld.status()).isEqualTo(ShipmentStatus.DELIVERED);
        assertThat(afterRepeat).isEqualTo(afterOld);
        assertThat(afterOld.appliedUpdates()).hasSize(3);
        Order order = w.orders.load(orderId);
        assertThat(order.requireLine(LineId.of("1")).quantities().delivered()).isEqualTo(Quantity.of(3));
        assertThat(w.fulfillment.load(fo.id()).status()).isEqualTo(FulfillmentOrderStatus.DELIVERED);
        // an exception after delivery is older news by definition: delivered is final
        Shipment late = w.fulfillment.applyTracking(new TrackingUpdate("late-1", shipment.trackingNumber(),
                ShipmentStatus.EXCEPTION, t.plus(Duration.ofDays(5)), "scan error"));
        assertThat(late.status()).isEqualTo(ShipmentStatus.DELIVERED);
        assertThatThrownBy(() -> w.fulfillment.applyTracking(new TrackingUpdate("x", "UNKNOWN", ShipmentStatus.IN_TRANSIT,
                t, ""))).isInstanceOf(dev.oms.spi.InvalidInputException.class).hasMessageContaining("UNKNOWN");
    }

    @Test
    void cancelling_before_shipping_releases_the_reservation_and_returns_the_units_to_unallocated() {
        w.fulfillment.startPicking(fo.id(), w.key());
        FulfillmentOrder cancelled = w.fulfillment.cancel(fo.id(), w.key());
        assertThat(cancelled.status()).isEqualTo(FulfillmentOrderStatus.CANCELLED);
        assertThat(w.inventory.position(Sku.of("TSHIRT"), w.berlin.id()).reserved()).isEqualTo(Quantity.ZERO);
        assertThat(w.inventory.reservation(fo.reservationId()).status()).isEqualTo(ReservationStatus.RELEASED);
        Order order = w.orders.load(orderId);
        assertThat(order.requireLine(LineId.of("1")).quantities().unallocated()).isEqualTo(Quantity.of(3));
        assertThat(catchRule(() -> w.fulfillment.startPicking(fo.id(), w.key()))).isEqualTo("pick-after-creation");
    }

    @Test
    void holds_stop_picking_and_shipping_until_released() {
        w.fulfillment.placeHold(fo.id(), "damaged-bin", "bin A-3 flooded", w.key());
        w.fulfillment.placeHold(fo.id(), "address-check", "check the street", w.key());
        assertThat(catchRule(() -> w.fulfillment.startPicking(fo.id(), w.key()))).isEqualTo("no-picking-on-hold");
        assertThat(w.fulfillment.pickList(w.berlin.id()).picks()).isEmpty();
        w.fulfillment.releaseHold(fo.id(), "damaged-bin", w.key());
        assertThat(catchRule(() -> w.fulfillment.startPicking(fo.id(), w.key()))).isEqualTo("no-picking-on-hold");
        w.fulfillment.releaseHold(fo.id(), "address-check", w.key());
        assertThat(w.fulfillment.startPicking(fo.id(), w.key()).status()).isEqualTo(FulfillmentOrderStatus.PICKING);
    }

    @Test
    void a_refused_label_changes_nothing() {
        packed();
        w.carrier.refuse(FulfillmentWorld.potsdam().postalCode());
        LabelFailedException e = (LabelFailedException) catchThrowable(() -> w.fulfillment.ship(fo.id(),
                List.of(LineQuantity.of("1", 1)), w.key()));
        assertThat(e.carrierReason()).isEqualTo("address not serviceable");
        assertThat(w.fulfillment.load(fo.id()).status()).isEqualTo(FulfillmentOrderStatus.PACKED);
        assertThat(w.inventory.position(Sku.of("TSHIRT"), w.berlin.id()).onHand()).isEqualTo(Quantity.of(10));
        assertThat(w.gateway.operations().stream().filter(o -> o.kind().equals("capture"))).isEmpty();
    }

    @Test
    void a_pick_list_groups_open_fulfilment_orders_by_bin_and_sku() {
        OrderId second = w.placeAuthorisedConfirmed("o-2", b -> b.line(FulfillmentWorld.line("1", "TSHIRT", 2, "10.00",
                "0.00")));
        w.fulfillment.createFromPlan(second, w.router.route(RoutingRequest.forOrder(w.orders.load(second))), w.key());
        PickList list = w.fulfillment.pickList(w.berlin.id());
        assertThat(list.picks()).extracting(PickList.Pick::bin, p -> p.sku().value(), PickList.Pick::total)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bin-M", "MUG", 2L),
                        org.assertj.core.groups.Tuple.tuple("bin-T", "TSHIRT", 5L));
        assertThat(list.picks().get(1).perOrder()).hasSize(2);
    }

    @Test
    void nothing_is_picked_packed_labelled_or_shipped_for_an_order_on_hold_and_no_carrier_is_called() {
        packed();
        w.orders.handle(orderId, dev.oms.core.OrderCommand.PlaceHold.of(dev.oms.spi.order.Order.HoldType.ADDRESS,
                "check the street"), w.key());
        int labels = w.carrier.labelsCreated();
        assertThat(catchRule(() -> w.fulfillment.ship(fo.id(), List.of(LineQuantity.of("1", 1)), w.key())))
                .isEqualTo("order-on-hold");
        assertThat(w.carrier.labelsCreated()).as("no label bought").isEqualTo(labels);
        assertThat(w.fulfillment.load(fo.id()).status()).isEqualTo(FulfillmentOrderStatus.PACKED);
        OrderId other = w.placeAuthorisedConfirmed("o-held", b -> b.line(FulfillmentWorld.line("1", "MUG", 1, "3.00",
                "0.00")));
        FulfillmentOrder second = w.fulfillment.createFromPlan(other,
                w.router.route(RoutingRequest.forOrder(w.orders.load(other))), w.key()).created().get(0);
        w.orders.handle(other, OrderCommand.PlaceHold.of(Order.HoldType.FRAUD_REVIEW, "x"),
                w.key());
        assertThat(catchRule(() -> w.fulfillment.startPicking(second.id(), w.key()))).isEqualTo("order-on-hold");
        assertThat(w.fulfillment.load(second.id()).status()).isEqualTo(FulfillmentOrderStatus.CREATED);
    }

    @Test
    void a_fulfilment_order_whose_order_was_cancelled_behind_its_back_ships_nothing() {
        packed();
        // a careless host gives the units back on the order alone and cancels it there
        w.orders.handle(orderId, new OrderCommand.Deallocate(w.berlin.id(), List.of(LineQuantity.of("1", 3),
                LineQuantity.of("2", 2))), w.key());
        w.orders.handle(orderId, new dev.oms.core.OrderCommand.Cancel(dev.oms.spi.order.CancelReason.CUSTOMER_REQUEST,
                ""), w.key());
        int labels = w.carrier.labelsCreated();
        assertThat(catchRule(() -> w.fulfillment.ship(fo.id(), List.of(LineQuantity.of("1", 1)), w.key())))
                .isEqualTo("order-must-be-live");
        assertThat(w.carrier.labelsCreated()).isEqualTo(labels);
        assertThat(w.gateway.operations().stream().filter(o -> o.kind().equals("capture"))).isEmpty();
    }

    @Test
    void cancelling_some_units_releases_them_and_cancelling_the_rest_of_a_partly_shipped_one_leaves_it_shipped() {
        packed();
        FulfillmentOrder fewer = w.fulfillment.cancelUnits(fo.id(), List.of(LineQuantity.of("1", 1)), "customer", w.key());
        assertThat(fewer.status()).isEqualTo(FulfillmentOrderStatus.PACKED);
        assertThat(w.inventory.position(Sku.of("TSHIRT"), w.berlin.id()).reserved()).isEqualTo(Quantity.of(2));
        assertThat(w.orders.load(orderId).requireLine(LineId.of("1")).quantities().allocated()).isEqualTo(Quantity.of(2));
        w.fulfillment.ship(fo.id(), List.of(LineQuantity.of("1", 2)), w.key());
        FulfillmentOrder rest = w.fulfillment.cancelUnits(fo.id(), List.of(LineQuantity.of("2", 2)), "out of stock",
                w.key());
        assertThat(rest.status()).isEqualTo(FulfillmentOrderStatus.SHIPPED);
        assertThat(w.inventory.position(Sku.of("MUG"), w.berlin.id()).reserved()).isEqualTo(Quantity.ZERO);
        assertThat(catchRule(() -> w.fulfillment.cancelUnits(fo.id(), List.of(LineQuantity.of("1", 1)), "", w.key())))
                .isEqualTo("cancel-open-units");
    }

    @Test
    void repeating_a_partial_cancellation_with_its_key_changes_nothing_though_less_is_held_now() {
        packed();
        dev.oms.spi.CommandKey key = w.key();
        FulfillmentOrder fewer = w.fulfillment.cancelUnits(fo.id(), List.of(LineQuantity.of("1", 2)), "customer", key);
        // a repeat after a crash: the first run released the unit, so the line holds two fewer now (less than the two asked);
        // the repeat must ask the same (it asked for what was held, another request under the same key)
        FulfillmentOrder again = w.fulfillment.cancelUnits(fo.id(), List.of(LineQuantity.of("1", 2)), "customer", key);
        assertThat(again).isEqualTo(fewer);
        assertThat(w.inventory.position(Sku.of("TSHIRT"), w.berlin.id()).reserved()).isEqualTo(Quantity.of(1));
        assertThat(w.orders.load(orderId).requireLine(LineId.of("1")).quantities().allocated()).isEqualTo(Quantity.of(1));
    }

    @org.junit.jupiter.api.AfterEach
    void every_fulfilment_order_replays_from_its_events() {
        for (OrderId order : List.of(orderId)) {
            for (FulfillmentOrder stored : w.fulfillment.ofOrder(order)) {
                assertThat(w.fulfillment.decider().replay(w.fulfillment.history(stored.id()))).isEqualTo(stored);
            }
        }
    }

    private static String catchRule(Runnable operation) {
        Throwable thrown = catchThrowable(operation);
        assertThat(thrown).isInstanceOf(FulfillmentRuleException.class);
        return ((FulfillmentRuleException) thrown).rule();
    }

    private static Throwable catchThrowable(Runnable operation) {
        return org.assertj.core.api.Assertions.catchThrowable(operation::run);
    }
}
