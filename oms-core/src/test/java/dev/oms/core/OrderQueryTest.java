package dev.oms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.spi.ChannelId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.OrderId;
import dev.oms.spi.Sku;
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.store.OrderQuery;
import dev.oms.spi.store.OrderQuery.Cursor;
import dev.oms.spi.store.OrderQuery.Sort;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Queries, filters and cursors refuse what a careless or hostile caller sends, naming the field. */
class OrderQueryTest {
    private final OrderQuery.Filter web = OrderQuery.Filter.builder().channel(ChannelId.of("web")).build();

    @Test
    void a_page_size_outside_one_to_a_thousand_is_refused() {
        assertThatThrownBy(() -> OrderQuery.of(web).pageSize(0)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.field()).isEqualTo("query.pageSize"));
        assertThatThrownBy(() -> OrderQuery.of(web).pageSize(1001)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("between 1 and 1000");
        assertThat(OrderQuery.of(web).pageSize(1000).pageSize()).isEqualTo(1000);
    }

    @Test
    void a_cursor_of_another_filter_or_sort_is_refused() {
        Cursor cursor = OrderQuery.of(web).cursorAfter(order("o-1"));
        OrderQuery.Filter other = OrderQuery.Filter.builder().channel(ChannelId.of("pos")).build();
        assertThatThrownBy(() -> OrderQuery.of(other).after(cursor)).isInstanceOfSatisfying(
                InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("query.after"))
                .hasMessageContaining("another filter");
        assertThatThrownBy(() -> OrderQuery.of(web).sortedBy(Sort.UPDATED_AT_ASCENDING).after(cursor))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("another sort");
        assertThat(OrderQuery.of(web).after(cursor).after()).contains(cursor);
    }

    @Test
    void a_cursor_survives_its_text_and_text_that_is_not_one_is_refused() {
        Cursor cursor = OrderQuery.of(web).cursorAfter(order("o.with.dots"));
        assertThat(Cursor.parse(cursor.value())).isEqualTo(cursor);
        for (String bad : new String[] {"", "c1", "c1.0.1.ff", "c2.0.1.ff.o", "c1.9.1.ff.o", "c1.0.x.ff.o",
            "c1.0.1.zz.o", "c1.0.1.ff. o", "c1.0.1.ff." + "x".repeat(200)}) {
            assertThatThrownBy(() -> Cursor.parse(bad)).as(bad).isInstanceOfSatisfying(InvalidInputException.class,
                    e -> assertThat(e.field()).isEqualTo("cursor"));
        }
        assertThatThrownBy(() -> Cursor.parse(null)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void a_filter_refuses_nulls_too_many_values_bad_tags_and_empty_ranges() {
        assertThatThrownBy(() -> OrderQuery.Filter.builder().status((OrderStatus) null)).isInstanceOfSatisfying(
                InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("filter.statuses[]"));
        Set<Sku> many = new HashSet<>();
        for (int i = 0; i <= OrderQuery.Filter.MAX_VALUES; i++) {
            many.add(Sku.of("S" + i));
        }
        assertThatThrownBy(() -> OrderQuery.Filter.builder().sku(many.toArray(Sku[]::new)).build())
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("filter.skus"))
                .hasMessageContaining("more than 100");
        assertThatThrownBy(() -> OrderQuery.Filter.builder().tag(" vip").build()).isInstanceOfSatisfying(
                InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("filter.tags"));
        Instant t = Instant.parse("2026-12-01T00:00:00Z");
        assertThatThrownBy(() -> OrderQuery.Filter.builder().placedBetween(t, t)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not before");
        assertThatThrownBy(() -> new OrderQuery(null, Sort.PLACED_AT_ASCENDING, 5, Optional.empty()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("query.filter"));
    }

    @Test
    void ids_compare_by_code_point_and_instants_saturate_outside_a_long() {
        // U+FF5E sorts before U+1F600 by code point, after it by UTF-16 unit
        assertThat(OrderQuery.compareIds(OrderId.of("a\uFF5E"), OrderId.of("a\uD83D\uDE00"))).isNegative();
        assertThat(OrderQuery.compareIds(OrderId.of("ab"), OrderId.of("abc"))).isNegative();
        assertThat(OrderQuery.compareIds(OrderId.of("abc"), OrderId.of("abc"))).isZero();
        assertThat(OrderQuery.epochNanos(Instant.parse("1970-01-01T00:00:01.5Z"))).isEqualTo(1_500_000_000L);
        assertThat(OrderQuery.epochNanos(Instant.parse("1969-12-31T23:59:59.5Z"))).isEqualTo(-500_000_000L);
        assertThat(OrderQuery.epochNanos(Instant.MAX)).isEqualTo(Long.MAX_VALUE);
        assertThat(OrderQuery.epochNanos(Instant.MIN)).isEqualTo(Long.MIN_VALUE);
        assertThat(OrderQuery.epochNanos(Instant.ofEpochSecond(Long.MAX_VALUE / 1_000_000_000L, 999_999_999)))
                .isEqualTo(Long.MAX_VALUE);
        assertThat(OrderQuery.epochNanos(Instant.ofEpochSecond(-9_223_372_037L, 999_999_999)))
                .as("just inside the range before the epoch").isEqualTo(-9_223_372_036_000_000_001L);
        assertThat(OrderQuery.epochNanos(Instant.ofEpochSecond(-9_223_372_037L, 0))).isEqualTo(Long.MIN_VALUE);
        assertThat(OrderQuery.Filter.builder().placedBetween(Instant.parse("2300-01-01T00:00:00Z"), null).build()
                .placedAt().contains(Instant.parse("2400-01-01T00:00:00Z"))).as("beyond 2262 all instants are one")
                .isTrue();
        assertThat(OrderQuery.Filter.builder().placedBetween(Instant.parse("2300-01-01T00:00:00Z"),
                Instant.parse("2400-01-01T00:00:00Z")).build().placedAt().contains(Instant.parse("2350-01-01T00:00:00Z")))
                .as("and a range between two of them is empty, in memory as in SQL").isFalse();
    }

    @Test
    void the_service_pages_through_its_stores_queries_and_says_when_its_store_has_none() {
        dev.oms.core.memory.InMemoryOrderStore store = new dev.oms.core.memory.InMemoryOrderStore();
        OrderService orders = Fixtures.service(store);
        for (int i = 0; i < 5; i++) {
            orders.place(Fixtures.webOrder("svc-" + i).tag(i % 2 == 0 ? "even" : "odd").build());
        }
        // finding:begin
        OrderQuery even = OrderQuery.of(OrderQuery.Filter.builder().tag("even").status(OrderStatus.PENDING).build())
                .sortedBy(OrderQuery.Sort.PLACED_AT_DESCENDING).pageSize(2);
        OrderQuery.Page first = orders.query(even);
        String cursor = first.next().orElseThrow().value(); // hand it to the client, take it back
        OrderQuery.Page second = orders.query(even.after(OrderQuery.Cursor.parse(cursor)));
        Map<OrderStatus, Long> counts = orders.countByStatus(OrderQuery.Filter.builder().tag("even").build());
        // finding:end
        assertThat(counts).containsEntry(OrderStatus.PENDING, 3L);
        assertThat(first.orders()).hasSize(2);
        assertThat(second.orders()).hasSize(1).doesNotContainAnyElementsOf(first.orders());
        assertThat(second.next()).isEmpty();
        assertThat(orders.countByStatus(OrderQuery.Filter.ALL)).containsEntry(OrderStatus.PENDING, 5L)
                .containsEntry(OrderStatus.CONFIRMED, 0L);
        OrderService withoutQueries = OrderService.builder(new ForwardingStore(store)).build();
        assertThatThrownBy(() -> withoutQueries.query(even)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not answer queries");
    }

    @Test
    void the_readme_shows_the_query_as_run_here() {
        assertThat(dev.oms.docs.ReadmeSnippets.codeBlockAfter(dev.oms.docs.ReadmeSnippets.readme(),
                "<!-- finding (from OrderQueryTest) -->")).isEqualTo(dev.oms.docs.ReadmeSnippets.region(
                        java.nio.file.Path.of("src/test/java/dev/oms/core/OrderQueryTest.java"), "finding"));
    }

    private static dev.oms.spi.order.Order order(String id) {
        dev.oms.spi.IdGenerator ids = new dev.oms.spi.IdGenerator() {
            private int events;

            @Override
            public OrderId newOrderId() {
                return OrderId.of(id);
            }

            @Override
            public dev.oms.spi.EventId newEventId() {
                return dev.oms.spi.EventId.of(id + "-e" + ++events);
            }
        };
        return OrderDecider.builder().clock(Fixtures.CLOCK).ids(ids).build()
                .place(Fixtures.webOrder("q-" + id).build()).orThrow().order();
    }
}
