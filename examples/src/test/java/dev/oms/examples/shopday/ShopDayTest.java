package dev.oms.examples.shopday;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.oms.spi.order.Order.OrderStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shop day, small: every story plays, every invariant holds, the figures add up, the report has its charts. */
class ShopDayTest {
    @TempDir
    Path dir;

    private static String run(DayOptions options, ShopDay.Result[] result) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        result[0] = ShopDay.run(options, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void a_small_day_plays_every_story_breaks_no_invariant_and_sells_exactly_the_flash_stock() throws IOException {
        ShopDay.Result[] result = new ShopDay.Result[1];
        String out = run(new DayOptions(7, 120, ShopStores.Kind.MEMORY, dir.resolve("report.html"), 400, 60, false),
                result);
        DaySummary s = result[0].summary();

        assertThat(s.brokenInvariants).as(out).isEmpty();
        assertThat(out).contains("Broken invariants: 0");
        assertThat(s.stories.keySet()).as("every story played").containsExactlyInAnyOrder(Story.values());
        assertThat(s.stories.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(120);
        assertThat(s.byChannelAndStatus.keySet()).contains("web", "app", "store", "marketplace", "exchange");

        // what the stories must have caused, read from oms' stores and the host's log
        assertThat(s.ordersInStatus(OrderStatus.COMPLETED)).isGreaterThan(80);
        assertThat(s.ordersInStatus(OrderStatus.CANCELLED)).isGreaterThanOrEqualTo(4); // fraud, declined, customer, pickup
        assertThat(s.returnsByReason).containsKey("LOST_IN_TRANSIT").containsKey("TOO_SMALL");
        assertThat(s.returnsByReason.keySet()).containsAnyOf("DAMAGED", "DEFECTIVE");
        assertThat(s.refunded.isPositive()).isTrue();
        assertThat(s.splitOrders).isPositive();
        assertThat(s.operations).containsKeys("backorders filled (by a delivery or a restocked return)", "orders edited",
                "orders held for fraud review", "orders rejected by the fraud screen", "payments declined",
                "claims refunded", "exchanges: replacement orders routed", "parcels lost by the carrier");
        assertThat(s.operations.get("backorders filled (by a delivery or a restocked return)")).isPositive();
        assertThat(s.ordersInStatus(OrderStatus.PROCESSING)).as("every order reached its end, lost parcels too")
                .isZero();

        // the business customer: quote, approval, production with a late stage, invoice net 30, settled
        assertThat(s.byChannelAndStatus.get("sales")).containsEntry(OrderStatus.COMPLETED, 1L);
        assertThat(s.business).anyMatch(l -> l.contains("quote Q-7-001 sent"))
                .anyMatch(l -> l.contains("waits for manager-of-buyer-jan"))
                .anyMatch(l -> l.contains("approved by manager-of-buyer-jan"))
                .anyMatch(l -> l.contains("joinery done, a day late"))
                .anyMatch(l -> l.matches("promised: delivery by \\d{4}-\\d\\d-\\d\\d \\(joinery finished late\\)"))
                .anyMatch(l -> l.contains("invoice settled by bank transfer"))
                .anyMatch(l -> l.matches("invoiced (EUR [0-9.]+), NET_30: due .*; settled \\1; order COMPLETED"));
        assertThat(out).contains("A business customer (quote, approval, made to order, invoice)");

        // the figures are consistent with each other
        assertThat(s.shipmentsPerOrder()).isBetween(1.0, 3.0);
        assertThat(s.splitRate()).isBetween(0.0, 1.0);
        assertThat(s.fillRate()).isBetween(0.9, 1.0);
        assertThat(s.onTimeRate()).isBetween(0.5, 1.0);
        assertThat(s.averageHoursToDeliver).isGreaterThan(s.averageHoursToShip);
        assertThat(s.shipTimeHistogram).matches(h -> java.util.Arrays.stream(h).sum() == s.ordersShipped);
        assertThat(s.stockByLocation).hasSize(Network.LOCATIONS.size());

        FlashSale.Result sale = result[0].flashSale().orElseThrow();
        assertThat(sale.exact()).isTrue();
        assertThat(sale.sold()).isEqualTo(60);
        assertThat(sale.refused()).isEqualTo(340);
        assertThat(sale.soldBy().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(60);
        assertThat(out).contains("exactly the stock sold: yes");

        // the report: its charts and the lifecycle, readable offline (no script, nothing fetched)
        String html = Files.readString(dir.resolve("report.html"));
        for (String chart : new String[] {"orders-over-the-day", "time-to-ship", "stock-by-location",
                "returns-by-reason", "lifecycle"}) {
            assertThat(html).contains("<svg id=\"" + chart + "\"");
            Matcher svg = Pattern.compile("<svg id=\"" + chart + "\".*?</svg>", Pattern.DOTALL).matcher(html);
            assertThat(svg.find()).isTrue();
            assertThat(svg.group()).as(chart + " draws something").containsPattern("<(rect|path) ");
        }
        for (OrderStatus status : OrderStatus.values()) {
            assertThat(html).contains(">" + status.name() + "</text>");
        }
        assertThat(html).contains("<h2 id=\"business-customer\">").contains("joinery finished late");
        assertThat(html).doesNotContain("<script").doesNotContainPattern("(src|href)=\"https?:")
                .contains("None broken").contains("Exactly the stock was sold");
    }

    @Test
    void the_same_seed_gives_the_same_day() {
        ShopDay.Result[] first = new ShopDay.Result[1];
        ShopDay.Result[] second = new ShopDay.Result[1];
        String a = run(new DayOptions(11, 60, ShopStores.Kind.MEMORY, dir.resolve("a.html"), 0, 2, false), first);
        String b = run(new DayOptions(11, 60, ShopStores.Kind.MEMORY, dir.resolve("b.html"), 0, 2, false), second);
        assertThat(a.replace("a.html", "b.html")).isEqualTo(b);
        String c = run(new DayOptions(12, 60, ShopStores.Kind.MEMORY, dir.resolve("c.html"), 0, 2, false), first);
        assertThat(c).isNotEqualTo(b);
    }

    @Test
    void the_same_day_runs_on_postgres() {
        ShopDay.Result[] result = new ShopDay.Result[1];
        String out = run(new DayOptions(5, 40, ShopStores.Kind.POSTGRES, dir.resolve("pg.html"), 200, 30, false),
                result);
        assertThat(result[0].summary().brokenInvariants).as(out).isEmpty();
        assertThat(result[0].summary().stores).contains("PostgreSQL");
        assertThat(result[0].flashSale().orElseThrow().exact()).isTrue();
        assertThat(result[0].flashSale().orElseThrow().sold()).isEqualTo(30);
    }

    @Test
    void options_are_parsed_and_a_wrong_one_is_named() {
        DayOptions o = DayOptions.parse("--seed=3", "--orders=500", "--store=postgres", "--report=x.html",
                "--flash-sale-buyers=0", "--no-progress");
        assertThat(o).isEqualTo(new DayOptions(3, 500, ShopStores.Kind.POSTGRES, Path.of("x.html"), 0, 300, false));
        assertThat(DayOptions.parse()).isEqualTo(DayOptions.defaults());
        assertThatThrownBy(() -> DayOptions.parse("--colour=red")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown option '--colour=red'").hasMessageContaining("usage:");
        assertThatThrownBy(() -> DayOptions.parse("--orders=many")).hasMessageContaining("'--orders=many' needs a whole number");
        assertThatThrownBy(() -> DayOptions.parse("--orders=5")).hasMessageContaining("from 20");
        assertThatThrownBy(() -> DayOptions.parse("--store=mongo")).hasMessageContaining("memory or postgres");
    }
}
