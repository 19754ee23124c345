package dev.oms.jdbc.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import javax.sql.DataSource;

/**
 * A minimal connection pool for tests, examples and benchmarks (the adapter itself takes any pool
 * the host has; production hosts use theirs, such as HikariCP): at most {@code size} open
 * connections, reused; {@code close()} hands a connection back (rolled back if a transaction was
 * left open), or discards it if it was closed or broken. Plays one application instance's pool.
 */
public final class LocalPool extends DataSourceBase implements AutoCloseable {
    private final DataSource database;
    private final Semaphore permits;
    private final LinkedBlockingQueue<Connection> idle = new LinkedBlockingQueue<>();

    /**
     * @param database where new connections come from
     * @param size the most connections open at once; callers beyond it wait
     */
    public LocalPool(DataSource database, int size) {
        this.database = database;
        this.permits = new Semaphore(size);
    }

    /** Closes the idle connections; connections still lent out close when they come back. */
    @Override
    public void close() {
        for (Connection c = idle.poll(); c != null; c = idle.poll()) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // going away anyway
            }
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted waiting for a connection", e);
        }
        try {
            Connection real = idle.poll();
            if (real == null || real.isClosed()) {
                real = database.getConnection();
            }
            return lend(real);
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    private Connection lend(Connection real) {
        boolean[] returned = {false};
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        if (!returned[0]) {
                            returned[0] = true;
                            giveBack(real);
                        }
                        return null;
                    }
                    if (method.getName().equals("isClosed")) {
                        return returned[0] || real.isClosed();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private void giveBack(Connection real) {
        try {
            if (!real.isClosed() && real.getAutoCommit()) {
                idle.add(real);
            } else if (!real.isClosed()) {
                real.rollback();
                real.setAutoCommit(true);
                idle.add(real);
            }
        } catch (SQLException broken) {
            try {
                real.close();
            } catch (SQLException ignored) {
                // already broken
            }
        } finally {
            permits.release();
        }
    }
}
