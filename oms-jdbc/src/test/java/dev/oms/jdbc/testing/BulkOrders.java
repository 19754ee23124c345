package dev.oms.jdbc.testing;

import dev.oms.json.StoredJson;
import dev.oms.spi.order.Order;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Many orders written straight into {@code oms_orders} by one statement, for the query plan tests
 * and the query benchmark: each is a copy of a template order's snapshot with its own id, channel
 * order, customer, status, placement, last change, first line's SKU, tags and holds, and the
 * query columns a save would write for it. Not a way to import orders: nothing checks them, and
 * they have no events.
 *
 * <p>Order {@code n} (1 to count): id and channel order {@code bulk-<n>}; customer
 * {@code c-<n mod 10,000>}; status CONFIRMED for one in ten, PENDING for one in a hundred, else
 * COMPLETED; placed one second after the order before it, from 2025-01-01; last changed
 * {@code n mod 3,600} seconds after its placement; its first line's SKU {@code SKU-<n mod 5,000>};
 * tag {@code vip} on one in twenty; a fraud-review hold on one in fifty.
 */
public final class BulkOrders {
    private BulkOrders() {
    }

    /**
     * @param database a migrated database
     * @param template the order to copy (channel {@code web}; at least one line)
     * @param count how many orders
     * @throws SQLException if the insert fails
     */
    public static void insert(DataSource database, Order template, int count) throws SQLException {
        String sql = """
            INSERT INTO oms_orders (id, version, channel, external_id, snapshot, updated_at, status, payment_status,
                fulfillment_status, customer, tags, skus, hold_types, placed_nanos, updated_nanos)
            SELECT 'bulk-' || n, 1, 'web', 'bulk-' || n,
                jsonb_set(jsonb_set(jsonb_set(jsonb_set(jsonb_set(jsonb_set(jsonb_set(jsonb_set(t.body,
                    '{id}', to_jsonb('bulk-' || n)),
                    '{header,externalOrderId}', to_jsonb('bulk-' || n)),
                    '{header,customer}', to_jsonb('c-' || (n % 10000))),
                    '{status}', to_jsonb(status)),
                    '{header,placedAt}', to_jsonb(to_char(placed, 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))),
                    '{updatedAt}', to_jsonb(to_char(updated, 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))),
                    '{lines,0,sku}', to_jsonb('SKU-' || (n % 5000))),
                    '{header,tags}', CASE WHEN n % 20 = 0 THEN '["vip"]'::jsonb ELSE '[]'::jsonb END)
                    || jsonb_build_object('holds', CASE WHEN n % 50 = 0 THEN jsonb_build_array(jsonb_build_object(
                        'type', 'FRAUD_REVIEW', 'code', 'screen', 'reason', 'score 80',
                        'placedAt', to_char(updated, 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))) ELSE '[]'::jsonb END),
                updated AT TIME ZONE 'UTC', status, 'UNPAID', 'UNFULFILLED', 'c-' || (n % 10000),
                CASE WHEN n % 20 = 0 THEN ARRAY['vip'] ELSE ARRAY[]::text[] END,
                ARRAY(SELECT DISTINCT s FROM unnest(('SKU-' || (n % 5000)) || t.other_skus) s ORDER BY 1),
                CASE WHEN n % 50 = 0 THEN ARRAY['FRAUD_REVIEW'] ELSE ARRAY[]::text[] END,
                extract(epoch FROM placed)::bigint * 1000000000, extract(epoch FROM updated)::bigint * 1000000000
            FROM (SELECT ?::jsonb AS body, ?::text[] AS other_skus) t,
                LATERAL generate_series(1, ?) n,
                LATERAL (SELECT timestamp '2025-01-01 00:00:00' + n * interval '1 second' AS placed) p,
                LATERAL (SELECT p.placed + (n % 3600) * interval '1 second' AS updated,
                    CASE WHEN n % 10 = 0 THEN 'CONFIRMED' WHEN n % 100 = 1 THEN 'PENDING' ELSE 'COMPLETED' END
                        AS status) u
            """;
        String[] otherSkus = template.lines().stream().skip(1).map(l -> l.sku().value()).toArray(String[]::new);
        try (Connection c = database.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, StoredJson.write(template, Order.class));
                ps.setArray(2, c.createArrayOf("text", otherSkus));
                ps.setInt(3, count);
                ps.executeUpdate();
            }
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE oms_orders");
            }
        }
    }
}
