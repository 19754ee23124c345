package dev.oms.inventory;

import static dev.oms.inventory.InventoryFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.oms.inventory.memory.InMemoryInventoryStore;
import dev.oms.spi.CommandKey;
import dev.oms.spi.InvalidInputException.UnknownPositionException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OmsException.CommandKeyConflictException;
import dev.oms.spi.OmsException.PositionConflictException;
import dev.oms.spi.ReservationId;
import dev.oms.spi.Sku;
import dev.oms.spi.StaleVersionException.ReservationConflictException;
import dev.oms.spi.inventory.InventoryChange;
import dev.oms.spi.inventory.InventoryChange.BackorderDelta;
import dev.oms.spi.inventory.InventoryChange.OperationRecord;
import dev.oms.spi.inventory.InventoryChange.PositionDelta;
import dev.oms.spi.inventory.InventoryChange.ReservationWrite;
import dev.oms.spi.inventory.InventoryEvent;
import dev.oms.spi.inventory.InventoryStore.ApplyResult;
import dev.oms.spi.inventory.Movement.MovementReason;
import dev.oms.spi.inventory.PositionKey;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.Reservation;
import dev.oms.spi.inventory.Reservation.RequestedLine;
import dev.oms.spi.inventory.Reservation.ReservationStatus;
import dev.oms.spi.inventory.Reservation.ReservePolicy;
import dev.oms.spi.inventory.Reservation.ReservedLine;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The {@link dev.oms.spi.inventory.InventoryStore} contract, on the in-memory store. */
class InMemoryInventoryStoreTest {
    private static final Instant AT = Instant.parse("2026-11-21T10:00:00Z");
    private static final Reference REF = Reference.of(Reference.Type.ORDER, "o-1");
    private static final PositionKey BERLIN_SHIRTS = PositionKey.of(TSHIRT, BERLIN);
    private static final PositionKey MUNICH_SHIRTS = PositionKey.of(TSHIRT, MUNICH);

    private final InMemoryInventoryStore store = new InMemoryInventoryStore();
    private int changes;

    InMemoryInventoryStoreTest() {
        store.definePosition(BERLIN_SHIRTS, new PositionSettings(q(0), q(4), q(10)));
        store.definePosition(MUNICH_SHIRTS, PositionSettings.NONE);
        apply(List.of(PositionDelta.onHand(BERLIN_SHIRTS, 5, MovementReason.RECEIPT, REF),
                PositionDelta.onHand(MUNICH_SHIRTS, 2, MovementReason.RECEIPT, REF)), Optional.empty());
    }

    private ApplyResult apply(List<PositionDelta> deltas, Optional<ReservationWrite> reservation) {
        return store.apply(new InventoryChange("c" + (++changes), AT, deltas, reservation, List.of(), List.of(),
                Optional.empty()));
    }

    private static Reservation reservation(long version, long held) {
        return new Reservation(ReservationId.of("r-1"), ORDER, ReservationStatus.ACTIVE,
                List.of(new RequestedLine(LineId.of("1"), BERLIN_SHIRTS, q(2))), ReservePolicy.ALL_OR_NOTHING,
                List.of(ReservedLine.holding(LineId.of("1"), BERLIN_SHIRTS, q(held))), List.of(), Optional.empty(), 0,
                AT, version);
    }

    @Test
    void every_shortfall_is_reported_and_nothing_is_applied() {
        ApplyResult result = apply(List.of(PositionDelta.hold(BERLIN_SHIRTS, 6, MovementReason.RESERVE, REF),
                PositionDelta.hold(MUNICH_SHIRTS, 3, MovementReason.RESERVE, REF)), Optional.empty());
        assertThat(result).isInstanceOf(ApplyResult.Refused.class);
        assertThat(((ApplyResult.Refused) result).shortfalls()).hasSize(2);
        assertThat(store.position(BERLIN_SHIRTS).orElseThrow().reserved()).isEqualTo(q(0));
        assertThat(store.movements(BERLIN_SHIRTS)).hasSize(1);
    }

    @Test
    void deltas_on_one_position_are_checked_on_their_sum() {
        ApplyResult result = apply(List.of(PositionDelta.hold(BERLIN_SHIRTS, 3, MovementReason.RESERVE, REF),
                PositionDelta.hold(BERLIN_SHIRTS, 3, MovementReason.RESERVE, REF)), Optional.empty());
        assertThat(((ApplyResult.Refused) result).shortfalls()).singleElement()
                .satisfies(s -> assertThat(s.requested()).isEqualTo(6));
    }

    @Test
    void a_stale_reservation_is_a_conflict_even_when_the_stock_would_also_refuse() {
        apply(List.of(PositionDelta.hold(BERLIN_SHIRTS, 2, MovementReason.RESERVE, REF)),
                Optional.of(new ReservationWrite(reservation(1, 2), 0)));
        // Someone releases the hold (version 2); a commit planned on version 1 arrives late. Its
        // delta would take reserved below zero, but what it really is, is stale.
        apply(List.of(PositionDelta.unhold(BERLIN_SHIRTS, 2, MovementReason.RELEASE, REF)),
                Optional.of(new ReservationWrite(reservation(2, 0), 1)));
        PositionDelta commit = new PositionDelta(BERLIN_SHIRTS, MovementReason.COMMIT, REF, -2, -2, 0, 0, false,
                OptionalLong.empty());
        assertThatThrownBy(() -> apply(List.of(commit), Optional.of(new ReservationWrite(reservation(2, 0), 1))))
                .isInstanceOf(ReservationConflictException.class);
    }

    @Test
    void keys_expected_counts_and_unknown_positions_refuse_the_whole_change() {
        CommandKey key = CommandKey.of("once");
        store.apply(new InventoryChange("k1", AT, List.of(PositionDelta.onHand(MUNICH_SHIRTS, 1, MovementReason.RECEIPT,
                REF)), Optional.empty(), List.of(), List.of(), Optional.of(new OperationRecord(key, "f", Optional.empty(),
                        "k1"))));
        assertThatThrownBy(() -> store.apply(new InventoryChange("k2", AT, List.of(PositionDelta.onHand(MUNICH_SHIRTS, 1,
                MovementReason.RECEIPT, REF)), Optional.empty(), List.of(), List.of(), Optional.of(
                        new OperationRecord(key, "f", Optional.empty(), "k2"))))).isInstanceOf(CommandKeyConflictException.class);
        assertThatThrownBy(() -> apply(List.of(new PositionDelta(MUNICH_SHIRTS, MovementReason.COUNT, REF, 1, 0, 0, 0,
                false, OptionalLong.of(99))), Optional.empty())).isInstanceOf(PositionConflictException.class);
        assertThatThrownBy(() -> apply(List.of(PositionDelta.onHand(MUNICH_SHIRTS, 1, MovementReason.RECEIPT, REF),
                PositionDelta.onHand(PositionKey.of(Sku.of("NOPE"), LocationId.of("x")), 1, MovementReason.RECEIPT, REF)),
                Optional.empty())).isInstanceOf(UnknownPositionException.class);
        assertThat(store.position(MUNICH_SHIRTS).orElseThrow().onHand()).isEqualTo(q(3));
    }

    @Test
    void backorders_stay_within_their_limit() {
        store.setBackorderLimit(MUG, q(3));
        InventoryChange tooMany = new InventoryChange("b1", AT, List.of(), Optional.empty(),
                List.of(new BackorderDelta(MUG, 4)), List.of(), Optional.empty());
        assertThat(store.apply(tooMany)).isInstanceOf(ApplyResult.Refused.class);
        assertThat(store.backorderAccount(MUG).backordered()).isEqualTo(q(0));
    }

    @Test
    void crossing_the_reorder_point_appends_one_low_stock_signal_with_the_change() {
        ApplyResult result = apply(List.of(PositionDelta.hold(BERLIN_SHIRTS, 2, MovementReason.RESERVE, REF)),
                Optional.empty());
        assertThat(((ApplyResult.Applied) result).events()).singleElement()
                .isInstanceOfSatisfying(InventoryEvent.LowStock.class, e -> assertThat(e.available()).isEqualTo(3));
        apply(List.of(PositionDelta.hold(BERLIN_SHIRTS, 1, MovementReason.RESERVE, REF)), Optional.empty());
        assertThat(store.unpublished(10)).hasSize(1);
    }
}
