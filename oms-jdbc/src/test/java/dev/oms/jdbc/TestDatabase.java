package dev.oms.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;

/**
 * One real PostgreSQL for the whole test JVM, started from the Maven artifact on first use and
 * migrated once. Tests share it; every contract test uses ids of its own.
 */
final class TestDatabase {
    private static EmbeddedPostgres postgres;
    private static DataSource pool;

    private TestDatabase() {
    }

    static synchronized DataSource dataSource() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Migrations.migrate(postgres.getPostgresDatabase());
            pool = new TestPool(postgres.getPostgresDatabase(), 20);
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

    /** @return a new pool of its own on the same database: a second application instance */
    static synchronized DataSource anotherInstance(int size) {
        dataSource();
        return new TestPool(postgres.getPostgresDatabase(), size);
    }

    /** @return a connection outside any pool (for the crash test, which breaks it) */
    static java.sql.Connection rawConnection() throws java.sql.SQLException {
        dataSource();
        return postgres.getPostgresDatabase().getConnection();
    }
}
