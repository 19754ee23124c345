package dev.oms.examples.shopday;

import dev.oms.spi.Amounts;
import dev.oms.spi.LocationId;
import dev.oms.spi.order.Order.OrderStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The day as one self-contained HTML file: the key figures, charts (orders over the day, time to
 * ship, stock by location, returns by reason), the order lifecycle diagram, the tables of the
 * summary and the invariants. Inline SVG and CSS only: it opens in any browser without a network.
 */
final class HtmlReport {
    private HtmlReport() {
    }

    static void write(DaySummary s, Optional<FlashSale.Result> sale, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, render(s, sale), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the report to " + file, e);
        }
    }

    static String render(DaySummary s, Optional<FlashSale.Result> sale) {
        StringBuilder html = new StringBuilder();
        html.append("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>oms shop day report</title>
                <style>
                body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:60rem;
                     color:#222;padding:0 1rem}
                h1{margin-bottom:.2rem} h2{margin-top:2.2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
                .figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:.8rem}
                .figure{background:#f2f6fb;border-radius:.5rem;padding:.7rem}
                .figure b{display:block;font-size:1.5rem}
                table{border-collapse:collapse;margin:.5rem 0} td,th{padding:.25rem .7rem;border-bottom:1px solid #eee;
                     text-align:right} td:first-child,th:first-child{text-align:left}
                svg{max-width:100%;height:auto;font-size:12px} svg text{fill:#333} .edge{font-size:11px}
                .ok{color:#087f23} .broken{color:#b00020;font-weight:bold}
                </style></head><body>
                """);
        html.append("<h1>oms shop day</h1>");
        html.append(String.format(Locale.ROOT, "<p>Seed %d, %d orders placed on %s, simulated until %s.</p>", s.seed,
                s.ordersPlaced, SvgCharts.escape(s.stores), s.endedAt));
        html.append("<div class=\"figures\">");
        figure(html, "broken invariants", String.valueOf(s.brokenInvariants.size()));
        figure(html, "orders completed", String.valueOf(s.ordersInStatus(OrderStatus.COMPLETED)));
        figure(html, "orders cancelled", String.valueOf(s.ordersInStatus(OrderStatus.CANCELLED)));
        figure(html, "fill rate", percent(s.fillRate()));
        figure(html, "on time", percent(s.onTimeRate()));
        figure(html, "split rate", percent(s.splitRate()));
        figure(html, "shipments per order", String.format(Locale.ROOT, "%.2f", s.shipmentsPerOrder()));
        figure(html, "hours to ship", String.format(Locale.ROOT, "%.1f", s.averageHoursToShip));
        figure(html, "hours to deliver", String.format(Locale.ROOT, "%.1f", s.averageHoursToDeliver));
        figure(html, "refunded", Amounts.format(s.refunded));
        html.append("</div>");

        html.append("<h2>Orders over the day</h2>");
        List<String> hours = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            hours.add(String.format(Locale.ROOT, "%02d", h));
        }
        Map<String, long[]> perHour = new LinkedHashMap<>();
        s.placedPerHour.forEach((channel, counts) -> perHour.put(channel, toLongs(counts)));
        html.append(SvgCharts.bars("orders-over-the-day", "Orders placed per hour (UTC) by channel", hours, perHour, true));

        html.append("<h2>Time to ship</h2><p>Hours from placement to the last shipment of each delivery order.</p>");
        List<String> buckets = new ArrayList<>();
        int lower = 0;
        for (int upper : DaySummary.SHIP_BUCKETS) {
            buckets.add(upper == Integer.MAX_VALUE ? "> " + lower + " h" : lower + "-" + upper + " h");
            lower = upper;
        }
        html.append(SvgCharts.bars("time-to-ship", "Orders by hours from placement to last shipment", buckets,
                Map.of("orders", s.shipTimeHistogram.clone()), false));

        html.append("<h2>Stock by location</h2>");
        List<String> locations = s.stockByLocation.keySet().stream().map(LocationId::value).toList();
        long[] opening = s.stockByLocation.values().stream().mapToLong(r -> r[0]).toArray();
        long[] onHand = s.stockByLocation.values().stream().mapToLong(r -> r[1]).toArray();
        Map<String, long[]> stock = new LinkedHashMap<>();
        stock.put("opening stock", opening);
        stock.put("on hand at the end", onHand);
        html.append(SvgCharts.bars("stock-by-location", "Units per location, opening and at the end", locations, stock,
                false));

        html.append("<h2>Returns by reason</h2>");
        html.append(SvgCharts.horizontalBars("returns-by-reason", "Returned and claimed units by reason",
                s.returnsByReason));

        html.append("<h2>The order lifecycle</h2>");
        html.append(SvgCharts.lifecycle());
        html.append("<table><tr><th>status</th><th>also allows, staying in it</th></tr>");
        SvgCharts.staying().forEach((status, kinds) -> html.append("<tr><td>").append(status).append("</td><td>")
                .append(SvgCharts.escape(String.join(", ", kinds))).append("</td></tr>"));
        html.append("</table>");

        html.append("<h2>Orders by channel and status</h2><table><tr><th>channel</th>");
        List<OrderStatus> statuses = s.byChannelAndStatus.values().stream().flatMap(m -> m.keySet().stream()).distinct()
                .sorted().toList();
        statuses.forEach(st -> html.append("<th>").append(st.name().toLowerCase(Locale.ROOT)).append("</th>"));
        html.append("</tr>");
        s.byChannelAndStatus.forEach((channel, counts) -> {
            html.append("<tr><td>").append(SvgCharts.escape(channel)).append("</td>");
            statuses.forEach(st -> html.append("<td>").append(counts.getOrDefault(st, 0L)).append("</td>"));
            html.append("</tr>");
        });
        html.append("</table>");

        html.append("<h2 id=\"business-customer\">A business customer</h2><p>A quote with a negotiated discount, "
                + "approved above the buyer's limit, a counter made to order in three stages, invoiced net 30 and "
                + "settled.</p><ol>");
        s.business.forEach(line -> html.append("<li>").append(SvgCharts.escape(line)).append("</li>"));
        html.append("</ol>");
        html.append("<h2>Stories played</h2><table>");
        s.stories.forEach((story, count) -> row(html, story.description, count));
        html.append("</table><h2>What the host went through</h2><table>");
        s.operations.forEach((what, count) -> row(html, what, count));
        html.append("</table>");

        sale.ifPresent(f -> {
            html.append("<h2>Flash sale</h2><table>");
            row(html, "buyers", f.buyers());
            row(html, "units for sale", f.units());
            row(html, "units sold", f.sold());
            row(html, "buyers refused", f.refused());
            row(html, "buyers per second", Math.round(f.buyersPerSecond()));
            html.append("</table><p class=\"").append(f.exact() ? "ok\">Exactly the stock was sold."
                    : "broken\">The flash sale did not sell exactly the stock.").append("</p>");
        });

        html.append("<h2>Invariants</h2>");
        if (s.brokenInvariants.isEmpty()) {
            html.append("<p class=\"ok\">None broken: order quantities and money add up, the payment provider agrees, "
                    + "stock is what was received, restocked and shipped, the ledger matches every position, nothing "
                    + "was oversold, every event left the outboxes, and every order reached its end.</p>");
        } else {
            html.append("<ul>");
            s.brokenInvariants.forEach(b -> html.append("<li class=\"broken\">").append(SvgCharts.escape(b))
                    .append("</li>"));
            html.append("</ul>");
        }
        return html.append("</body></html>\n").toString();
    }

    private static void figure(StringBuilder html, String label, String value) {
        html.append("<div class=\"figure\"><b>").append(SvgCharts.escape(value)).append("</b>")
                .append(SvgCharts.escape(label)).append("</div>");
    }

    private static void row(StringBuilder html, String label, long value) {
        html.append("<tr><td>").append(SvgCharts.escape(label)).append("</td><td>").append(value).append("</td></tr>");
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * fraction);
    }

    private static long[] toLongs(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
