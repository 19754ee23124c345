package dev.oms.examples.shopday;

import dev.oms.core.OrderCommand.CommandKind;
import dev.oms.core.TransitionTable;
import dev.oms.spi.order.Order.OrderStatus;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Charts and the lifecycle diagram as inline SVG: no script, no font or style sheet from the
 * network, so the report reads the same in any browser offline.
 */
final class SvgCharts {
    /** Colours of the series, in order; readable for the common colour-vision deficiencies. */
    static final String[] PALETTE = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"};
    private static final int WIDTH = 720;
    private static final int HEIGHT = 260;
    private static final int LEFT = 48;
    private static final int BOTTOM = 40;
    private static final int TOP = 16;

    private SvgCharts() {
    }

    /**
     * Vertical bars, one per label; several series are stacked ({@code stacked}) or side by side.
     *
     * @param id the chart's id (also its accessible title's id)
     * @param title what it shows
     * @param labels the categories along the x axis
     * @param series name to one value per label
     * @param stacked stack the series rather than put them side by side
     * @return the SVG element
     */
    static String bars(String id, String title, List<String> labels, Map<String, long[]> series, boolean stacked) {
        long max = 1;
        for (int i = 0; i < labels.size(); i++) {
            long sum = 0;
            for (long[] values : series.values()) {
                sum = stacked ? sum + values[i] : Math.max(sum, values[i]);
            }
            max = Math.max(max, sum);
        }
        double plotWidth = WIDTH - LEFT - 16;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double slot = plotWidth / labels.size();
        double barWidth = stacked ? slot * 0.7 : slot * 0.8 / series.size();
        StringBuilder svg = open(id, title, WIDTH, HEIGHT + 24);
        axis(svg, max, plotHeight);
        for (int i = 0; i < labels.size(); i++) {
            double x = LEFT + i * slot + (stacked ? slot * 0.15 : slot * 0.1);
            double base = TOP + plotHeight;
            int s = 0;
            for (Map.Entry<String, long[]> e : series.entrySet()) {
                long v = e.getValue()[i];
                double h = plotHeight * v / max;
                double bx = stacked ? x : x + s * barWidth;
                double by = stacked ? base - h : TOP + plotHeight - h;
                svg.append(String.format(Locale.ROOT,
                        "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                                + "<title>%s, %s: %d</title></rect>",
                        bx, by, barWidth, h, PALETTE[s % PALETTE.length], escape(labels.get(i)), escape(e.getKey()), v));
                if (stacked) {
                    base -= h;
                }
                s++;
            }
            if (labels.size() <= 12 || i % 2 == 0) {
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                        LEFT + i * slot + slot / 2, HEIGHT - BOTTOM + 16, escape(labels.get(i))));
            }
        }
        legend(svg, series.keySet(), HEIGHT + 10);
        return svg.append("</svg>").toString();
    }

    /**
     * Horizontal bars, one per label, largest first as given.
     *
     * @param id the chart's id
     * @param title what it shows
     * @param values label to value
     * @return the SVG element
     */
    static String horizontalBars(String id, String title, Map<String, Long> values) {
        int rowHeight = 26;
        int labelWidth = 200;
        int height = TOP + Math.max(1, values.size()) * rowHeight + 8;
        long max = Math.max(1, values.values().stream().mapToLong(Long::longValue).max().orElse(1));
        StringBuilder svg = open(id, title, WIDTH, height);
        int row = 0;
        for (Map.Entry<String, Long> e : values.entrySet()) {
            double w = (WIDTH - labelWidth - 60) * (double) e.getValue() / max;
            int y = TOP + row * rowHeight;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>", labelWidth - 8,
                    y + 16, escape(e.getKey())));
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"%s\"><title>%s: %d</title>"
                            + "</rect>", labelWidth, y + 3, w, PALETTE[0], escape(e.getKey()), e.getValue()));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%d</text>", labelWidth + w + 6, y + 16,
                    e.getValue()));
            row++;
        }
        return svg.append("</svg>").toString();
    }

    /**
     * The order lifecycle from {@link TransitionTable}: statuses in columns by their longest
     * distance from the initial status, transitions as labelled arrows; commands that keep the
     * status are listed under it.
     *
     * @return the SVG element
     */
    static String lifecycle() {
        Map<OrderStatus, Map<CommandKind, Set<OrderStatus>>> table = TransitionTable.asMap();
        Map<OrderStatus, Integer> layer = new EnumMap<>(OrderStatus.class);
        layer.put(TransitionTable.initialStatus(), 0);
        for (int round = 0; round < OrderStatus.values().length; round++) {
            table.forEach((from, kinds) -> kinds.values().forEach(targets -> targets.forEach(to -> {
                if (to != from && layer.containsKey(from)) {
                    layer.merge(to, layer.get(from) + 1, Math::max);
                }
            })));
        }
        Map<Integer, List<OrderStatus>> columns = new LinkedHashMap<>();
        layer.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e ->
                columns.computeIfAbsent(e.getValue(), c -> new ArrayList<>()).add(e.getKey()));
        int boxW = 120;
        int boxH = 36;
        int colGap = 150;
        int rowGap = 120;
        Map<OrderStatus, int[]> at = new EnumMap<>(OrderStatus.class);
        columns.forEach((col, statuses) -> {
            for (int row = 0; row < statuses.size(); row++) {
                at.put(statuses.get(row), new int[] {40 + col * (boxW + colGap - 40), 40 + row * rowGap});
            }
        });
        int width = 40 + columns.size() * (boxW + colGap - 40) + 20;
        int height = 40 + columns.values().stream().mapToInt(List::size).max().orElse(1) * rowGap + 10;
        StringBuilder svg = open("lifecycle", "The order lifecycle (from TransitionTable)", width, height);
        svg.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" "
                + "markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#333\"/>"
                + "</marker></defs>");
        int[] first = at.get(TransitionTable.initialStatus());
        svg.append(String.format(Locale.ROOT, "<circle cx=\"14\" cy=\"%d\" r=\"7\" fill=\"#333\"/>"
                + "<line x1=\"21\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\" marker-end=\"url(#arrow)\"/>",
                first[1] + boxH / 2, first[1] + boxH / 2, first[0], first[1] + boxH / 2));
        table.forEach((from, kinds) -> {
            Map<OrderStatus, TreeSet<String>> edges = new LinkedHashMap<>();
            kinds.forEach((kind, targets) -> targets.stream().filter(to -> to != from).forEach(to ->
                    edges.computeIfAbsent(to, t -> new TreeSet<>()).add(kind.label())));
            edges.forEach((to, labels) -> {
                int[] a = at.get(from);
                int[] b = at.get(to);
                if (a == null || b == null) {
                    return;
                }
                double x1 = a[0] + boxW;
                double y1 = a[1] + boxH / 2.0;
                double x2 = b[0];
                double y2 = b[1] + boxH / 2.0;
                double bend = b[1] > a[1] ? 50 : 0;
                svg.append(String.format(Locale.ROOT, "<path d=\"M%.0f,%.0f C%.0f,%.0f %.0f,%.0f %.0f,%.0f\" fill=\"none\" "
                        + "stroke=\"#333\" marker-end=\"url(#arrow)\"/>", x1, y1, x1 + 40, y1 + bend, x2 - 40, y2, x2, y2));
                svg.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"middle\" "
                        + "class=\"edge\">%s</text>", x2 - 55, y2 - 6, escape(String.join(", ", labels))));
            });
        });
        at.forEach((status, p) -> svg.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"8\" fill=\"#f2f6fb\" stroke=\"#0072B2\"/>"
                        + "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-weight=\"bold\">%s</text>",
                p[0], p[1], boxW, boxH, p[0] + boxW / 2, p[1] + boxH / 2 + 5, status.name())));
        return svg.append("</svg>").toString();
    }

    /** @return per status, the commands it allows that keep it where it is */
    static Map<OrderStatus, List<String>> staying() {
        Map<OrderStatus, List<String>> stay = new EnumMap<>(OrderStatus.class);
        TransitionTable.asMap().forEach((status, kinds) -> kinds.forEach((kind, targets) -> {
            if (targets.contains(status)) {
                stay.computeIfAbsent(status, s -> new ArrayList<>()).add(kind.label());
            }
        }));
        return stay;
    }

    private static StringBuilder open(String id, String title, int width, int height) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg id=\"%s\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
                        + "role=\"img\" aria-labelledby=\"%s-title\"><title id=\"%s-title\">%s</title>",
                id, width, height, width, height, id, id, escape(title)));
    }

    private static void axis(StringBuilder svg, long max, double plotHeight) {
        for (int i = 0; i <= 4; i++) {
            double y = TOP + plotHeight - plotHeight * i / 4;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d</text>", LEFT, y, WIDTH - 16, y, LEFT - 6, y + 4,
                    Math.round(max * i / 4.0)));
        }
    }

    private static void legend(StringBuilder svg, Set<String> names, int y) {
        int x = LEFT;
        int s = 0;
        for (String name : names) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>", x, y, PALETTE[s % PALETTE.length], x + 16, y + 11,
                    escape(name)));
            x += 24 + 8 * name.length();
            s++;
        }
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
