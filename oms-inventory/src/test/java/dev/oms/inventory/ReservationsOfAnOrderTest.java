package dev.oms.inventory;

import static dev.oms.inventory.InventoryFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.fakes.ManualClock;
import dev.oms.inventory.ReserveRequest.ReserveLine;
import dev.oms.inventory.memory.InMemoryInventoryStore;
import dev.oms.spi.LineId;
import dev.oms.spi.OrderId;
import dev.oms.spi.inventory.Reservation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The in-memory store indexes an order's one reservation without a set of its own and switches to
 * a set at the second: both forms list, and forget on the purge, exactly the order's reservations.
 */
class ReservationsOfAnOrderTest {
    private final ManualClock clock = newClock();
    private final InMemoryInventoryStore store = new InMemoryInventoryStore(clock);
    private final InventoryService inventory = stocked(store, clock);

    private Reservation reserve(OrderId order, int line) {
        return inventory.reserve(ReserveRequest.of(order, new ReserveLine(LineId.of(String.valueOf(line)), TSHIRT,
                BERLIN, q(1))), key()).reservation().orElseThrow();
    }

    @Test
    void one_two_and_none_after_the_purge() {
        inventory.receive(TSHIRT, BERLIN, q(10), receipt("po-1"), key());
        OrderId single = OrderId.of("single");
        OrderId several = OrderId.of("several");
        Reservation only = reserve(single, 1);
        List<Reservation> three = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            three.add(reserve(several, i));
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(inventory.reservationsOf(single)).containsExactly(only);
        assertThat(inventory.reservationsOf(several)).containsExactlyElementsOf(three);

        inventory.release(only.id(), key());
        inventory.release(three.get(1).id(), key());
        clock.advance(Duration.ofSeconds(1));
        assertThat(store.purgeClosedReservations(Duration.ZERO, 10)).isEqualTo(2);
        assertThat(inventory.reservationsOf(single)).isEmpty();
        assertThat(inventory.reservationsOf(several)).extracting(Reservation::id)
                .containsExactly(three.get(0).id(), three.get(2).id());
        Reservation again = reserve(single, 4);
        assertThat(inventory.reservationsOf(single)).containsExactly(again);
    }
}
