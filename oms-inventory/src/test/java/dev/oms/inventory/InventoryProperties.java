package dev.oms.inventory;

import static dev.oms.inventory.InventoryFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.fakes.ManualClock;
import dev.oms.inventory.ReserveRequest;
import dev.oms.inventory.ReserveRequest.ReserveLine;
import dev.oms.inventory.memory.InMemoryInventoryStore;
import dev.oms.spi.CommandKey;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OmsException;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReservationId;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.BackorderAccount;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.Reservation;
import dev.oms.spi.inventory.Reservation.ReservePolicy;
import dev.oms.spi.inventory.Reservation.ReservedLine;
import dev.oms.spi.inventory.StockPosition;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * Stateful properties: random chains of reserve, release, commit, receive, count, damage,
 * expire and restock, with the invariants checked after every step.
 */
class InventoryProperties {
    private static final List<Sku> SKUS = List.of(TSHIRT, MUG);
    private static final List<LocationId> LOCATIONS = List.of(BERLIN, MUNICH);
    private static final long BACKORDER_LIMIT = 6;
    private static final java.util.Set<String> SUCCEEDED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @net.jqwik.api.lifecycle.AfterContainer
    static void every_operation_succeeded_somewhere() {
        assertThat(SUCCEEDED).as("the chains reach every operation, not only refusals")
                .contains("reserve", "release", "commit", "receive", "count", "damage", "restock");
    }

    /** The system under test and what the chain created so far. Mutable; one per chain. */
    static final class World {
        final InMemoryInventoryStore store = new InMemoryInventoryStore();
        final ManualClock clock = newClock();
        final InventoryService inventory = InventoryService.builder(store).clock(clock)
                .ids(IdGenerator.sequential("w")).build();
        final List<ReservationId> reservations = new ArrayList<>();
        private final AtomicLong keys = new AtomicLong();

        World() {
            for (Sku sku : SKUS) {
                inventory.setBackorderLimit(sku, Quantity.of(BACKORDER_LIMIT));
                for (LocationId location : LOCATIONS) {
                    inventory.definePosition(sku, location, new PositionSettings(q(1), q(3), q(10)));
                }
            }
        }

        CommandKey key() {
            return CommandKey.of("w-" + keys.incrementAndGet());
        }

        /** Runs an operation; a typed refusal is part of the game but must change nothing. */
        void attempt(String kind, Runnable operation) {
            Map<String, StockPosition> before = positions();
            try {
                operation.run();
                SUCCEEDED.add(kind);
            } catch (OmsException refused) {
                assertThat(positions()).as("a refusal changes nothing: " + refused.getMessage()).isEqualTo(before);
            }
        }

        Map<String, StockPosition> positions() {
            Map<String, StockPosition> all = new HashMap<>();
            for (Sku sku : SKUS) {
                store.positions(sku).forEach(p -> all.put(p.key().toString(), p));
            }
            return all;
        }

        List<Reservation> active() {
            return reservations.stream().map(id -> store.reservation(id).orElseThrow())
                    .filter(r -> r.status().isActive()).toList();
        }

        @Override
        public String toString() {
            return "World" + positions().values();
        }
    }

    @Property(tries = 1000)
    void invariants_hold_through_any_sequence_of_operations(@ForAll("chains") ActionChain<World> chain) {
        // Available is on hand - reserved - safety stock; safety stock alone may exceed an empty
        // position, so the rule is that holds never take it below zero: reserved <= max(0, onHand - safety).
        chain.withInvariant("reservations never make available negative", w -> w.positions().values().forEach(
                        p -> assertThat(p.reserved().value()).as(p.key() + " reserved within sellable stock")
                                .isLessThanOrEqualTo(Math.max(0, p.onHand().value() - p.settings().safetyStock().value()))))
                .withInvariant("reserved equals the sum of active holds", w -> {
                    Map<String, Long> held = new HashMap<>();
                    for (Reservation r : w.active()) {
                        for (ReservedLine line : r.lines()) {
                            held.merge(line.position().toString(), line.held().value(), Long::sum);
                        }
                    }
                    w.positions().forEach((key, p) -> assertThat(p.reserved().value()).as(key + " reserved")
                            .isEqualTo(held.getOrDefault(key, 0L)));
                })
                .withInvariant("on hand equals the ledger", w -> assertThat(w.inventory.reconcile(SKUS).differences())
                        .isEmpty())
                .withInvariant("backorders within their limit and equal to the open backorder lines", w -> {
                    for (Sku sku : SKUS) {
                        BackorderAccount account = w.store.backorderAccount(sku);
                        long open = w.active().stream().flatMap(r -> r.backorders().stream())
                                .filter(b -> b.sku().equals(sku)).mapToLong(b -> b.open().value()).sum();
                        assertThat(account.backordered().value()).as(sku + " backordered").isEqualTo(open)
                                .isLessThanOrEqualTo(BACKORDER_LIMIT);
                    }
                })
                .run();
    }

    @Provide
    Arbitrary<ActionChain<World>> chains() {
        return ActionChain.startWith(World::new)
                .withAction(5, new Reserve())
                .withAction(2, new Release())
                .withAction(3, new Commit())
                .withAction(3, new Receive())
                .withAction(1, new Count())
                .withAction(1, new Damage())
                .withAction(1, new Expire())
                .withAction(1, new Restock())
                .withMaxTransformations(40);
    }

    private static Arbitrary<Sku> skus() {
        return Arbitraries.of(SKUS);
    }

    private static Arbitrary<LocationId> locations() {
        return Arbitraries.of(LOCATIONS);
    }

    static final class Reserve implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            Arbitrary<ReserveLine> line = Combinators.combine(skus(), locations(), Arbitraries.longs().between(1, 5))
                    .as((sku, location, units) -> new ReserveLine(LineId.of("x"), sku, location, q(units)));
            Arbitrary<List<ReserveLine>> lines = line.list().ofMinSize(1).ofMaxSize(3).map(ls -> {
                List<ReserveLine> numbered = new ArrayList<>();
                for (int i = 0; i < ls.size(); i++) {
                    ReserveLine l = ls.get(i);
                    numbered.add(new ReserveLine(LineId.of(String.valueOf(i + 1)), l.sku(), l.location(), l.quantity()));
                }
                return numbered;
            });
            return Combinators.combine(lines, Arbitraries.of(ReservePolicy.values()), Arbitraries.integers().between(0, 30),
                    Arbitraries.integers().between(0, 3)).as((ls, policy, expiryMinutes, priority) -> Transformer.mutate(
                            "reserve " + ls.stream().map(l -> l.quantity() + "x" + l.sku() + "@" + l.location()).toList()
                                    + " " + policy + (expiryMinutes > 0 ? " expiring in " + expiryMinutes + "m" : ""),
                            w -> w.attempt("reserve", () -> {
                                ReserveRequest request = new ReserveRequest(OrderId.of("o-" + w.reservations.size()),
                                        ls, policy, expiryMinutes > 0
                                                ? Optional.of(w.clock.instant().plus(Duration.ofMinutes(expiryMinutes)))
                                                : Optional.empty(), priority);
                                w.inventory.reserve(request, w.key()).reservation()
                                        .ifPresent(r -> w.reservations.add(r.id()));
                            })));
        }
    }

    static final class Release implements Action.Dependent<World> {
        @Override
        public boolean precondition(World w) {
            return !w.reservations.isEmpty();
        }

        @Override
        public Arbitrary<Transformer<World>> transformer(World w) {
            return Combinators.combine(Arbitraries.of(w.reservations), Arbitraries.longs().between(0, 4))
                    .as((id, units) -> Transformer.mutate(units == 0 ? "release " + id : "release " + units + " of line 1 of " + id,
                            world -> world.attempt("release", () -> {
                                if (units == 0) {
                                    world.inventory.release(id, world.key());
                                } else {
                                    world.inventory.release(id, LineId.of("1"), q(units), world.key());
                                }
                            })));
        }
    }

    static final class Commit implements Action.Dependent<World> {
        @Override
        public boolean precondition(World w) {
            return !w.active().isEmpty();
        }

        @Override
        public Arbitrary<Transformer<World>> transformer(World w) {
            List<ReservedLine[]> candidates = new ArrayList<>();
            List<ReservationId> owners = new ArrayList<>();
            for (Reservation r : w.active()) {
                for (ReservedLine line : r.lines()) {
                    candidates.add(new ReservedLine[] {line});
                    owners.add(r.id());
                }
            }
            if (candidates.isEmpty()) {
                return Arbitraries.just(Transformer.noop());
            }
            return Combinators.combine(Arbitraries.integers().between(0, candidates.size() - 1),
                    Arbitraries.longs().between(1, 6)).as((i, units) -> {
                        ReservedLine line = candidates.get(i)[0];
                        ReservationId id = owners.get(i);
                        return Transformer.mutate("commit " + units + " of line " + line.lineId() + " at "
                                + line.position() + " of " + id, world -> world.attempt("commit", () -> world.inventory.commit(id,
                                        line.lineId(), line.position().location(), q(units),
                                        Reference.of(Reference.Type.SHIPMENT, "s"), world.key())));
                    });
        }
    }

    static final class Receive implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Combinators.combine(skus(), locations(), Arbitraries.longs().between(1, 12))
                    .as((sku, location, units) -> Transformer.mutate("receive " + units + "x" + sku + "@" + location,
                            w -> w.attempt("receive", () -> w.inventory.receive(sku, location, q(units), receipt("r"), w.key()))));
        }
    }

    static final class Restock implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Combinators.combine(skus(), locations(), Arbitraries.longs().between(1, 3))
                    .as((sku, location, units) -> Transformer.mutate("restock " + units + "x" + sku + "@" + location,
                            w -> w.attempt("restock", () -> w.inventory.restock(sku, location, q(units),
                                    Reference.of(Reference.Type.RETURN, "rma"), w.key()))));
        }
    }

    /** A count that finds more or fewer units, but never fewer than are reserved plus safety stock. */
    static final class Count implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Combinators.combine(skus(), locations(), Arbitraries.longs().between(-3, 5))
                    .as((sku, location, change) -> Transformer.mutate("count " + sku + "@" + location + " "
                            + (change >= 0 ? "+" : "") + change, w -> w.attempt("count", () -> {
                                StockPosition p = w.inventory.position(sku, location);
                                long floor = p.reserved().value() + p.settings().safetyStock().value();
                                long counted = Math.max(floor, p.onHand().value() + change);
                                w.inventory.count(sku, location, q(counted), Reference.of(Reference.Type.COUNT, "c"),
                                        w.key());
                            })));
        }
    }

    /** Damage of at most what is available (damage beyond it is an oversold position, tested elsewhere). */
    static final class Damage implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Combinators.combine(skus(), locations(), Arbitraries.longs().between(1, 3))
                    .as((sku, location, units) -> Transformer.mutate("damage " + units + "x" + sku + "@" + location,
                            w -> w.attempt("damage", () -> {
                                long damaged = Math.min(units, w.inventory.position(sku, location).available());
                                if (damaged > 0) {
                                    w.inventory.damage(sku, location, q(damaged), Reference.of(Reference.Type.COUNT, "d"),
                                            w.key());
                                }
                            })));
        }
    }

    static final class Expire implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Arbitraries.integers().between(1, 20).map(minutes -> Transformer.mutate(
                    "advance " + minutes + "m and sweep", w -> {
                        w.clock.advance(Duration.ofMinutes(minutes));
                        w.inventory.sweepExpired();
                        assertThat(w.store.expiring(w.clock.instant(), 1)).as("nothing lapsed is left active").isEmpty();
                    }));
        }
    }
}
