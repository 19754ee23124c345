package dev.oms.inventory;

import static dev.oms.inventory.InventoryFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import dev.oms.fakes.ManualClock;
import dev.oms.inventory.ReservationOutcome;
import dev.oms.inventory.ReserveRequest;
import dev.oms.inventory.ReserveRequest.ReserveLine;
import dev.oms.inventory.memory.InMemoryInventoryStore;
import dev.oms.spi.CommandKey;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.InvalidInputException.InvalidQuantityException;
import dev.oms.spi.InvalidInputException.UnknownPositionException;
import dev.oms.spi.InvalidInputException.UnknownSkuException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OmsException;
import dev.oms.spi.OmsException.CommandKeyConflictException;
import dev.oms.spi.OmsException.ReservationNotFoundException;
import dev.oms.spi.OmsException.ReservationRuleException;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.IncomingStock;
import dev.oms.spi.inventory.InsufficientStockException;
import dev.oms.spi.inventory.InventoryEvent;
import dev.oms.spi.inventory.Movement;
import dev.oms.spi.inventory.Movement.MovementReason;
import dev.oms.spi.inventory.PositionKey;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.Reservation;
import dev.oms.spi.inventory.Reservation.ReservationStatus;
import dev.oms.spi.inventory.Reservation.ReservePolicy;
import dev.oms.spi.inventory.StockPosition;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import dev.oms.spi.store.EventOutbox.OutboxEntry;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InventoryServiceTest {
    private static final Reference SHIPMENT = Reference.of(Reference.Type.SHIPMENT, "shp-1");
    private static final LineId L1 = LineId.of("1");
    private static final LineId L2 = LineId.of("2");

    private final InMemoryInventoryStore store = new InMemoryInventoryStore();
    private final ManualClock clock = newClock();
    private final InventoryService inventory = stocked(store, clock);

    @BeforeEach
    void stock() {
        inventory.receive(TSHIRT, BERLIN, q(10), receipt("po-1"), key());
        inventory.receive(MUG, BERLIN, q(5), receipt("po-2"), key());
    }

    private Reservation reserve(ReserveLine... lines) {
        return inventory.reserve(ReserveRequest.of(ORDER, lines), key()).reservation().orElseThrow();
    }

    /** Runs an operation that must be refused with {@code type}; positions, ledger, reservations and outbox stay as they were. */
    private <T extends OmsException> T refused(Supplier<?> operation, Class<T> type) {
        List<StockPosition> before = List.of(inventory.position(TSHIRT, BERLIN), inventory.position(MUG, BERLIN),
                inventory.position(TSHIRT, MUNICH));
        int ledger = store.movements(PositionKey.of(TSHIRT, BERLIN)).size();
        List<Reservation> reservations = store.reservationsOf(ORDER);
        int outbox = store.unpublished(1000).size();
        Throwable thrown = catchThrowable(operation::get);
        assertThat(thrown).isInstanceOf(type);
        assertThat(List.of(inventory.position(TSHIRT, BERLIN), inventory.position(MUG, BERLIN),
                inventory.position(TSHIRT, MUNICH))).isEqualTo(before);
        assertThat(store.movements(PositionKey.of(TSHIRT, BERLIN))).hasSize(ledger);
        assertThat(store.reservationsOf(ORDER)).isEqualTo(reservations);
        assertThat(store.unpublished(1000)).hasSize(outbox);
        return type.cast(thrown);
    }

    @Nested
    class Reserving {
        @Test
        void all_or_nothing_holds_everything_or_nothing_and_reports_every_line() {
            Reservation r = reserve(ReserveLine.of("1", "TSHIRT-M", "wh-berlin", 4), ReserveLine.of("2", "MUG", "wh-berlin", 5));
            assertThat(r.held()).isEqualTo(9);
            assertThat(inventory.position(MUG, BERLIN).available()).isZero();
            ReservationOutcome refused = inventory.reserve(ReserveRequest.of(OrderId.of("o-2"),
                    ReserveLine.of("1", "TSHIRT-M", "wh-berlin", 1), ReserveLine.of("2", "MUG", "wh-berlin", 1)), key());
            assertThat(refused).isInstanceOf(ReservationOutcome.Refused.class);
            assertThat(refused.shortfalls()).hasSize(2);
            assertThat(inventory.position(TSHIRT, BERLIN).reserved()).isEqualTo(q(4));
        }

        @Test
        void two_lines_on_one_sku_are_checked_against_their_sum() {
            ReservationOutcome outcome = inventory.reserve(ReserveRequest.of(ORDER,
                    ReserveLine.of("1", "TSHIRT-M", "wh-berlin", 6), ReserveLine.of("2", "TSHIRT-M", "wh-berlin", 6)),
                    key());
            assertThat(outcome).isInstanceOf(ReservationOutcome.Refused.class);
            assertThat(inventory.position(TSHIRT, BERLIN).reserved()).isEqualTo(Quantity.ZERO);
        }

        @Test
        void partial_holds_what_is_there_line_by_line() {
            ReservationOutcome outcome = inventory.reserve(ReserveRequest.of(ORDER,
                    ReserveLine.of("1", "TSHIRT-M", "wh-berlin", 6), ReserveLine.of("2", "TSHIRT-M", "wh-berlin", 6))
                    .withPolicy(ReservePolicy.PARTIAL), key());
            assertThat(outcome).isInstanceOf(ReservationOutcome.Partial.class);
            assertThat(outcome.reservation().orElseThrow().held()).isEqualTo(10);
            assertThat(outcome.shortfalls()).singleElement().satisfies(s -> {
                assertThat(s.lineId()).isEqualTo(L2);
                assertThat(s.reserved()).isEqualTo(q(4));
                assertThat(s.unfilled()).isEqualTo(q(2));
            });
        }

        @Test
        void backorder_holds_what_exists_and_backorders_the_rest_within_the_limit() {
            inventory.setBackorderLimit(TSHIRT, q(3));
            ReservationOutcome outcome = inventory.reserve(ReserveRequest.of(ORDER,
                    ReserveLine.of("1", "TSHIRT-M", "wh-berlin", 15)).withPolicy(ReservePolicy.BACKORDER), key());
            assertThat(outcome).isInstanceOf(ReservationOutcome.Backordered.class);
            Reservation r = outcome.reservation().orElseThrow();
            assertThat(r.held()).isEqualTo(10);
            assertThat(r.backordered()).isEqualTo(3);
            assertThat(outcome.shortfalls()).singleElement().satisfies(s -> assertThat(s.unfilled()).isEqualTo(q(2)));
            assertThat(store.backorderAccount(TSHIRT).backordered()).isEqualTo(q(3));
            ReservationOutcome none = inventory.reserve(ReserveRequest.of(OrderId.of("o-2"),
                    ReserveLine.of("1", "TSHIRT-M", "wh-berlin", 1)).withPolicy(ReservePolicy.BACKORDER), key());
            assertThat(none).isInstanceOf(ReservationOutcome.Refused.class);
        }

        @Test
        void backorders_fill_by_priority_then_placement_when_stock_arrives() {
            inventory.setBackorderLimit(MUG, q(100));
            reserve(ReserveLine.of("1", "MUG", "wh-berlin", 5));
            Reservation first = backorder("o-a", 2, 0);
            clock.advance(Duration.ofMinutes(1));
            Reservation second = backorder("o-b", 2, 0);
            clock.advance(Duration.ofMinutes(1));
            Reservation vip = backorder("o-c", 2, 5);
            inventory.receive(MUG, MUNICH, q(3), receipt("po-9"), key());
            assertThat(inventory.reservation(vip.id()).backordered()).isZero();
            assertThat(inventory.reservation(first.id()).backordered()).isEqualTo(1);
            assertThat(inventory.reservation(second.id()).backordered()).isEqualTo(2);
            assertThat(inventory.reservation(vip.id()).lines()).singleElement()
                    .satisfies(l -> assertThat(l.position().location()).isEqualTo(MUNICH));
            List<InventoryEvent.BackorderFilled> fills = store.unpublished(1000).stream().map(OutboxEntry::event)
                    .filter(InventoryEvent.BackorderFilled.class::isInstance).map(InventoryEvent.BackorderFilled.class::cast)
                    .toList();
            assertThat(fills).extracting(InventoryEvent.BackorderFilled::reservationId).containsExactly(vip.id(), first.id());
        }

        private Reservation backorder(String order, long units, int priority) {
            return inventory.reserve(ReserveRequest.of(OrderId.of(order), ReserveLine.of("1", "MUG", "wh-berlin", units))
                    .withPolicy(ReservePolicy.BACKORDER).withPriority(priority), key()).reservation().orElseThrow();
        }

        @Test
        void the_same_key_returns_the_first_outcome_and_changes_nothing() {
            CommandKey key = key();
            ReserveRequest request = ReserveRequest.of(ORDER, ReserveLine.of("1", "TSHIRT-M", "wh-berlin", 4));
            ReservationOutcome first = inventory.reserve(request, key);
            ReservationOutcome again = inventory.reserve(request, key);
            assertThat(again.reservation()).isEqualTo(first.reservation());
            assertThat(inventory.position(TSHIRT, BERLIN).reserved()).isEqualTo(q(4));
            assertThatThrownBy(() -> inventory.reserve(ReserveRequest.of(ORDER,
                    ReserveLine.of("1", "TSHIRT-M", "wh-berlin", 5)), key)).isInstanceOf(CommandKeyConflictException.class);
        }

        @Test
        void safety_stock_is_never_promised() {
            inventory.definePosition(TSHIRT, BERLIN, new PositionSettings(q(3), q(0), q(0)));
            assertThat(inventory.availability().atp(TSHIRT, BERLIN)).isEqualTo(7);
            assertThat(inventory.reserve(ReserveRequest.of(ORDER, ReserveLine.of("1", "TSHIRT-M", "wh-berlin", 8)), key()))
                    .isInstanceOf(ReservationOutcome.Refused.class);
        }
    }

    @Nested
    class Changing {
        @Test
        void commit_drops_on_hand_and_reserved_and_closes_the_reservation() {
            Reservation r = reserve(ReserveLine.of("1", "TSHIRT-M", "wh-berlin", 4));
            Reservation after = inventory.commit(r.id(), L1, BERLIN, q(4), SHIPMENT, key());
            assertThat(after.status()).isEqualTo(ReservationStatus.COMMITTED);
            StockPosition p = inventory.position(TSHIRT, BERLIN);
            assertThat(p.onHand()).isEqualTo(q(6));
            assertThat(p.reserved()).isEqualTo(Quantity.ZERO);
        }

        @Test
        void release_whole_twice_is_idempotent_and_part_release_takes_backorders_first() {
            Reservation r = reserve(ReserveLine.of("1", "TSHIRT-M", "wh-berlin", 4));
            Reservation released = inventory.release(r.id(), key());
            assertThat(released.status()).isEqualTo(ReservationStatus.RELEASED);
            assertThat(inventory.release(r.id(), key())).isEqualTo(released);
            assertThat(inventory.position(TSHIRT, BERLIN).reserved()).isEqualTo(Quantity.ZERO);

            inventory.setBackorderLimit(MUG, q(5));
            Reservation b = inventory.reserve(ReserveRequest.of(OrderId.of("o-2"),
                    ReserveLine.of("1", "MUG", "wh-berlin", 7)).withPolicy(ReservePolicy.BACKORDER), key())
                    .reservation().orElseThrow();
            Reservation part = inventory.release(b.id(), L1, q(3), key());
            assertThat(part.backordered()).isZero();
            assertThat(part.held()).isEqualTo(4);
            assertThat(store.backorderAccount(MUG).backordered()).isEqualTo(Quantity.ZERO);
        }

        @Test
        void move_to_another_location_checks_the_stock_there() {
            inventory.receive(TSHIRT, MUNICH, q(2), receipt("po-3"), key());
            Reservation r = reserve(ReserveLine.of("1", "TSHIRT-M", "wh-berlin", 4));
            Reservation moved = inventory.move(r.id(), L1, BERLIN, MUNICH, q(2), key());
            assertThat(moved.linesOf(L1)).extracting(l -> l.held().value()).containsExactly(2L, 2L);
            assertThat(inventory.position(TSHIRT, MUNICH).reserved()).isEqualTo(q(2));
            InsufficientStockException e = refused(() -> inventory.move(r.id(), L1, BERLIN, MUNICH, q(1), key()),
                    InsufficientStockException.class);
            assertThat(e.shortfalls()).singleElement().satisfies(s -> assertThat(s.location()).contains(MUNICH));
        }

        @Test
        void count_sets_on_hand_and_damage_and_quality_control_move_units_out_of_sale() {
            inventory.count(TSHIRT, BERLIN, q(8), Reference.of(Reference.Type.COUNT, "cc-1"), key());
            assertThat(inventory.position(TSHIRT, BERLIN).onHand()).isEqualTo(q(8));
            inventory.damage(TSHIRT, BERLIN, q(1), Reference.of(Reference.Type.COUNT, "cc-1"), key());
            inventory.qualityControl(TSHIRT, BERLIN, q(2), true, false, Reference.of(Reference.Type.COUNT, "qc-1"), key());
            inventory.qualityControl(TSHIRT, BERLIN, q(1), false, true, Reference.of(Reference.Type.COUNT, "qc-1"), key());
            inventory.qualityControl(TSHIRT, BERLIN, q(1), false, false, Reference.of(Reference.Type.COUNT, "qc-1"), key());
            StockPosition p = inventory.position(TSHIRT, BERLIN);
            assertThat(p.onHand()).isEqualTo(q(6));
            assertThat(p.damaged()).isEqualTo(q(2));
            assertThat(p.qualityControl()).isEqualTo(Quantity.ZERO);
            assertThat(store.movements(p.key())).extracting(Movement::reason).containsExactly(MovementReason.RECEIPT,
                    MovementReason.COUNT, MovementReason.DAMAGE, MovementReason.QUALITY_CONTROL,
                    MovementReason.QUALITY_CONTROL, MovementReason.QUALITY_CONTROL);
            assertThat(inventory.reconcile(List.of(TSHIRT)).balanced()).isTrue();
        }

        @Test
        void a_count_below_what_is_reserved_leaves_an_oversold_position_that_promises_nothing() {
            reserve(ReserveLine.of("1", "TSHIRT-M", "wh-berlin", 8));
            inventory.count(TSHIRT, BERLIN, q(5), Reference.of(Reference.Type.COUNT, "cc-2"), key());
            assertThat(inventory.position(TSHIRT, BERLIN).available()).isEqualTo(-3);
            assertThat(inventory.availability().atp(TSHIRT, BERLIN)).isZero();
        }

        @Test
        void incoming_stock_is_listed_until_received() {
            store.expectIncoming(new IncomingStock(PositionKey.of(TSHIRT, BERLIN), q(30),
                    clock.instant().plus(Duration.ofDays(2)), receipt("po-7")));
            assertThat(store.incoming(TSHIRT)).hasSize(1);
            assertThat(inventory.availability().atp(TSHIRT)).isEqualTo(10);
            inventory.receive(TSHIRT, BERLIN, q(30), receipt("po-7"), key());
            assertThat(store.incoming(TSHIRT)).isEmpty();
        }

        @Test
        void the_availability_cache_is_never_stale_after_a_write_in_this_jvm() {
            assertThat(inventory.availability().atp(TSHIRT, List.of(BERLIN, MUNICH, LocationId.of("nowhere"))))
                    .isEqualTo(10);
            for (int i = 1; i <= 5; i++) {
                reserve(ReserveLine.of(String.valueOf(i), "TSHIRT-M", "wh-berlin", 1));
                assertThat(inventory.availability().atp(TSHIRT)).isEqualTo(10 - i);
            }
        }
    }

    @Nested
    class Expiry {
        @Test
        void an_expired_hold_lapses_its_units_come_back_and_it_cannot_be_committed() {
            Reservation r = inventory.reserve(ReserveRequest.of(ORDER, ReserveLine.of("1", "TSHIRT-M", "wh-berlin", 4))
                    .expiringAt(clock.instant().plus(Duration.ofMinutes(10))), key()).reservation().orElseThrow();
            clock.advance(Duration.ofMinutes(10));
            ReservationRuleException e = refused(() -> inventory.commit(r.id(), L1, BERLIN, q(1), SHIPMENT, key()),
                    ReservationRuleException.class);
            assertThat(e.rule()).isEqualTo("reservation-expired");
            assertThat(inventory.sweepExpired()).isEqualTo(1);
            assertThat(inventory.sweepExpired()).isZero();
            assertThat(inventory.position(TSHIRT, BERLIN).available()).isEqualTo(10);
            assertThat(inventory.reservation(r.id()).status()).isEqualTo(ReservationStatus.EXPIRED);
            assertThat(refused(() -> inventory.commit(r.id(), L1, BERLIN, q(1), SHIPMENT, key()),
                    ReservationRuleException.class).rule()).isEqualTo("reservation-not-active");
        }

        @Test
        void a_kept_hold_no_longer_lapses_and_one_that_lapsed_cannot_be_kept() {
            Reservation r = inventory.reserve(ReserveRequest.of(ORDER, ReserveLine.of("1", "TSHIRT-M", "wh-berlin", 4))
                    .expiringAt(clock.instant().plus(Duration.ofMinutes(10))), key()).reservation().orElseThrow();
            CommandKey keep = key();
            Reservation kept = inventory.keep(r.id(), keep);
            assertThat(kept.expiresAt()).isEmpty();
            assertThat(kept.version()).isEqualTo(r.version() + 1);
            assertThat(inventory.keep(r.id(), keep)).as("a repeat").isEqualTo(kept);
            assertThat(inventory.keep(r.id(), key())).as("nothing left to keep").isEqualTo(kept);
            clock.advance(Duration.ofDays(1));
            assertThat(inventory.sweepExpired()).isZero();
            assertThat(inventory.position(TSHIRT, BERLIN).available()).isEqualTo(6);
            assertThat(inventory.commit(r.id(), L1, BERLIN, q(1), SHIPMENT, key()).lines().get(0).committed())
                    .isEqualTo(q(1));

            Reservation lapsing = inventory.reserve(ReserveRequest.of(ORDER, ReserveLine.of("1", "TSHIRT-M",
                    "wh-berlin", 2)).expiringAt(clock.instant().plus(Duration.ofMinutes(1))), key()).reservation()
                    .orElseThrow();
            clock.advance(Duration.ofMinutes(1));
            assertThat(refused(() -> inventory.keep(lapsing.id(), key()), ReservationRuleException.class).rule())
                    .isEqualTo("reservation-expired");
            assertThat(inventory.reservation(lapsing.id())).isEqualTo(lapsing);
            inventory.sweepExpired();
            assertThat(refused(() -> inventory.keep(lapsing.id(), key()), ReservationRuleException.class).rule())
                    .isEqualTo("reservation-not-active");
        }

        @Test
        void an_expiry_in_the_past_is_refused() {
            refused(() -> inventory.reserve(ReserveRequest.of(ORDER, ReserveLine.of("1", "TSHIRT-M", "wh-berlin", 1))
                    .expiringAt(clock.instant()), key()), InvalidInputException.class);
        }
    }

    @Nested
    class Refusals {
        @Test
        void unknown_sku_or_location() {
            UnknownSkuException sku = refused(() -> inventory.reserve(ReserveRequest.of(ORDER,
                    ReserveLine.of("1", "NOPE", "wh-berlin", 1)), key()), UnknownSkuException.class);
            assertThat(sku.sku()).isEqualTo(Sku.of("NOPE"));
            UnknownPositionException position = refused(() -> inventory.receive(TSHIRT, LocationId.of("wh-paris"), q(1),
                    receipt("po-x"), key()), UnknownPositionException.class);
            assertThat(position.getMessage()).contains("TSHIRT-M", "wh-paris");
            refused(() -> inventory.availability().atp(Sku.of("NOPE")), UnknownSkuException.class);
        }

        @Test
        void zero_or_negative_quantities() {
            assertThatThrownBy(() -> ReserveLine.of("1", "TSHIRT-M", "wh-berlin", 0))
                    .isInstanceOf(InvalidQuantityException.class);
            refused(() -> inventory.receive(TSHIRT, BERLIN, Quantity.ZERO, receipt("po-0"), key()),
                    InvalidQuantityException.class);
            assertThatThrownBy(() -> q(-2)).isInstanceOf(InvalidQuantityException.class);
        }

        @Test
        void committing_more_than_is_held() {
            Reservation r = reserve(ReserveLine.of("1", "TSHIRT-M", "wh-berlin", 2));
            assertThat(refused(() -> inventory.commit(r.id(), L1, BERLIN, q(3), SHIPMENT, key()),
                    ReservationRuleException.class).rule()).isEqualTo("commit-within-held");
            refused(() -> inventory.commit(r.id(), L2, BERLIN, q(1), SHIPMENT, key()), ReservationRuleException.class);
        }

        @Test
        void damaging_more_than_is_on_hand_or_releasing_an_unknown_reservation() {
            InsufficientStockException e = refused(() -> inventory.damage(MUG, BERLIN, q(6),
                    Reference.of(Reference.Type.COUNT, "d"), key()), InsufficientStockException.class);
            assertThat(e.shortfalls()).singleElement().satisfies(s -> assertThat(s.available()).isEqualTo(5));
            refused(() -> inventory.release(dev.oms.spi.ReservationId.of("nope"), key()),
                    ReservationNotFoundException.class);
        }

        @Test
        void releasing_more_than_is_reserved_for_a_line() {
            Reservation r = reserve(ReserveLine.of("1", "TSHIRT-M", "wh-berlin", 2));
            assertThat(refused(() -> inventory.release(r.id(), L1, q(3), key()), ReservationRuleException.class).rule())
                    .isEqualTo("release-within-reserved");
        }
    }
}
