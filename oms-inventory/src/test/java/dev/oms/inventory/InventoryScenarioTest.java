package dev.oms.inventory;

import static dev.oms.inventory.InventoryFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.fakes.ManualClock;
import dev.oms.inventory.ReservationOutcome;
import dev.oms.inventory.ReserveRequest;
import dev.oms.inventory.ReserveRequest.ReserveLine;
import dev.oms.inventory.memory.InMemoryInventoryStore;
import dev.oms.spi.LineId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.inventory.InventoryEvent;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.Reservation;
import dev.oms.spi.inventory.Reservation.ReservationStatus;
import dev.oms.spi.inventory.Reservation.ReservePolicy;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import dev.oms.spi.store.EventOutbox.OutboxEntry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A day in a warehouse, read top to bottom. */
class InventoryScenarioTest {
    @Test
    void a_day_of_stock_from_receipt_to_restock() {
        InMemoryInventoryStore store = new InMemoryInventoryStore();
        ManualClock clock = newClock();
        InventoryService inventory = service(store, clock);

        // Berlin stocks T-shirts, keeps 2 back as safety stock, and wants a signal below 5 available.
        inventory.definePosition(TSHIRT, BERLIN, new PositionSettings(q(2), q(5), q(50)));
        inventory.setBackorderLimit(TSHIRT, q(10));
        inventory.receive(TSHIRT, BERLIN, q(20), receipt("po-1"), key());
        assertThat(inventory.availability().atp(TSHIRT, BERLIN)).isEqualTo(18);

        // A checkout holds 3 for 15 minutes; the customer walks away and the hold lapses.
        Reservation cart = inventory.reserve(ReserveRequest.of(OrderId.of("cart-1"),
                ReserveLine.of("1", "TSHIRT-M", "wh-berlin", 3)).expiringAt(clock.instant().plus(Duration.ofMinutes(15))),
                key()).reservation().orElseThrow();
        assertThat(inventory.availability().atp(TSHIRT)).isEqualTo(15);
        clock.advance(Duration.ofMinutes(16));
        assertThat(inventory.sweepExpired()).isEqualTo(1);
        assertThat(inventory.reservation(cart.id()).status()).isEqualTo(ReservationStatus.EXPIRED);
        assertThat(inventory.availability().atp(TSHIRT)).isEqualTo(18);

        // An order takes 14: available drops below the reorder point, and a low-stock signal is raised.
        Reservation order = inventory.reserve(ReserveRequest.of(OrderId.of("o-7"),
                ReserveLine.of("1", "TSHIRT-M", "wh-berlin", 14)), key()).reservation().orElseThrow();
        assertThat(inventory.availability().atp(TSHIRT, BERLIN)).isEqualTo(4);

        // A big order wants 10 more: 4 are held, 6 backordered.
        ReservationOutcome big = inventory.reserve(ReserveRequest.of(OrderId.of("o-8"),
                ReserveLine.of("1", "TSHIRT-M", "wh-berlin", 10)).withPolicy(ReservePolicy.BACKORDER), key());
        assertThat(big).isInstanceOf(ReservationOutcome.Backordered.class);
        assertThat(big.reservation().orElseThrow().held()).isEqualTo(4);
        assertThat(big.reservation().orElseThrow().backordered()).isEqualTo(6);

        // The first order ships; a delivery arrives and fills the backorder.
        inventory.commit(order.id(), LineId.of("1"), BERLIN, q(14), Reference.of(Reference.Type.SHIPMENT, "shp-1"),
                key());
        inventory.receive(TSHIRT, BERLIN, q(10), receipt("po-2"), key());
        Reservation filled = inventory.reservation(big.reservation().orElseThrow().id());
        assertThat(filled.held()).isEqualTo(10);
        assertThat(filled.backordered()).isZero();

        // A customer returns one shirt; it goes back on the shelf.
        inventory.restock(TSHIRT, BERLIN, Quantity.of(1), Reference.of(Reference.Type.RETURN, "rma-1"), key());

        // At the end of the day the ledger explains every unit.
        assertThat(inventory.position(TSHIRT, BERLIN).onHand()).isEqualTo(q(20 - 14 + 10 + 1));
        assertThat(inventory.reconcile(List.of(TSHIRT)).balanced()).isTrue();
        List<InventoryEvent> events = store.unpublished(100).stream().map(OutboxEntry::event).toList();
        assertThat(events).hasAtLeastOneElementOfType(InventoryEvent.LowStock.class)
                .hasAtLeastOneElementOfType(InventoryEvent.BackorderFilled.class)
                .hasAtLeastOneElementOfType(InventoryEvent.ReservationExpired.class);
    }
}
