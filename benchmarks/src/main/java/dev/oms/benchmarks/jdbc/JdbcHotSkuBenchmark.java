package dev.oms.benchmarks.jdbc;

import dev.oms.inventory.InventoryService;
import dev.oms.inventory.ReservationOutcome;
import dev.oms.inventory.ReserveRequest;
import dev.oms.inventory.ReserveRequest.ReserveLine;
import dev.oms.jdbc.PostgresStores;
import dev.oms.jdbc.testing.LocalPostgres;
import dev.oms.spi.CommandKey;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Reservations of one unit of one hot SKU on a real PostgreSQL (embedded, started by the
 * benchmark) with 1, 2 and 8 connections (one per thread, from a pool of 8): oms-jdbc's reservation
 * (the hold record, the conditional stock update, the ledger movement, the idempotency record),
 * with the default settings, so the reservations of concurrent threads go in together by group
 * commit (one statement per batch), next to the database's own limit, a single conditional {@code UPDATE ... WHERE
 * available >= 1} in autocommit, and what most platforms do, {@code SELECT ... FOR UPDATE} then
 * {@code UPDATE} in a transaction. Sampled, so the table has p99 as well as throughput.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JdbcHotSkuBenchmark {
    private static final Sku HOT = Sku.of("HOT");
    private static final LocationId WAREHOUSE = LocationId.of("wh-1");
    private static final long PLENTY = 1_000_000_000_000L;

    private DataSource pool;
    private InventoryService inventory;
    private ReserveRequest request;
    private final AtomicLong keys = new AtomicLong();

    /** A database of its own: oms' schema, the hot SKU in oms and in a plain table. */
    @Setup(Level.Trial)
    public void database() throws SQLException {
        pool = LocalPostgres.newDatabase(8);
        inventory = InventoryService.builder(PostgresStores.on(pool).inventory()).ids(IdGenerator.sequential("j"))
                .build();
        inventory.definePosition(HOT, WAREHOUSE, PositionSettings.NONE);
        inventory.receive(HOT, WAREHOUSE, Quantity.of(PLENTY), Reference.of(Reference.Type.RECEIPT, "po"),
                CommandKey.of("receive"));
        request = ReserveRequest.of(OrderId.of("o-1"), new ReserveLine(LineId.of("1"), HOT, WAREHOUSE, Quantity.of(1)));
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bench_stock (sku text PRIMARY KEY, on_hand bigint NOT NULL, "
                    + "reserved bigint NOT NULL)");
            s.execute("INSERT INTO bench_stock VALUES ('HOT', " + PLENTY + ", 0) ON CONFLICT (sku) DO NOTHING");
        }
    }

    private ReservationOutcome oms() {
        return inventory.reserve(request, CommandKey.of("k" + keys.incrementAndGet()));
    }

    private boolean conditionalUpdate() {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE bench_stock SET reserved = reserved + 1 WHERE sku = ? AND on_hand - reserved >= 1")) {
            ps.setString(1, "HOT");
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean selectForUpdate() {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT on_hand, reserved FROM bench_stock WHERE sku = ? FOR UPDATE");
                    PreparedStatement update = c.prepareStatement(
                            "UPDATE bench_stock SET reserved = reserved + 1 WHERE sku = ?")) {
                select.setString(1, "HOT");
                boolean available;
                try (ResultSet rs = select.executeQuery()) {
                    available = rs.next() && rs.getLong(1) - rs.getLong(2) >= 1;
                }
                if (available) {
                    update.setString(1, "HOT");
                    update.executeUpdate();
                }
                c.commit();
                return available;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the outcome */
    @Benchmark
    @Threads(1)
    public ReservationOutcome oms1Connection() {
        return oms();
    }

    /** @return the outcome */
    @Benchmark
    @Threads(2)
    public ReservationOutcome oms2Connections() {
        return oms();
    }

    /** @return the outcome */
    @Benchmark
    @Threads(8)
    public ReservationOutcome oms8Connections() {
        return oms();
    }

    /** @return whether a unit was taken */
    @Benchmark
    @Threads(1)
    public boolean update1Connection() {
        return conditionalUpdate();
    }

    /** @return whether a unit was taken */
    @Benchmark
    @Threads(2)
    public boolean update2Connections() {
        return conditionalUpdate();
    }

    /** @return whether a unit was taken */
    @Benchmark
    @Threads(8)
    public boolean update8Connections() {
        return conditionalUpdate();
    }

    /** @return whether a unit was taken */
    @Benchmark
    @Threads(1)
    public boolean selectForUpdate1Connection() {
        return selectForUpdate();
    }

    /** @return whether a unit was taken */
    @Benchmark
    @Threads(2)
    public boolean selectForUpdate2Connections() {
        return selectForUpdate();
    }

    /** @return whether a unit was taken */
    @Benchmark
    @Threads(8)
    public boolean selectForUpdate8Connections() {
        return selectForUpdate();
    }
}
