package dev.oms.jdbc.internal;

import dev.oms.spi.order.Attributes;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.Hold;
import dev.oms.spi.order.Order.OrderLine;
import dev.oms.spi.store.OrderQuery;
import dev.oms.spi.store.OrderStore.OrderChange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What an order is found by, as columns of its row ({@code V10__order_queries.sql}), and a filter
 * as a condition on them. The derivations are {@link OrderQuery.Filter#matches}'s.
 */
final class OrderFacets {
    static final String COLUMNS = "status, payment_status, fulfillment_status, customer, tags, skus, hold_types, "
            + "placed_nanos, updated_nanos, attributes, line_attributes";
    static final String VALUES = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb";

    private OrderFacets() {
    }

    /** A condition and its parameters. */
    record Where(String sql, List<Object> params) {
    }

    static Where where(OrderQuery.Filter f) {
        StringBuilder sql = new StringBuilder("TRUE");
        List<Object> params = new ArrayList<>();
        any(sql, params, "status", f.statuses(), Enum::name);
        any(sql, params, "payment_status", f.paymentStatuses(), Enum::name);
        any(sql, params, "fulfillment_status", f.fulfillmentStatuses(), Enum::name);
        overlaps(sql, params, "hold_types", f.holdTypes(), Enum::name);
        if (!f.holdTypes().isEmpty()) {
            sql.append(" AND cardinality(hold_types) > 0"); // implied, and the predicate of oms_orders_on_hold
        }
        any(sql, params, "channel", f.channels(), c -> c.value());
        any(sql, params, "customer", f.customers(), c -> c.value());
        overlaps(sql, params, "tags", f.tags(), t -> t);
        overlaps(sql, params, "skus", f.skus(), s -> s.value());
        between(sql, params, "placed_nanos", f.placedAt());
        between(sql, params, "updated_nanos", f.updatedAt());
        if (!f.attributes().isEmpty()) {
            sql.append(" AND attributes @> ?::jsonb");
            params.add(json(f.attributes()));
        }
        if (!f.lineAttributes().isEmpty()) {
            sql.append(" AND line_attributes @> ?::jsonb");
            params.add("[" + json(f.lineAttributes()) + "]");
        }
        return new Where(sql.toString(), params);
    }

    private static <T> void any(StringBuilder sql, List<Object> params, String column, Set<T> values,
            Function<T, String> text) {
        if (!values.isEmpty()) {
            sql.append(" AND ").append(column).append(values.size() == 1 ? " = ?" : " = ANY (?)");
            params.add(values.size() == 1 ? text.apply(values.iterator().next()) : texts(values, text));
        }
    }

    private static <T> void overlaps(StringBuilder sql, List<Object> params, String column, Set<T> values,
            Function<T, String> text) {
        if (!values.isEmpty()) {
            sql.append(" AND ").append(column).append(" && ?");
            params.add(texts(values, text));
        }
    }

    private static void between(StringBuilder sql, List<Object> params, String column, OrderQuery.Filter.Between range) {
        range.from().ifPresent(from -> {
            sql.append(" AND ").append(column).append(" >= ?");
            params.add(OrderQuery.epochNanos(from));
        });
        range.until().ifPresent(until -> {
            sql.append(" AND ").append(column).append(" < ?");
            params.add(OrderQuery.epochNanos(until));
        });
    }

    private static <T> String[] texts(Collection<T> values, Function<T, String> text) {
        return values.stream().map(text).toArray(String[]::new);
    }

    /** @return the facets of the change's snapshot, in the order of {@link #COLUMNS} */
    static Object[] of(OrderChange change) {
        Order order = change.order();
        Set<String> skus = new TreeSet<>();
        for (OrderLine line : order.lines()) {
            skus.add(line.sku().value());
        }
        Set<String> holds = new TreeSet<>();
        for (Hold hold : order.holds()) {
            holds.add(hold.type().name());
        }
        return new Object[] {order.status().name(), change.paymentStatus().name(), order.fulfillmentStatus().name(),
            order.header().customer().value(), order.header().tags().toArray(String[]::new),
            skus.toArray(String[]::new), holds.toArray(String[]::new),
            OrderQuery.epochNanos(order.header().placedAt()), OrderQuery.epochNanos(order.updatedAt()),
            json(order.header().attributes()), lineAttributes(order)};
    }

    private static String lineAttributes(Order order) {
        StringBuilder out = new StringBuilder("[");
        for (OrderLine line : order.lines()) {
            out.append(out.length() > 1 ? "," : "").append(json(line.attributes()));
        }
        return out.append(']').toString();
    }

    /** @return the attributes as a JSON object of name to canonical value */
    static String json(Attributes attributes) {
        StringBuilder out = new StringBuilder("{");
        attributes.values().forEach((name, value) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            quote(name, out);
            out.append(':');
            quote(value.canonical(), out);
        });
        return out.append('}').toString();
    }

    private static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    /**
     * @param before the statement's parameters before the facets
     * @param change the change whose facets follow them
     * @param after the parameters after the facets
     * @return all of them in order
     */
    static Object[] params(Object[] before, OrderChange change, Object... after) {
        Object[] facets = of(change);
        Object[] all = Arrays.copyOf(before, before.length + facets.length + after.length);
        System.arraycopy(facets, 0, all, before.length, facets.length);
        System.arraycopy(after, 0, all, before.length + facets.length, after.length);
        return all;
    }
}
