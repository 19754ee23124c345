package dev.oms.jdbc.internal;

import dev.oms.jdbc.PostgresStores.DatabaseRefusedException;
import dev.oms.jdbc.PostgresStores.StorageException;
import dev.oms.json.StoredJson;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.InvalidInputException.UnknownPositionException;
import dev.oms.spi.Quantity;
import dev.oms.spi.internal.ChangeTotals;
import dev.oms.spi.inventory.InventoryChange;
import dev.oms.spi.inventory.InventoryChange.OperationRecord;
import dev.oms.spi.inventory.InventoryChange.PositionDelta;
import dev.oms.spi.inventory.InventoryChange.ReservationWrite;
import dev.oms.spi.inventory.InventoryEvent;
import dev.oms.spi.inventory.InventoryStore.ApplyResult;
import dev.oms.spi.inventory.InventoryStore.ApplyResult.Shortfall;
import dev.oms.spi.inventory.PositionKey;
import dev.oms.spi.inventory.Reservation;
import dev.oms.spi.inventory.StockPosition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Group commit for new reservations on PostgreSQL: the reservations that callers of one store
 * make at the same time are written by one statement, so a hot SKU costs one conditional update
 * (by the batch's sum) per batch instead of one per reservation, and the holds, keys and ledger
 * movements go in as set-based inserts in the same statement.
 *
 * <p>What is combined: a change that creates a reservation (or none) and only raises reserved
 * counts, with no backorders and no expected on-hand count (see {@link #takes}); everything else
 * is applied alone. Inside a host's transaction nothing is combined.
 *
 * <p>How a batch is written, all or nothing per change:
 * <ol>
 * <li>One statement, in autocommit where the settings allow it (one round trip), a call of the
 *     function {@code oms_reserve_together} (migration V9): the reservations, keys, movements
 *     and events inserted from arrays, then each position raised by the batch's sum under the
 *     same conditions as a change alone (the limit, the guard that keeps it available), and only
 *     if no reorder point is crossed; if a position did not take its part, it ends with an error
 *     (SQLSTATE {@code OMS01}), so the database undoes all of it. Up to two batches are in flight
 *     at once, so one writes its rows while the other holds the hot rows' locks.</li>
 * <li>If a position could not take the sum, the changes are decided one by one in arrival
 *     order, in one transaction, on the positions locked in {@link PositionKey} order: each
 *     change that fits is taken, each that does not is refused with its shortfalls and changes
 *     nothing, so a refused change never refuses its neighbours; the accepted ones are written
 *     by the same statement, with the reorder point signals their own changes crossed.</li>
 * <li>If the database refuses a value, a key or a reservation id is already taken, the
 *     statement meets a deadlock, a serialization failure or a timeout, or the connection fails
 *     before the statement was sent, every caller applies its change alone on its own thread,
 *     as if there were no group commit, and gets its own outcome.</li>
 * <li>If the connection breaks once the statement was sent, or anything fails after its answer
 *     came, nobody can know whether it committed:
 *     every change of the batch fails with a {@link StorageException} whose outcome is unknown,
 *     exactly as a change alone whose commit was cut; a retry under the same command key finds
 *     the recorded key if it did.</li>
 * </ol>
 * Each change's result is what it would be alone after the changes before it in the batch: its
 * positions count its own part and one version each.
 */
final class GroupCommit {
    /** The batch: one call of the function of migration V9 (rows first, then the positions' updates). */
    private static final String BATCH = "SELECT * FROM oms_reserve_together(?::text[], ?::text[], ?::bigint[], "
            + "?::int[], ?::boolean[], ?::boolean, ?::text[], ?::text[], ?::text[], ?::bigint[], "
            + "?::text[]::timestamptz[], ?::text[]::jsonb[], ?::text, ?::text[], ?::text[]::jsonb[], ?::text[], "
            + "?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], "
            + "?::text[]::timestamptz[], ?::text[], ?::text, ?::text[], ?::text[]::jsonb[])";
    private static final String LOCK = "SELECT s.sku, s.location, s.on_hand, s.reserved, s.damaged, "
            + "s.quality_control, s.safety_stock, s.reorder_point, s.reorder_quantity, s.version FROM "
            + "unnest(?::text[], ?::text[]) WITH ORDINALITY AS u(sku, location, n) JOIN oms_stock_positions s "
            + "ON s.sku = u.sku AND s.location = u.location ORDER BY u.n FOR UPDATE OF s";
    private static final String SHORT = "OMS01";
    /** Batches in flight at once: one writes its rows while another holds the hot rows' locks. */
    private static final int LEADERS = 2;

    /** A change waiting in the queue, with its JSON written on the caller's thread. */
    static final class Hold extends Combiner.Pending<ApplyResult> {
        private final InventoryChange change;
        private final Map<PositionKey, long[]> totals;
        private final Set<PositionKey> guarded;
        private final String reservation;
        private final String operation;
        private final List<String> events;
        /** Set (before its caller wakes) when the caller is to apply its change alone. */
        private volatile boolean alone;

        Hold(InventoryChange change, ChangeTotals sums) {
            this.change = change;
            this.totals = sums.perPosition();
            this.guarded = sums.guarded();
            this.reservation = change.reservation()
                    .map(w -> StoredJson.write(w.reservation(), Reservation.class)).orElse(null);
            this.operation = change.operation().map(o -> StoredJson.write(o, OperationRecord.class)).orElse(null);
            List<String> bodies = new ArrayList<>(change.events().size());
            for (InventoryEvent e : change.events()) {
                bodies.add(StoredJson.write(e, InventoryEvent.class));
            }
            this.events = bodies;
        }
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GroupCommit.class);
    private final Jdbc jdbc;
    private final Function<InventoryChange, ApplyResult> alone;
    private final Combiner<Hold> combiner;

    /**
     * @param jdbc where the batches run
     * @param limit the most changes in one batch
     * @param alone applies one change by itself (the fallback)
     */
    GroupCommit(Jdbc jdbc, int limit, Function<InventoryChange, ApplyResult> alone) {
        this.jdbc = jdbc;
        this.alone = alone;
        this.combiner = new Combiner<>(limit, LEADERS, this::write);
    }

    /**
     * @param change a change
     * @param sums its totals
     * @return whether group commit takes it: a new reservation (or none) without open backorders,
     *         no backorder deltas, no expected on hand, and on every position only a rise of reserved
     */
    static boolean takes(InventoryChange change, ChangeTotals sums) {
        if (change.deltas().isEmpty() || !sums.backorders().isEmpty() || !sums.expectedOnHand().isEmpty()) {
            return false;
        }
        if (change.reservation().isPresent()) {
            ReservationWrite write = change.reservation().get();
            if (write.expectedVersion() != 0
                    || write.reservation().backorders().stream().anyMatch(b -> b.open().isPositive())) {
                return false;
            }
        }
        for (long[] t : sums.perPosition().values()) {
            if (t[0] != 0 || t[1] <= 0 || t[2] != 0 || t[3] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Applies the change in the next batch.
     *
     * @param change a change {@link #takes} takes
     * @param sums its totals
     * @return its result, as {@link dev.oms.spi.inventory.InventoryStore#apply} gives it
     */
    ApplyResult apply(InventoryChange change, ChangeTotals sums) {
        Hold hold = new Hold(change, sums);
        combiner.submit(hold);
        ApplyResult result = hold.outcome();
        // the fallback runs on each caller's own thread, under its own retries and timeouts
        return hold.alone ? alone.apply(change) : result;
    }

    private void write(List<Hold> batch) {
        Map<PositionKey, long[]> sums = sums(batch);
        Sent sent = new Sent();
        Map<PositionKey, StockPosition> after;
        try {
            after = jdbc.statement(c -> written(c, batch, sums, List.of(), true, sent));
        } catch (SQLException e) {
            String state = SqlFailures.state(e);
            if (SHORT.equals(state)) {
                decide(batch);
            } else if (sent.returned || sent.sent && state.startsWith("08")) {
                // the statement reached the database and may have committed
                failAll(batch, unknown(batch, e));
            } else {
                LOG.debug("{}: SQLSTATE {}, each change is applied alone", what(batch), state);
                goAlone(batch);
            }
            return;
        } catch (RuntimeException e) {
            if (sent.sent) {
                failAll(batch, unknown(batch, e));
            } else {
                goAlone(batch);
            }
            return;
        }
        try {
            List<Step> steps = walk(before(after, sums), batch, false);
            for (int i = 0; i < batch.size(); i++) {
                complete(batch.get(i), steps.get(i));
            }
        } catch (RuntimeException e) {
            failAll(batch, unknown(batch, e)); // committed, but its results could not be made
        }
    }

    /** How far the batch statement got: sent to the database, and its answer read. */
    private static final class Sent {
        boolean sent;
        boolean returned;
    }

    private static StorageException unknown(List<Hold> batch, Exception e) {
        return new StorageException(what(batch) + ": the statement reached the database and may or may not have "
                + "committed: " + e, e, true, true);
    }

    /** The batch's changes decided one by one on the locked positions, the accepted ones written together. */
    private void decide(List<Hold> batch) {
        List<Step> steps;
        try {
            steps = jdbc.transaction(what(batch), c -> {
                List<Step> decided = walk(locked(c, batch), batch, true);
                List<Hold> accepted = new ArrayList<>();
                List<List<InventoryEvent>> signals = new ArrayList<>();
                for (int i = 0; i < batch.size(); i++) {
                    if (decided.get(i).accepted()) {
                        accepted.add(batch.get(i));
                        signals.add(decided.get(i).lowStock());
                    }
                }
                if (!accepted.isEmpty()) {
                    written(c, accepted, sums(accepted), signals, false, new Sent());
                }
                return decided;
            });
        } catch (DatabaseRefusedException e) {
            goAlone(batch);
            return;
        } catch (StorageException e) {
            if (e.isOutcomeUnknown()) {
                failAll(batch, e);
            } else {
                LOG.debug("{}: {}, each change is applied alone", what(batch), e.getMessage());
                goAlone(batch);
            }
            return;
        } catch (RuntimeException e) {
            failAll(batch, e);
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            complete(batch.get(i), steps.get(i));
        }
    }

    private static void complete(Hold hold, Step step) {
        try {
            hold.succeed(step.result(hold.change));
        } catch (RuntimeException e) {
            hold.fail(e);
        }
    }

    /** Each caller applies its change alone, on its own thread, as if there were no group commit. */
    private static void goAlone(List<Hold> batch) {
        for (Hold hold : batch) {
            hold.alone = true;
            hold.succeed(null);
        }
    }

    private static void failAll(List<Hold> batch, RuntimeException e) {
        for (Hold hold : batch) {
            hold.fail(e);
        }
    }

    private static String what(List<Hold> batch) {
        return "applying " + batch.size() + " inventory change(s) together, from " + batch.get(0).change.changeId();
    }

    // ------------------------------------------------------------------ the walk

    /**
     * One change's part in a batch.
     *
     * @param after its positions after it, in key order (accepted only)
     * @param lowStock the reorder point signals it crossed (accepted only)
     * @param refusal null if accepted; else its result if refused, or the exception it fails with
     */
    private record Step(List<StockPosition> after, List<InventoryEvent> lowStock, Object refusal) {
        boolean accepted() {
            return refusal == null;
        }

        ApplyResult result(InventoryChange change) {
            if (refusal instanceof RuntimeException e) {
                throw e;
            }
            if (refusal != null) {
                return (ApplyResult) refusal;
            }
            if (lowStock.isEmpty()) {
                return new ApplyResult.Applied(after, change.events());
            }
            List<InventoryEvent> events = new ArrayList<>(change.events());
            events.addAll(lowStock);
            return new ApplyResult.Applied(after, events);
        }
    }

    /**
     * The batch's changes in arrival order over the positions as they were before the batch.
     *
     * @param start the positions before the batch
     * @param batch the changes
     * @param check whether a change that does not fit is refused (deciding) or cannot happen
     *        (the database took the whole batch)
     * @return each change's step
     */
    private static List<Step> walk(Map<PositionKey, StockPosition> start, List<Hold> batch, boolean check) {
        Map<PositionKey, StockPosition> running = new HashMap<>(start);
        List<Step> steps = new ArrayList<>(batch.size());
        for (Hold hold : batch) {
            steps.add(step(running, hold, check));
        }
        return steps;
    }

    private static Step step(Map<PositionKey, StockPosition> running, Hold hold, boolean check) {
        List<Shortfall> shortfalls = new ArrayList<>();
        for (Map.Entry<PositionKey, long[]> e : hold.totals.entrySet()) {
            StockPosition current = running.get(e.getKey());
            if (current == null) {
                return new Step(List.of(), List.of(), new UnknownPositionException(e.getKey()));
            }
            if (check) {
                try {
                    InventoryChanges.shortfall(current, e.getValue(), hold.guarded.contains(e.getKey()))
                            .ifPresent(shortfalls::add);
                } catch (InvalidInputException tooMany) {
                    return new Step(List.of(), List.of(), tooMany);
                }
            }
        }
        if (!shortfalls.isEmpty()) {
            return new Step(List.of(), List.of(), new ApplyResult.Refused(shortfalls));
        }
        List<StockPosition> after = new ArrayList<>(hold.totals.size());
        List<InventoryEvent> lowStock = List.of();
        for (Map.Entry<PositionKey, long[]> e : hold.totals.entrySet()) {
            StockPosition current = running.get(e.getKey());
            StockPosition next = new StockPosition(current.key(), current.onHand(),
                    Quantity.of(current.reserved().value() + e.getValue()[1]), current.damaged(),
                    current.qualityControl(), current.settings(), current.version() + 1);
            running.put(e.getKey(), next);
            after.add(next);
            Optional<InventoryEvent.LowStock> signal = InventoryEvent.LowStock.crossing(hold.change.changeId(),
                    hold.change.at(), current, next);
            if (signal.isPresent()) {
                lowStock = lowStock.isEmpty() ? new ArrayList<>() : lowStock;
                lowStock.add(signal.get());
            }
        }
        return new Step(after, lowStock, null);
    }

    /** The positions before the batch: those after it less the batch's sums and versions. */
    private static Map<PositionKey, StockPosition> before(Map<PositionKey, StockPosition> after,
            Map<PositionKey, long[]> sums) {
        Map<PositionKey, StockPosition> start = new HashMap<>();
        for (Map.Entry<PositionKey, StockPosition> e : after.entrySet()) {
            long[] sum = sums.get(e.getKey());
            StockPosition p = e.getValue();
            start.put(e.getKey(), new StockPosition(p.key(), p.onHand(), Quantity.of(p.reserved().value() - sum[0]),
                    p.damaged(), p.qualityControl(), p.settings(), p.version() - sum[1]));
        }
        return start;
    }

    /** Per position, in key order: the batch's reserved sum, the changes on it, whether one is guarded. */
    private static Map<PositionKey, long[]> sums(List<Hold> batch) {
        Map<PositionKey, long[]> sums = new TreeMap<>();
        for (Hold hold : batch) {
            for (Map.Entry<PositionKey, long[]> e : hold.totals.entrySet()) {
                long[] s = sums.computeIfAbsent(e.getKey(), k -> new long[3]);
                s[0] += e.getValue()[1];
                s[1]++;
                if (hold.guarded.contains(e.getKey())) {
                    s[2] = 1;
                }
            }
        }
        return sums;
    }

    // ------------------------------------------------------------------ statements

    private static Map<PositionKey, StockPosition> locked(Connection c, List<Hold> batch) throws SQLException {
        Map<PositionKey, long[]> sums = sums(batch);
        String[] skus = new String[sums.size()];
        String[] locations = new String[sums.size()];
        int i = 0;
        for (PositionKey key : sums.keySet()) {
            skus[i] = key.sku().value();
            locations[i++] = key.location().value();
        }
        Map<PositionKey, StockPosition> positions = new HashMap<>();
        for (StockPosition p : Jdbc.query(c, LOCK, PostgresInventoryStore::position, skus, locations)) {
            positions.put(p.key(), p);
        }
        return positions;
    }

    /**
     * Runs the batch statement.
     *
     * @param sums the batch's sums per position ({@link #sums})
     * @param signals per change, the reorder point signals to write with its events
     * @param whole whether the positions must not cross a reorder point (the whole batch at once)
     * @return the positions after the batch
     * @throws SQLException with SQLSTATE OMS01 if a position could not take its part
     */
    private static Map<PositionKey, StockPosition> written(Connection c, List<Hold> batch,
            Map<PositionKey, long[]> sums, List<List<InventoryEvent>> signals, boolean whole, Sent sent)
            throws SQLException {
        int n = sums.size();
        String[] skus = new String[n];
        String[] locations = new String[n];
        Long[] amounts = new Long[n];
        Integer[] changes = new Integer[n];
        Boolean[] guards = new Boolean[n];
        int i = 0;
        for (Map.Entry<PositionKey, long[]> e : sums.entrySet()) {
            skus[i] = e.getKey().sku().value();
            locations[i] = e.getKey().location().value();
            amounts[i] = e.getValue()[0];
            changes[i] = (int) e.getValue()[1];
            guards[i++] = e.getValue()[2] == 1;
        }
        Rows reservations = new Rows(6);
        Rows keys = new Rows(2);
        Rows movements = new Rows(11);
        Rows events = new Rows(2);
        for (int h = 0; h < batch.size(); h++) {
            Hold hold = batch.get(h);
            InventoryChange change = hold.change;
            if (hold.reservation != null) {
                Reservation r = change.reservation().orElseThrow().reservation();
                reservations.add(r.id().value(), r.orderId().value(), r.status().name(), r.version(),
                        r.expiresAt().map(t -> t.atOffset(ZoneOffset.UTC).toString()).orElse(null), hold.reservation);
            }
            if (hold.operation != null) {
                keys.add(change.operation().orElseThrow().key().value(), hold.operation);
            }
            String at = change.at().atOffset(ZoneOffset.UTC).toString();
            for (PositionDelta d : change.deltas()) {
                movements.add(d.key().sku().value(), d.key().location().value(), d.reason().name(),
                        d.reference().type().name(), d.reference().id(), d.onHand(), d.reserved(), d.damaged(),
                        d.qualityControl(), at, change.changeId());
            }
            for (int e = 0; e < change.events().size(); e++) {
                events.add(change.events().get(e).eventId().value(), hold.events.get(e));
            }
            if (!signals.isEmpty()) {
                for (InventoryEvent signal : signals.get(h)) {
                    events.add(signal.eventId().value(), StoredJson.write(signal, InventoryEvent.class));
                }
            }
        }
        List<Object> params = new ArrayList<>(40);
        params.add(c.createArrayOf("text", skus));
        params.add(c.createArrayOf("text", locations));
        params.add(c.createArrayOf("int8", amounts));
        params.add(c.createArrayOf("int4", changes));
        params.add(c.createArrayOf("bool", guards));
        params.add(whole);
        reservations.bind(c, params, "text", "text", "text", "int8", "text", "text");
        params.add(PostgresInventoryStore.SCOPE);
        keys.bind(c, params, "text", "text");
        movements.bind(c, params, "text", "text", "text", "text", "text", "int8", "int8", "int8", "int8", "text", "text");
        params.add(Outbox.INVENTORY);
        events.bind(c, params, "text", "text");
        Map<PositionKey, StockPosition> after = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(BATCH)) {
            for (int p = 0; p < params.size(); p++) {
                ps.setObject(p + 1, params.get(p));
            }
            sent.sent = true;
            try (ResultSet rs = ps.executeQuery()) {
                sent.returned = true;
                while (rs.next()) {
                    StockPosition p = PostgresInventoryStore.position(rs);
                    after.put(p.key(), p);
                }
            }
        }
        return after;
    }

    /** Columns of rows for an {@code unnest} insert, one array per column. */
    private static final class Rows {
        private final List<List<Object>> columns = new ArrayList<>();

        Rows(int width) {
            for (int i = 0; i < width; i++) {
                columns.add(new ArrayList<>());
            }
        }

        void add(Object... row) {
            for (int i = 0; i < row.length; i++) {
                columns.get(i).add(row[i]);
            }
        }

        void bind(Connection c, List<Object> params, String... types) throws SQLException {
            for (int i = 0; i < types.length; i++) {
                params.add(c.createArrayOf(types[i], columns.get(i).toArray()));
            }
        }
    }
}
