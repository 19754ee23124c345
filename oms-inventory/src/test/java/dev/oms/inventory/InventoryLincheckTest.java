package dev.oms.inventory;

import dev.oms.inventory.ReservationOutcome;
import dev.oms.inventory.ReserveRequest;
import dev.oms.inventory.ReserveRequest.ReserveLine;
import dev.oms.inventory.memory.InMemoryInventoryStore;
import dev.oms.spi.CommandKey;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OmsException.ReservationRuleException;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.Reservation;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of reserve, release and commit on the in-memory store, checked by Lincheck in
 * model-checking and stress modes against a sequential run of the same operations.
 *
 * <p>The engine holds no lock, so what is checked is the store's atomic, conditional apply. The
 * operations are written so that their results do not depend on generated ids: a reservation is
 * found through the store and chosen by how many units it holds, and reservations holding the
 * same number of units are interchangeable. (The first version of this test found that the store
 * published a hold before its reservation; it now publishes the reservation first.)
 */
@Param(name = "units", gen = IntGen.class, conf = "1:3")
public class InventoryLincheckTest {
    private static final Sku SKU = Sku.of("HOT");
    private static final LocationId WH = LocationId.of("wh");
    private static final LineId LINE = LineId.of("1");
    private static final OrderId ORDER = OrderId.of("o");

    private final InMemoryInventoryStore store = new InMemoryInventoryStore();
    private final InventoryService inventory = InventoryService.builder(store)
            .clock(Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC))
            .ids(IdGenerator.sequential("lin")).build();
    private final AtomicLong keys = new AtomicLong();

    public InventoryLincheckTest() {
        inventory.definePosition(SKU, WH, PositionSettings.NONE);
        inventory.receive(SKU, WH, Quantity.of(5), Reference.of(Reference.Type.RECEIPT, "po"), key());
    }

    private CommandKey key() {
        return CommandKey.of("k" + keys.incrementAndGet());
    }

    /** Holds {@code units} if they are available; returns the units held (0 if refused). */
    @Operation
    public int reserve(@Param(name = "units") int units) {
        ReservationOutcome outcome = inventory.reserve(ReserveRequest.of(ORDER,
                new ReserveLine(LINE, SKU, WH, Quantity.of(units))), key());
        return outcome instanceof ReservationOutcome.Reserved ? units : 0;
    }

    /** Releases one active reservation holding exactly {@code units}; returns the units released (0 if none). */
    @Operation
    public int release(@Param(name = "units") int units) {
        for (Reservation r : store.reservationsOf(ORDER)) {
            if (r.status().isActive() && r.held() == units) {
                try {
                    inventory.release(r.id(), LINE, Quantity.of(units), key());
                    return units;
                } catch (ReservationRuleException takenMeanwhile) {
                    // another thread released or committed it first; look for another
                }
            }
        }
        return 0;
    }

    /** Ships one active reservation holding exactly {@code units}; returns the units committed (0 if none). */
    @Operation
    public int commit(@Param(name = "units") int units) {
        for (Reservation r : store.reservationsOf(ORDER)) {
            if (r.status().isActive() && r.held() == units) {
                try {
                    inventory.commit(r.id(), LINE, WH, Quantity.of(units), Reference.of(Reference.Type.SHIPMENT, "s"),
                            key());
                    return units;
                } catch (ReservationRuleException takenMeanwhile) {
                    // another thread released or committed it first; look for another
                }
            }
        }
        return 0;
    }

    /** On hand, reserved and available of the hot position. */
    @Operation
    public String position() {
        var p = inventory.position(SKU, WH);
        return p.onHand() + "/" + p.reserved() + "/" + p.available();
    }

    @Test
    void model_checking() {
        new ModelCheckingOptions().iterations(20).invocationsPerIteration(300).threads(2).actorsPerThread(3)
                .actorsBefore(1).actorsAfter(1).check(getClass());
    }

    @Test
    void stress() {
        new StressOptions().iterations(20).invocationsPerIteration(1_000).threads(3).actorsPerThread(3)
                .actorsBefore(1).actorsAfter(1).check(getClass());
    }
}
