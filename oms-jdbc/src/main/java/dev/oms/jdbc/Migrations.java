package dev.oms.jdbc;

import dev.oms.jdbc.PostgresStores.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The oms schema as versioned SQL scripts shipped in the jar ({@code V1__orders.sql},
 * {@code V2__inventory.sql}, ...), and a small migrator.
 *
 * <p>{@link #migrate(DataSource)} applies the scripts not applied yet, in order, each in its own
 * transaction together with its row in {@code oms_schema_history}, under a PostgreSQL advisory
 * lock, so several application instances starting at once migrate exactly once. A host that
 * runs its own tool (Flyway, Liquibase, plain psql) takes the scripts from {@link #scripts()} and
 * {@link #sql(String)} instead; their names follow Flyway's {@code V<n>__<description>.sql}.
 */
public final class Migrations {
    private static final String FOLDER = "/dev/oms/jdbc/migrations/";
    private static final long LOCK = 0x6f6d735f6d696772L; // "oms_migr"

    private Migrations() {
    }

    /** @return the scripts, oldest first */
    public static List<String> scripts() {
        String index = resource("index.txt");
        List<String> names = new ArrayList<>();
        for (String line : index.split("\n")) {
            if (!line.isBlank()) {
                names.add(line.strip());
            }
        }
        return names;
    }

    /**
     * @param script a name from {@link #scripts()}
     * @return its SQL
     */
    public static String sql(String script) {
        if (!scripts().contains(script)) {
            throw new IllegalArgumentException("no migration " + script);
        }
        return resource(script);
    }

    /**
     * @param script a name from {@link #scripts()}
     * @return its version number
     */
    public static int version(String script) {
        return Integer.parseInt(script.substring(1, script.indexOf("__")));
    }

    /**
     * Applies every script not applied yet.
     *
     * @param dataSource the database
     * @return the versions applied now (empty if the schema was current)
     * @throws StorageException if a script fails (its transaction is rolled back)
     */
    public static List<Integer> migrate(DataSource dataSource) {
        List<Integer> applied = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_lock(" + LOCK + ")");
            }
            try {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE IF NOT EXISTS oms_schema_history (version int PRIMARY KEY, "
                            + "script text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
                }
                c.commit();
                Set<Integer> done = new HashSet<>();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                        "SELECT version FROM oms_schema_history")) {
                    while (rs.next()) {
                        done.add(rs.getInt(1));
                    }
                }
                for (String script : scripts()) {
                    int version = version(script);
                    if (done.contains(version)) {
                        continue;
                    }
                    try (Statement s = c.createStatement()) {
                        s.execute(resource(script));
                    }
                    try (PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO oms_schema_history (version, script) VALUES (?, ?)")) {
                        ps.setInt(1, version);
                        ps.setString(2, script);
                        ps.executeUpdate();
                    }
                    c.commit();
                    applied.add(version);
                }
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT pg_advisory_unlock(" + LOCK + ")");
                }
            }
        } catch (SQLException e) {
            throw new StorageException("migrating the oms schema failed: " + e.getMessage(), e);
        }
        return applied;
    }

    private static String resource(String name) {
        try (InputStream in = Migrations.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("missing " + FOLDER + name + " in the oms-jdbc jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
