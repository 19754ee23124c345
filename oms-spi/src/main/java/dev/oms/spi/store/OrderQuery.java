package dev.oms.spi.store;

import dev.oms.spi.ChannelId;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.OrderId;
import dev.oms.spi.Sku;
import dev.oms.spi.order.Attributes;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.FulfillmentStatus;
import dev.oms.spi.order.Order.HoldType;
import dev.oms.spi.order.Order.OrderLine;
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.order.Order.PaymentStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One page of orders to find: a filter, a sort, a page size and, for every page but the first,
 * the cursor the previous page returned. Paging is by keyset, not by offset: a cursor names the
 * last order of the page before (its sort instant and its id), and the next page starts right
 * after it, so a page costs the same wherever it is and orders inserted or changed meanwhile do
 * not shift the pages.
 *
 * <p>Orders are sorted by the sort's instant, ties broken by order id (compared by code point),
 * both descending for a descending sort. Instants are compared to the nanosecond between the
 * years 1677 and 2262 (the range of a signed 64-bit count of nanoseconds since the epoch); an
 * instant outside sorts as the nearest end of it ({@link #epochNanos}).
 *
 * <p>What paging guarantees while orders are written, for an order that passes the filter from
 * the first page to the last:
 * <ul>
 *   <li>by placement ({@link Sort#PLACED_AT_ASCENDING}, {@link Sort#PLACED_AT_DESCENDING}), whose
 *       instant never changes: returned exactly once, whatever is inserted or updated meanwhile;
 *       an order inserted during the paging, at most once;</li>
 *   <li>by last change ascending ({@link Sort#UPDATED_AT_ASCENDING}): an order not changed during
 *       the paging, exactly once; an order changed meanwhile moves after the cursor, and comes
 *       again, in its newer version, if it had been returned before its change. With one writer
 *       that is every change; with several at once it is not a change feed to rely on: a change
 *       is stamped when it is decided and seen when it is saved, so one decided before another
 *       but saved after it can land behind a cursor that already passed its instant. A consumer
 *       that must see every change reads the outbox (in save order, at least once);</li>
 *   <li>by last change descending ({@link Sort#UPDATED_AT_DESCENDING}, most recently changed
 *       first): an order not changed during the paging, exactly once; an order changed meanwhile
 *       moves before the cursor, so (with one writer, as above) it comes at most once, and is on a
 *       new first page.</li>
 * </ul>
 * These assume that the clock stamping changes does not go back. Each order on a page is the
 * latest version the store had saved when the page read it (oms-jdbc reads a page in one
 * statement; the in-memory store reads each order as it walks its index).
 *
 * @param filter which orders
 * @param sort their order
 * @param pageSize at most how many orders a page has, 1 to {@value #MAX_PAGE_SIZE}
 * @param after the cursor of the previous page; empty for the first page
 */
public record OrderQuery(Filter filter, Sort sort, int pageSize, Optional<Cursor> after) {
    /** The largest page. */
    public static final int MAX_PAGE_SIZE = 1000;
    /** The page size of {@link #of}. */
    public static final int DEFAULT_PAGE_SIZE = 50;

    /**
     * @throws InvalidInputException if a part is null, the page size is out of range, or the
     *     cursor was made by a query with another filter or sort
     */
    public OrderQuery {
        InvalidInputException.requireNonNull(filter, "query.filter");
        InvalidInputException.requireNonNull(sort, "query.sort");
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new InvalidInputException("query.pageSize", "must be between 1 and " + MAX_PAGE_SIZE + " (was "
                    + pageSize + ")");
        }
        InvalidInputException.requireNonNull(after, "query.after");
        if (after.isPresent() && (after.get().sort() != sort || after.get().filterDigest() != digest(filter))) {
            throw new InvalidInputException("query.after", "the cursor was made by a query with another "
                    + (after.get().sort() != sort ? "sort (" + after.get().sort() + ")" : "filter"));
        }
    }

    /**
     * @param filter which orders
     * @return the first page of them, newest placement first, {@value #DEFAULT_PAGE_SIZE} a page
     */
    public static OrderQuery of(Filter filter) {
        return new OrderQuery(filter, Sort.PLACED_AT_DESCENDING, DEFAULT_PAGE_SIZE, Optional.empty());
    }

    /** @return this query in another order, from its first page */
    public OrderQuery sortedBy(Sort next) {
        return new OrderQuery(filter, next, pageSize, Optional.empty());
    }

    /** @return this query with another page size */
    public OrderQuery pageSize(int next) {
        return new OrderQuery(filter, sort, next, after);
    }

    /**
     * @param cursor a cursor a page of this query returned
     * @return the page after it
     * @throws InvalidInputException if the cursor was made by a query with another filter or sort
     */
    public OrderQuery after(Cursor cursor) {
        return new OrderQuery(filter, sort, pageSize, Optional.of(InvalidInputException.requireNonNull(cursor,
                "query.after")));
    }

    /**
     * The page a store read: the orders that passed, in this query's sort, up to one more than
     * the page size (the one more says there is a next page, and is left to it).
     *
     * @param rows at most {@code pageSize + 1} orders
     * @return the page, with the cursor after its last order if there were more
     */
    public Page page(List<Order> rows) {
        if (rows.size() <= pageSize) {
            return new Page(rows, Optional.empty());
        }
        List<Order> first = rows.subList(0, pageSize);
        return new Page(first, Optional.of(cursorAfter(first.get(pageSize - 1))));
    }

    /**
     * @param order the last order of a page of this query
     * @return the cursor of the page after it
     */
    public Cursor cursorAfter(Order order) {
        return new Cursor(sort, epochNanos(sort.instantOf(order)), order.id(), digest(filter));
    }

    /**
     * @return the comparison of two orders' positions in ascending order of (instant, id)
     */
    private static int compare(long nanos, OrderId id, long otherNanos, OrderId otherId) {
        int c = Long.compare(nanos, otherNanos);
        return c != 0 ? c : compareIds(id, otherId);
    }

    /**
     * @param a an order id
     * @param b another
     * @return their order by code point (what PostgreSQL's {@code COLLATE "C"} gives on UTF-8)
     */
    public static int compareIds(OrderId a, OrderId b) {
        String x = a.value();
        String y = b.value();
        int i = 0;
        int j = 0;
        while (i < x.length() && j < y.length()) {
            int cx = x.codePointAt(i);
            int cy = y.codePointAt(j);
            if (cx != cy) {
                return Integer.compare(cx, cy);
            }
            i += Character.charCount(cx);
            j += Character.charCount(cy);
        }
        return Boolean.compare(i < x.length(), j < y.length());
    }

    /**
     * The comparison of two orders in this query's sort.
     *
     * @param a an order
     * @param b another
     * @return negative if {@code a} comes first
     */
    public int compare(Order a, Order b) {
        int c = compare(epochNanos(sort.instantOf(a)), a.id(), epochNanos(sort.instantOf(b)), b.id());
        return sort.ascending() ? c : -c;
    }

    /**
     * @param instant an instant
     * @return its nanoseconds since the epoch, saturated at the range of a {@code long}
     */
    public static long epochNanos(Instant instant) {
        long seconds = instant.getEpochSecond();
        int nanos = instant.getNano();
        try {
            // before the epoch, from the next second down, so a value just inside the range is exact
            return seconds < 0 ? Math.addExact(Math.multiplyExact(seconds + 1, 1_000_000_000L), nanos - 1_000_000_000L)
                    : Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos);
        } catch (ArithmeticException outside) {
            return seconds < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static int digest(Filter filter) {
        return filter.canonical().hashCode();
    }

    /** The order of a query's pages. */
    public enum Sort {
        /** Oldest placement first. */
        PLACED_AT_ASCENDING(true, true),
        /** Newest placement first. */
        PLACED_AT_DESCENDING(true, false),
        /** Least recently changed first: a change feed. */
        UPDATED_AT_ASCENDING(false, true),
        /** Most recently changed first. */
        UPDATED_AT_DESCENDING(false, false);

        private final boolean byPlacement;
        private final boolean ascending;

        Sort(boolean byPlacement, boolean ascending) {
            this.byPlacement = byPlacement;
            this.ascending = ascending;
        }

        /** @return whether it sorts by placement (else by last change) */
        public boolean byPlacement() {
            return byPlacement;
        }

        /** @return whether the earliest comes first */
        public boolean ascending() {
            return ascending;
        }

        /** @return the instant it sorts the order by */
        public Instant instantOf(Order order) {
            return byPlacement ? order.header().placedAt() : order.updatedAt();
        }
    }

    /**
     * Where a page ended: the sort, the last order's sort instant and id, and a digest of the
     * filter (so a cursor is not used with another query). Its {@link #value} is a text a host
     * may hand to a client and take back; {@link #parse} reads it.
     *
     * @param sort the sort of the query that made it
     * @param epochNanos the last order's sort instant ({@link OrderQuery#epochNanos})
     * @param orderId the last order's id
     * @param filterDigest the digest of the query's filter
     */
    public record Cursor(Sort sort, long epochNanos, OrderId orderId, int filterDigest) {
        private static final String PREFIX = "c1";

        /** @throws InvalidInputException if the sort or the id is null */
        public Cursor {
            InvalidInputException.requireNonNull(sort, "Cursor.sort");
            InvalidInputException.requireNonNull(orderId, "Cursor.orderId");
        }

        /** @return the cursor as text: {@code c1.<sort>.<nanos>.<digest>.<order id>} */
        public String value() {
            return PREFIX + "." + sort.ordinal() + "." + epochNanos + "." + Integer.toHexString(filterDigest) + "."
                    + orderId.value();
        }

        /**
         * @param value a cursor's {@link #value}
         * @return the cursor
         * @throws InvalidInputException if it is not a cursor's text
         */
        public static Cursor parse(String value) {
            InvalidInputException.requireNonNull(value, "cursor");
            String[] parts = value.split("\\.", 5);
            try {
                if (parts.length != 5 || !parts[0].equals(PREFIX)) {
                    throw new NumberFormatException();
                }
                int sort = Integer.parseInt(parts[1]);
                if (sort < 0 || sort >= Sort.values().length) {
                    throw new NumberFormatException();
                }
                return new Cursor(Sort.values()[sort], Long.parseLong(parts[2]), OrderId.of(parts[4]),
                        Integer.parseUnsignedInt(parts[3], 16));
            } catch (NumberFormatException | InvalidInputException e) {
                String shown = value.length() > 60 ? value.substring(0, 60) + "..." : value;
                throw new InvalidInputException("cursor", "not a cursor of an order query: " + shown);
            }
        }

        @Override
        public String toString() {
            return value();
        }
    }

    /**
     * Which orders an {@link OrderQuery} finds. Every part is optional; the parts combine with AND,
     * and the values within a part with OR: {@code statuses = {CONFIRMED, PROCESSING}} and
     * {@code channels = {web}} finds the web orders that are confirmed or processing. An empty part
     * does not narrow.
     *
     * <ul>
     *   <li>{@code statuses}, {@code paymentStatuses}, {@code fulfillmentStatuses}: the order's
     *       {@link OrderStatus}, its {@link PaymentStatus} (from its ledger and grand total) and its
     *       {@link FulfillmentStatus} (from its lines' quantities) is one of them;</li>
     *   <li>{@code holdTypes}: the order has an active hold of one of these types;</li>
     *   <li>{@code channels}, {@code customers}: its channel, its customer is one of them;</li>
     *   <li>{@code tags}: it has at least one of these tags;</li>
     *   <li>{@code skus}: one of its lines (cancelled or not) is for one of these SKUs;</li>
     *   <li>{@code placedAt}, {@code updatedAt}: when it was placed in its channel, when it last
     *       changed, is inside the range (from inclusive, until exclusive);</li>
     *   <li>{@code attributes}: the order carries every one of these custom attributes, each
     *       equal (by {@link Attributes.Value#canonical}: {@code 5} equals {@code 5.00});</li>
     *   <li>{@code lineAttributes}: one of its lines carries every one of these.</li>
     * </ul>
     * Each part holds at most {@value #MAX_VALUES} values ({@value Attributes#MAX_ATTRIBUTES}
     * attributes).
     *
     * @param statuses order statuses, any of
     * @param paymentStatuses payment statuses, any of
     * @param fulfillmentStatuses fulfilment statuses, any of
     * @param holdTypes types of an active hold, any of
     * @param channels sales channels, any of
     * @param customers customers, any of
     * @param tags tags, any of
     * @param skus SKUs of a line, any of
     * @param placedAt the range of the placement instant
     * @param updatedAt the range of the last change's instant
     * @param attributes custom attributes of the order, all of
     * @param lineAttributes custom attributes of one line, all of
     */
    public record Filter(Set<OrderStatus> statuses, Set<PaymentStatus> paymentStatuses,
            Set<FulfillmentStatus> fulfillmentStatuses, Set<HoldType> holdTypes, Set<ChannelId> channels,
            Set<CustomerRef> customers, Set<String> tags, Set<Sku> skus, Between placedAt, Between updatedAt,
            Attributes attributes, Attributes lineAttributes) {
        /** The most values one part of a filter takes. */
        public static final int MAX_VALUES = 100;

        /** A filter that finds every order. */
        public static final Filter ALL = builder().build();

        /**
         * @throws InvalidInputException if a part is null, holds a null, a malformed tag or more than
         *     {@value #MAX_VALUES} values
         */
        public Filter {
            statuses = copy(statuses, "filter.statuses");
            paymentStatuses = copy(paymentStatuses, "filter.paymentStatuses");
            fulfillmentStatuses = copy(fulfillmentStatuses, "filter.fulfillmentStatuses");
            holdTypes = copy(holdTypes, "filter.holdTypes");
            channels = copy(channels, "filter.channels");
            customers = copy(customers, "filter.customers");
            tags = copy(tags, "filter.tags");
            for (String tag : tags) {
                InvalidInputException.requireCode(tag, "filter.tags");
            }
            skus = copy(skus, "filter.skus");
            InvalidInputException.requireNonNull(attributes, "filter.attributes");
            InvalidInputException.requireNonNull(lineAttributes, "filter.lineAttributes");
            InvalidInputException.requireNonNull(placedAt, "filter.placedAt");
            InvalidInputException.requireNonNull(updatedAt, "filter.updatedAt");
        }

        private static <T extends Comparable<? super T>> Set<T> copy(Set<T> values, String field) {
            InvalidInputException.requireNonNull(values, field);
            if (values.size() > MAX_VALUES) {
                throw new InvalidInputException(field, "more than " + MAX_VALUES + " values (" + values.size() + ")");
            }
            SortedSet<T> sorted = new TreeSet<>();
            for (T value : values) {
                sorted.add(InvalidInputException.requireNonNull(value, field + "[]"));
            }
            return Collections.unmodifiableSortedSet(sorted);
        }

        /** @return a builder of a filter that, until narrowed, finds every order */
        public static Builder builder() {
            return new Builder();
        }

        /**
         * Whether an order passes this filter: the definition every {@link OrderQueries} store follows.
         *
         * @param order the order
         * @param paymentStatus its payment status ({@link PaymentStatus#of} of its ledger and grand total)
         * @return whether it passes
         */
        public boolean matches(Order order, PaymentStatus paymentStatus) {
            return (statuses.isEmpty() || statuses.contains(order.status()))
                    && (paymentStatuses.isEmpty() || paymentStatuses.contains(paymentStatus))
                    && (fulfillmentStatuses.isEmpty() || fulfillmentStatuses.contains(order.fulfillmentStatus()))
                    && (holdTypes.isEmpty() || order.holds().stream().anyMatch(h -> holdTypes.contains(h.type())))
                    && (channels.isEmpty() || channels.contains(order.header().channel()))
                    && (customers.isEmpty() || customers.contains(order.header().customer()))
                    && (tags.isEmpty() || order.header().tags().stream().anyMatch(tags::contains))
                    && (skus.isEmpty() || order.lines().stream().map(OrderLine::sku).anyMatch(skus::contains))
                    && placedAt.contains(order.header().placedAt()) && updatedAt.contains(order.updatedAt())
                    && carries(order.header().attributes(), attributes)
                    && (lineAttributes.isEmpty() || order.lines().stream()
                            .anyMatch(l -> carries(l.attributes(), lineAttributes)));
        }

        private static boolean carries(Attributes carried, Attributes wanted) {
            for (Map.Entry<String, Attributes.Value> w : wanted.values().entrySet()) {
                Attributes.Value value = carried.values().get(w.getKey());
                if (value == null || !value.canonical().equals(w.getValue().canonical())) {
                    return false;
                }
            }
            return true;
        }

        /**
         * A stable text of this filter (the same on every JVM), which a {@link OrderQuery.Cursor}
         * carries a digest of.
         *
         * @return the filter as text
         */
        String canonical() {
            return names(statuses, Enum::name) + "|" + names(paymentStatuses, Enum::name) + "|"
                    + names(fulfillmentStatuses, Enum::name) + "|" + names(holdTypes, Enum::name) + "|"
                    + names(channels, ChannelId::value) + "|" + names(customers, CustomerRef::value) + "|"
                    + names(tags, t -> t) + "|" + names(skus, Sku::value) + "|" + placedAt + "|" + updatedAt + "|"
                    + attributes(attributes) + "|" + attributes(lineAttributes);
        }

        private static String attributes(Attributes attributes) {
            StringBuilder out = new StringBuilder();
            attributes.values().forEach((name, value) -> out.append(name.length()).append(':').append(name)
                    .append(value.canonical().length()).append(':').append(value.canonical()));
            return out.toString();
        }

        private static <T> String names(Set<T> values, Function<T, String> name) {
            StringBuilder out = new StringBuilder();
            for (T value : values) {
                String text = name.apply(value);
                out.append(text.length()).append(':').append(text);
            }
            return out.toString();
        }

        /**
         * A range of instants: from (inclusive) until (exclusive), either end open.
         *
         * @param from the earliest instant in the range, if bounded below
         * @param until the first instant after the range, if bounded above
         */
        public record Between(Optional<Instant> from, Optional<Instant> until) {
            /** The range of every instant. */
            public static final Between ALWAYS = new Between(Optional.empty(), Optional.empty());

            /**
             * @throws InvalidInputException if an end is null or {@code from} is not before {@code until}
             */
            public Between {
                InvalidInputException.requireNonNull(from, "Between.from");
                InvalidInputException.requireNonNull(until, "Between.until");
                if (from.isPresent() && until.isPresent() && !from.get().isBefore(until.get())) {
                    throw new InvalidInputException("Between", "from " + from.get() + " is not before until "
                            + until.get());
                }
            }

            /**
             * @return whether the instant is in the range, compared as {@link OrderQuery#epochNanos}
             *     (what a store keeps), so an instant beyond the years 1677 to 2262 counts as the end
             */
            public boolean contains(Instant instant) {
                long at = epochNanos(instant);
                return from.map(f -> at >= epochNanos(f)).orElse(true) && until.map(u -> at < epochNanos(u)).orElse(true);
            }

            @Override
            public String toString() {
                return from.map(Instant::toString).orElse("") + ".." + until.map(Instant::toString).orElse("");
            }
        }

        /** Builds a filter; each call narrows one part (calls on the same part add values to it). */
        public static final class Builder {
            private final Set<OrderStatus> statuses = new TreeSet<>();
            private final Set<PaymentStatus> paymentStatuses = new TreeSet<>();
            private final Set<FulfillmentStatus> fulfillmentStatuses = new TreeSet<>();
            private final Set<HoldType> holdTypes = new TreeSet<>();
            private final Set<ChannelId> channels = new TreeSet<>();
            private final Set<CustomerRef> customers = new TreeSet<>();
            private final Set<String> tags = new TreeSet<>();
            private final Set<Sku> skus = new TreeSet<>();
            private Between placedAt = Between.ALWAYS;
            private Attributes attributes = Attributes.NONE;
            private Attributes lineAttributes = Attributes.NONE;
            private Between updatedAt = Between.ALWAYS;

            private Builder() {
            }

            /** @return this builder, also finding orders in these statuses */
            public Builder status(OrderStatus... values) {
                return add(statuses, values, "filter.statuses");
            }

            /** @return this builder, also finding orders in these payment statuses */
            public Builder paymentStatus(PaymentStatus... values) {
                return add(paymentStatuses, values, "filter.paymentStatuses");
            }

            /** @return this builder, also finding orders in these fulfilment statuses */
            public Builder fulfillmentStatus(FulfillmentStatus... values) {
                return add(fulfillmentStatuses, values, "filter.fulfillmentStatuses");
            }

            /** @return this builder, also finding orders with an active hold of these types */
            public Builder onHold(HoldType... values) {
                return add(holdTypes, values, "filter.holdTypes");
            }

            /** @return this builder, also finding orders from these channels */
            public Builder channel(ChannelId... values) {
                return add(channels, values, "filter.channels");
            }

            /** @return this builder, also finding orders of these customers */
            public Builder customer(CustomerRef... values) {
                return add(customers, values, "filter.customers");
            }

            /** @return this builder, also finding orders with one of these tags */
            public Builder tag(String... values) {
                return add(tags, values, "filter.tags");
            }

            /** @return this builder, also finding orders with a line of one of these SKUs */
            public Builder sku(Sku... values) {
                return add(skus, values, "filter.skus");
            }

            /**
             * @param name a custom attribute's name
             * @param value the value the order must carry under it
             * @return this builder
             */
            public Builder attribute(String name, Attributes.Value value) {
                attributes = attributes.with(name, InvalidInputException.requireNonNull(value, "filter.attributes[]"));
                return this;
            }

            /**
             * @param name a custom attribute's name
             * @param value the value one line must carry (with every other line attribute asked for)
             * @return this builder
             */
            public Builder lineAttribute(String name, Attributes.Value value) {
                lineAttributes = lineAttributes.with(name, InvalidInputException.requireNonNull(value,
                        "filter.lineAttributes[]"));
                return this;
            }

            /**
             * @param from the earliest placement instant found (inclusive), or null for no lower bound
             * @param until the first placement instant not found (exclusive), or null for no upper bound
             * @return this builder
             */
            public Builder placedBetween(Instant from, Instant until) {
                placedAt = new Between(Optional.ofNullable(from), Optional.ofNullable(until));
                return this;
            }

            /**
             * @param from the earliest last-change instant found (inclusive), or null for no lower bound
             * @param until the first last-change instant not found (exclusive), or null for no upper bound
             * @return this builder
             */
            public Builder updatedBetween(Instant from, Instant until) {
                updatedAt = new Between(Optional.ofNullable(from), Optional.ofNullable(until));
                return this;
            }

            /**
             * @return the filter
             * @throws InvalidInputException if a part holds a malformed tag or too many values
             */
            public Filter build() {
                return new Filter(statuses, paymentStatuses, fulfillmentStatuses, holdTypes, channels, customers,
                        tags, skus, placedAt, updatedAt, attributes, lineAttributes);
            }

            private <T> Builder add(Collection<T> part, T[] values, String field) {
                InvalidInputException.requireNonNull(values, field);
                for (T value : Arrays.asList(values)) {
                    part.add(InvalidInputException.requireNonNull(value, field + "[]"));
                }
                return this;
            }
        }
    }

    /**
     * One page of an {@link OrderQuery}: its orders in the query's sort and, if more orders passed
     * the filter when the page was read, the cursor of the next page.
     *
     * @param orders the orders, at most the query's page size
     * @param next the cursor for {@link OrderQuery#after}; empty on the last page
     */
    public record Page(List<Order> orders, Optional<OrderQuery.Cursor> next) {
        /** @throws InvalidInputException if a part is null */
        public Page {
            orders = List.copyOf(InvalidInputException.requireNonNull(orders, "Page.orders"));
            InvalidInputException.requireNonNull(next, "Page.next");
        }
    }
}
