package dev.oms.inventory;

import static dev.oms.inventory.InventoryFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.core.OrderCommand;
import dev.oms.core.OrderDecider;
import dev.oms.core.OrderService;
import dev.oms.core.PlaceOrder;
import dev.oms.core.memory.InMemoryOrderStore;
import dev.oms.fakes.ManualClock;
import dev.oms.inventory.OrderReservations.LocationChooser;
import dev.oms.inventory.ReservationOutcome;
import dev.oms.inventory.memory.InMemoryInventoryStore;
import dev.oms.spi.Address;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.LineId;
import dev.oms.spi.OrderId;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.inventory.InventoryEvent;
import dev.oms.spi.inventory.Reservation;
import dev.oms.spi.inventory.Reservation.ReservationStatus;
import dev.oms.spi.inventory.Reservation.ReservePolicy;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.OrderStatus;
import java.time.Instant;
import java.util.List;
import javax.money.Monetary;
import org.junit.jupiter.api.Test;

/** The order lifecycle driving stock: confirm reserves, cancel releases, ship commits, allocation follows holds. */
class OrderReservationsTest {
    private final ManualClock clock = newClock();
    private final InMemoryInventoryStore stock = new InMemoryInventoryStore();
    private final InventoryService inventory = stocked(stock, clock);
    private final OrderService orders = OrderService.builder(new InMemoryOrderStore())
            .decider(OrderDecider.builder().clock(clock).ids(IdGenerator.sequential("ord")).build()).build();
    private final OrderReservations flow = new OrderReservations(orders, inventory, LocationChooser.fixed(BERLIN));

    private OrderId place(String id, long shirts, long mugs) {
        PlaceOrder.Builder b = PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of(id), CustomerRef.of("c"),
                Monetary.getCurrency("EUR")).shipTo(Address.of("DE", "10115")).placedAt(Instant.parse("2026-11-21T09:00:00Z"))
                .line("1", "TSHIRT-M", shirts, Amounts.of("20.00", "EUR"));
        if (mugs > 0) {
            b.line("2", "MUG", mugs, Amounts.of("8.00", "EUR"));
        }
        return orders.place(b.build()).order().id();
    }

    @Test
    void confirming_reserves_and_allocates_cancelling_releases_and_shipping_commits() {
        inventory.receive(TSHIRT, BERLIN, q(10), receipt("po-1"), key());
        inventory.receive(MUG, BERLIN, q(10), receipt("po-2"), key());
        OrderId id = place("w-1", 3, 2);

        OrderReservations.Confirmed confirmed = flow.confirmAndReserve(id, ReservePolicy.ALL_OR_NOTHING, key());
        assertThat(confirmed.reservation()).isInstanceOf(ReservationOutcome.Reserved.class);
        assertThat(confirmed.order().status()).isEqualTo(OrderStatus.PROCESSING);
        assertThat(confirmed.order().requireLine(LineId.of("1")).quantities().allocated()).isEqualTo(q(3));
        assertThat(inventory.position(TSHIRT, BERLIN).reserved()).isEqualTo(q(3));

        Order afterCancel = flow.cancelLine(id, LineId.of("2"), q(1), CancelReason.CUSTOMER_REQUEST, key());
        assertThat(afterCancel.requireLine(LineId.of("2")).quantities().allocated()).isEqualTo(q(1));
        assertThat(inventory.position(MUG, BERLIN).reserved()).isEqualTo(q(1));

        Order shipped = flow.ship(id, ShipmentId.of("s-1"), BERLIN, List.of(LineQuantity.of("1", 3), LineQuantity.of("2", 1)),
                key());
        assertThat(shipped.requireLine(LineId.of("1")).quantities().inTransit()).isEqualTo(q(3));
        assertThat(inventory.position(TSHIRT, BERLIN).onHand()).isEqualTo(q(7));
        assertThat(inventory.position(TSHIRT, BERLIN).reserved()).isEqualTo(q(0));
        assertThat(inventory.reservationsOf(id)).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(ReservationStatus.COMMITTED));
        assertThat(inventory.reconcile(List.of(TSHIRT, MUG)).balanced()).isTrue();
    }

    @Test
    void a_shortfall_is_a_typed_outcome_and_the_unheld_units_stay_unallocated() {
        inventory.receive(TSHIRT, BERLIN, q(2), receipt("po-1"), key());
        OrderId id = place("w-2", 5, 0);
        OrderReservations.Confirmed refused = flow.confirmAndReserve(id, ReservePolicy.ALL_OR_NOTHING, key());
        assertThat(refused.reservation()).isInstanceOf(ReservationOutcome.Refused.class);
        assertThat(refused.reservation().shortfalls()).singleElement()
                .satisfies(s -> assertThat(s.unfilled()).isEqualTo(q(5)));
        assertThat(refused.order().status()).isEqualTo(OrderStatus.CONFIRMED);

        OrderReservations.Confirmed partial = flow.confirmAndReserve(id, ReservePolicy.PARTIAL, key());
        assertThat(partial.reservation()).isInstanceOf(ReservationOutcome.Partial.class);
        assertThat(partial.order().requireLine(LineId.of("1")).quantities().allocated()).isEqualTo(q(2));
        assertThat(partial.order().requireLine(LineId.of("1")).quantities().unallocated()).isEqualTo(q(3));
    }

    @Test
    void a_filled_backorder_becomes_an_allocation_and_a_cancellation_releases_everything() {
        inventory.setBackorderLimit(TSHIRT, q(10));
        inventory.receive(TSHIRT, BERLIN, q(1), receipt("po-1"), key());
        OrderId id = place("w-3", 4, 0);
        OrderReservations.Confirmed confirmed = flow.confirmAndReserve(id, ReservePolicy.BACKORDER, key());
        assertThat(confirmed.reservation()).isInstanceOf(ReservationOutcome.Backordered.class);
        assertThat(confirmed.order().requireLine(LineId.of("1")).quantities().allocated()).isEqualTo(q(1));

        inventory.receive(TSHIRT, BERLIN, q(3), receipt("po-2"), key());
        assertThat(stock.unpublished(100).stream().map(e -> e.event()))
                .hasAtLeastOneElementOfType(InventoryEvent.BackorderFilled.class);
        Order synced = flow.syncAllocations(id, key());
        assertThat(synced.requireLine(LineId.of("1")).quantities().allocated()).isEqualTo(q(4));

        Order cancelled = flow.cancel(id, CancelReason.CUSTOMER_REQUEST, "", key());
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(inventory.position(TSHIRT, BERLIN).reserved()).isEqualTo(q(0));
        assertThat(inventory.reservationsOf(id)).extracting(Reservation::status).containsOnly(ReservationStatus.RELEASED);
    }

    @Test
    void repeating_a_step_with_the_same_key_changes_nothing() {
        inventory.receive(TSHIRT, BERLIN, q(10), receipt("po-1"), key());
        OrderId id = place("w-4", 2, 0);
        CommandKey key = key();
        OrderReservations.Confirmed first = flow.confirmAndReserve(id, ReservePolicy.ALL_OR_NOTHING, key);
        OrderReservations.Confirmed again = flow.confirmAndReserve(id, ReservePolicy.ALL_OR_NOTHING, key);
        assertThat(again.order()).isEqualTo(first.order());
        assertThat(inventory.position(TSHIRT, BERLIN).reserved()).isEqualTo(q(2));
        assertThat(inventory.reservationsOf(id)).hasSize(1);
    }

    @Test
    void the_most_available_chooser_picks_the_fullest_location() {
        inventory.definePosition(TSHIRT, MUNICH, PositionSettings.NONE);
        inventory.receive(TSHIRT, BERLIN, q(2), receipt("po-1"), key());
        inventory.receive(TSHIRT, MUNICH, q(6), receipt("po-2"), key());
        OrderReservations byStock = new OrderReservations(orders, inventory,
                LocationChooser.mostAvailable(inventory.availability()));
        OrderId id = place("w-5", 3, 0);
        byStock.confirmAndReserve(id, ReservePolicy.ALL_OR_NOTHING, key());
        assertThat(inventory.position(TSHIRT, MUNICH).reserved()).isEqualTo(q(3));
    }

    @Test
    void an_order_on_hold_is_confirmed_and_reserved_but_allocated_only_once_released() {
        inventory.receive(TSHIRT, BERLIN, q(10), receipt("po-hold"), key());
        OrderId id = place("w-hold", 2, 0);
        orders.handle(id, OrderCommand.PlaceHold.of(Order.HoldType.FRAUD_REVIEW, "review"));
        OrderReservations.Confirmed confirmed = flow.confirmAndReserve(id, ReservePolicy.ALL_OR_NOTHING, key());
        assertThat(confirmed.order().status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(confirmed.reservation().reservation()).isPresent();
        assertThat(inventory.position(TSHIRT, BERLIN).reserved()).isEqualTo(q(2));
        assertThat(confirmed.order().requireLine(LineId.of("1")).quantities().allocated()).isEqualTo(q(0));

        orders.handle(id, OrderCommand.ReleaseHold.of(Order.HoldType.FRAUD_REVIEW, "ok"));
        Order allocated = flow.syncAllocations(id, key());
        assertThat(allocated.requireLine(LineId.of("1")).quantities().allocated()).isEqualTo(q(2));
        assertThat(allocated.status()).isEqualTo(OrderStatus.PROCESSING);
    }

    @Test
    void confirming_again_after_a_hold_reserves_nothing_twice_and_allocates_what_is_held() {
        inventory.receive(TSHIRT, BERLIN, q(10), receipt("po-again"), key());
        OrderId id = place("w-again", 3, 0);
        orders.handle(id, dev.oms.core.OrderCommand.PlaceHold.of(dev.oms.spi.order.Order.HoldType.ADDRESS, "check"));
        flow.confirmAndReserve(id, ReservePolicy.ALL_OR_NOTHING, key());
        orders.handle(id, dev.oms.core.OrderCommand.ReleaseHold.of(dev.oms.spi.order.Order.HoldType.ADDRESS, "fine"));
        OrderReservations.Confirmed again = flow.confirmAndReserve(id, ReservePolicy.ALL_OR_NOTHING, key());
        assertThat(inventory.reservationsOf(id)).hasSize(1);
        assertThat(inventory.position(TSHIRT, BERLIN).reserved()).isEqualTo(q(3));
        assertThat(again.order().requireLine(LineId.of("1")).quantities().allocated()).isEqualTo(q(3));
    }
}
