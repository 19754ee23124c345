package dev.oms.jdbc.internal;

import dev.oms.json.StoredJson;
import dev.oms.spi.CommandKey;
import dev.oms.spi.OmsException.CommandKeyConflictException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Command keys per store (the scope), recorded at most once: the insert does nothing on a
 * conflict and the row count tells, so a repeated key never raises an SQL error that would abort
 * the transaction.
 */
public final class CommandKeys {
    private CommandKeys() {
    }

    /**
     * Records a key with its record, in the change's transaction.
     *
     * @throws CommandKeyConflictException if the key is already recorded in the scope
     */
    public static void record(Connection c, String scope, CommandKey key, Object record) throws SQLException {
        int inserted = Jdbc.update(c, "INSERT INTO oms_command_keys (scope, key, record) VALUES (?, ?, ?::jsonb) "
                + "ON CONFLICT DO NOTHING", scope, key.value(), StoredJson.write(record, record.getClass()));
        if (inserted == 0) {
            throw new CommandKeyConflictException(key, "is already recorded");
        }
    }

    /** @return the record saved with the key in the scope, if any */
    public static <T> Optional<T> find(Connection c, String scope, CommandKey key, Class<T> type) throws SQLException {
        return Jdbc.one(c, "SELECT record::text FROM oms_command_keys WHERE scope = ? AND key = ?",
                rs -> StoredJson.read(rs.getString(1), type), scope, key.value());
    }
}
