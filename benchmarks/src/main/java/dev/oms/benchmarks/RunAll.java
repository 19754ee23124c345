package dev.oms.benchmarks;

import dev.oms.benchmarks.inventory.HotSkuBenchmark;
import dev.oms.benchmarks.memory.MemoryFootprint;
import dev.oms.benchmarks.routing.RoutingQuality;
import dev.oms.fulfillment.Router;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs every benchmark and writes one Markdown report: each measurement next to its reference in
 * the same run, the ratio, the target and whether it was met. The full run takes about 13 minutes
 * on two cores; {@link Settings#smoke()} runs everything once, briefly, in-process, so the normal
 * test build keeps the benchmarks from rotting.
 *
 * <p>Run it with {@code java -jar benchmarks/target/benchmarks.jar [report.md]} after
 * {@code mvn -B -q -pl benchmarks -am package -DskipTests}.
 */
public final class RunAll {
    /**
     * How long and how often to measure.
     *
     * @param forks JVMs per benchmark (0: in this JVM)
     * @param warmups warm-up iterations
     * @param iterations measured iterations
     * @param iteration the length of each iteration
     * @param jdbcIteration the length of each iteration of the PostgreSQL benchmarks
     * @param liveHolds the holds of the live-holds benchmark
     * @param queryOrders the orders of the PostgreSQL query benchmark's table
     * @param routingLocations the location counts of the routing grid
     * @param routingLines the line counts of the routing grid
     * @param qualityCases seeded cases compared with the proven optimum
     * @param memoryInChildJvm measure retained memory in a JVM started with JOL's options (else in this one)
     * @param verbose JMH's console output
     */
    public record Settings(int forks, int warmups, int iterations, Duration iteration, Duration jdbcIteration,
            String liveHolds, String queryOrders, String[] routingLocations, String[] routingLines, int qualityCases,
            boolean memoryInChildJvm, boolean verbose) {
        /** @return the full run (about 13 minutes on two cores) */
        public static Settings full() {
            return new Settings(1, 2, 3, Duration.ofSeconds(1), Duration.ofSeconds(3), "1000000", "1000000",
                    new String[] {"10", "50", "100", "1000"}, new String[] {"1", "10", "50"}, 10_000, true, true);
        }

        /** @return a seconds-long run of everything, in this JVM, for the test build */
        public static Settings smoke() {
            return new Settings(0, 0, 1, Duration.ofMillis(100), Duration.ofMillis(300), "1000", "20000",
                    new String[] {"10", "50"}, new String[] {"1", "10"}, 200, false, false);
        }
    }

    /** One row of the report. */
    record Row(String section, String what, String oms, String reference, String ratio, String target, String met) {
    }

    private final Settings settings;
    private final List<Row> rows = new ArrayList<>();
    private final Map<String, RunResult> results = new LinkedHashMap<>();

    private RunAll(Settings settings) {
        this.settings = settings;
    }

    /**
     * @param args the report's path (default {@code benchmarks/target/benchmark-results.md})
     * @throws RunnerException if JMH fails
     */
    public static void main(String[] args) throws RunnerException {
        Path out = Path.of(args.length > 0 ? args[0] : "benchmarks/target/benchmark-results.md");
        String report = run(Settings.full());
        write(out, report);
        System.out.println(report);
        System.out.println("written to " + out.toAbsolutePath());
    }

    /**
     * @param settings how long to measure
     * @return the Markdown report
     * @throws RunnerException if JMH fails
     */
    public static String run(Settings settings) throws RunnerException {
        RunAll run = new RunAll(settings);
        Instant began = Instant.now();
        run.measure();
        return run.report(Duration.between(began, Instant.now()));
    }

    private void measure() throws RunnerException {
        jmh("lifecycle\\.(?!KeyedHandle)", settings.iteration(), true, Map.of());
        // the keyed path (fingerprint, idempotency, the store) is compiled by the JIT over some five
        // seconds on two cores, with a deoptimisation on the way: after two warm-up seconds its
        // iterations still ran partly interpreted (41-113 us where the steady state is 17-19 us);
        // the decider alone beside it gets the same warm-up
        jmh("lifecycle\\.KeyedHandle", settings.iteration(), settings.warmups() * 5, true, Map.of());
        // the accept path is a large graph of code that the JIT takes some 20 seconds to compile on
        // two cores: measured after two warm-up iterations it is mostly unoptimised code
        jmh("flow\\.", settings.iteration(), settings.warmups() * 10, false, Map.of());
        jmh("inventory\\.HotSku", settings.iteration(), true, Map.of());
        jmh("inventory\\.(SpreadSku|MultiSku)", settings.iteration(), false, Map.of());
        jmh("inventory\\.LiveHolds", settings.iteration(), false, Map.of("holds", new String[] {"0", settings.liveHolds()}));
        jmh("routing\\.RoutingBenchmark", settings.iteration(), false, Map.of("locations", settings.routingLocations(),
                "lines", settings.routingLines(), "searchBudget",
                new String[] {"0", String.valueOf(Router.DEFAULT_SEARCH_BUDGET)}));
        jmh("routing\\.RoutingLatency", settings.iteration(), false, Map.of());
        jmh("jdbc\\.JdbcHotSku", settings.jdbcIteration(), false, Map.of());
        // the accept path needs its JIT warm-up on PostgreSQL too (see the in-memory flow above)
        jmh("jdbc\\.JdbcFlowAccept", settings.jdbcIteration(), settings.warmups() * 4, false, Map.of());
        // its methods share one filled database (filling a million orders takes minutes), so they run
        // one after another in this JVM (forks 0), which keeps the database between them
        jmh("jdbc\\.JdbcOrderQuery", settings.jdbcIteration(), settings.warmups(), false, Map.of("orders",
                new String[] {settings.queryOrders()}), true);
        lifecycleRows();
        inventoryRows();
        routingRows();
        memoryRows();
        jdbcRows();
    }

    private void jmh(String include, Duration iteration, boolean gc, Map<String, String[]> params)
            throws RunnerException {
        jmh(include, iteration, settings.warmups(), gc, params);
    }

    private void jmh(String include, Duration iteration, int warmups, boolean gc, Map<String, String[]> params)
            throws RunnerException {
        jmh(include, iteration, warmups, gc, params, false);
    }

    private void jmh(String include, Duration iteration, int warmups, boolean gc, Map<String, String[]> params,
            boolean oneJvm) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder().include("dev\\.oms\\.benchmarks\\." + include)
                .forks(oneJvm ? 0 : settings.forks()).warmupIterations(warmups)
                .warmupTime(TimeValue.milliseconds(iteration.toMillis()))
                .measurementIterations(settings.iterations())
                .measurementTime(TimeValue.milliseconds(iteration.toMillis()))
                .jvmArgsAppend("-Xmx4g")
                .shouldFailOnError(true)
                .verbosity(settings.verbose() ? VerboseMode.NORMAL : VerboseMode.SILENT);
        if (gc) {
            options.addProfiler(GCProfiler.class);
        }
        params.forEach(options::param);
        Collection<RunResult> run = new Runner(options.build()).run();
        for (RunResult r : run) {
            StringBuilder key = new StringBuilder(r.getParams().getBenchmark().replace("dev.oms.benchmarks.", ""));
            for (String param : r.getParams().getParamsKeys()) {
                key.append(' ').append(param).append('=').append(r.getParams().getParam(param));
            }
            results.put(key.toString(), r);
        }
    }

    private double score(String key) {
        RunResult r = results.get(key);
        if (r == null) {
            throw new IllegalStateException("no result for " + key + " among " + results.keySet());
        }
        return r.getPrimaryResult().getScore();
    }

    /** @return the score of each measured iteration, in order */
    private double[] iterations(String key) {
        RunResult r = results.get(key);
        if (r == null) {
            throw new IllegalStateException("no result for " + key);
        }
        return r.getBenchmarkResults().stream().flatMap(b -> b.getIterationResults().stream())
                .mapToDouble(i -> i.getPrimaryResult().getScore()).toArray();
    }

    /** @return how far the furthest value lies from the values' mean, as a share of it */
    private static double spread(double[] values) {
        double mean = Arrays.stream(values).average().orElse(Double.NaN);
        return Arrays.stream(values).map(v -> Math.abs(v - mean) / mean).max().orElse(Double.NaN);
    }

    private double p99(String key) {
        return results.get(key).getPrimaryResult().getStatistics().getPercentile(99.0);
    }

    private double secondary(String key, String name) {
        Result<?> r = results.get(key).getSecondaryResults().get(name);
        return r == null ? Double.NaN : r.getScore();
    }

    // ------------------------------------------------------------------ sections

    private void lifecycleRows() {
        String t = "lifecycle.TransitionBenchmark.";
        double oms = score(t + "oms");
        row("Order lifecycle", "restore and fire one guarded transition: Spring Statemachine 4", ns(oms),
                ns(score(t + "springStatemachine")), times(score(t + "springStatemachine") / oms) + " faster",
                ">= 500x faster", score(t + "springStatemachine") / oms >= 500);
        row("Order lifecycle", "... squirrel-foundation", ns(oms), ns(score(t + "squirrel")),
                times(score(t + "squirrel") / oms) + " faster", ">= 20x faster", score(t + "squirrel") / oms >= 20);
        row("Order lifecycle", "... stateless4j", ns(oms), ns(score(t + "stateless4j")),
                times(oms / score(t + "stateless4j")) + " its time", "<= 3x its time",
                oms / score(t + "stateless4j") <= 3);
        row("Order lifecycle", "... plain enum table (the floor)", ns(oms), ns(score(t + "enumTable")),
                times(oms / score(t + "enumTable")) + " its time", "(reference)", null);
        double alloc = secondary(t + "oms", "gc.alloc.rate.norm");
        row("Order lifecycle", "allocated per transition (3-line order, JMH gc profiler)", bytes(alloc), "", "",
                "<= 512 B", alloc <= 512);
        String l = "lifecycle.LifecycleBenchmark.";
        double whole = score(l + "oms");
        for (String peer : new String[] {"springStatemachine", "squirrel", "stateless4j", "enumTable"}) {
            double theirs = score(l + peer);
            row("Order lifecycle", "whole lifecycle (place ... complete): " + peer, ns(whole), ns(theirs),
                    theirs >= whole ? times(theirs / whole) + " faster" : times(whole / theirs) + " its time",
                    "(no target)", null);
        }
        String f = "flow.FlowAcceptBenchmark.";
        double accept1 = score(f + "accept1Thread");
        double accept2 = score(f + "accept2Threads");
        row("Order lifecycle", "the flow's accept path on the in-memory stores (screen, authorise, confirm, route,"
                + " reserve, fulfilment order; fresh stores every " + String.format("%,d",
                        dev.oms.benchmarks.flow.FlowAcceptBenchmark.LIVE_ORDERS) + " orders), 2 threads / 1 thread",
                rate(accept2) + " / " + rate(accept1),
                "", times(accept2 / accept1), ">= 20,000 orders/s on 2 threads", accept2 >= 20_000);
        String k = "lifecycle.KeyedHandleBenchmark.";
        double keyed = score(k + "keyedPlaceAndConfirm");
        double alone = score(k + "deciderAlone");
        row("Order lifecycle", "keyed OrderService place + confirm on the in-memory store (a fresh store every "
                + String.format("%,d", dev.oms.benchmarks.lifecycle.KeyedHandleBenchmark.LIVE_ORDERS)
                + " orders) vs the decider alone",
                ns(keyed), ns(alone), times(keyed / alone) + " its time", "<= 3x its time", keyed / alone <= 3);
        double[] perIteration = iterations(k + "keyedHoldAndReleaseOnALongOrder");
        double growth = perIteration[perIteration.length - 1] / perIteration[0];
        row("Order lifecycle", "keyed hold + release on one order whose log grows by 2 events a call: last"
                + " measured iteration vs the first", ns(perIteration[perIteration.length - 1]), ns(perIteration[0]),
                times(growth) + " its time", "(reported)", null);
        row("Order lifecycle", "... allocated: keyed vs the decider alone (JMH gc profiler)",
                bytes(secondary(k + "keyedPlaceAndConfirm", "gc.alloc.rate.norm")),
                bytes(secondary(k + "deciderAlone", "gc.alloc.rate.norm")), "", "(measured)", null);
    }

    private void inventoryRows() {
        String h = "inventory.HotSkuBenchmark.";
        double oms1 = score(h + "oms1Thread");
        double oms2 = score(h + "oms2Threads");
        double mean = 1000 / oms1;
        row("Reservations", "hot SKU reservation with its hold record, key and ledger movement, 1 thread, mean"
                + String.format(Locale.ROOT, " (a fresh store every %,d calls of a thread)", HotSkuBenchmark.LIVE_HOLDS),
                ns(mean), "", "", "<= 1 us", mean <= 1000);
        double plain1 = score(h + "plain1Thread");
        row("Reservations", "... vs the same recorded work in plain Java (compare-and-set, map entry, chunked"
                + " ledger append), 1 thread", perSecond(oms1), perSecond(plain1), times(plain1 / oms1) + " its time",
                "<= 3x its time", plain1 / oms1 <= 3);
        double plain2 = score(h + "plain2Threads");
        row("Reservations", "... the same, 2 threads", perSecond(oms2), perSecond(plain2),
                times(plain2 / oms2) + " its time", "(reported)", null);
        double allocated = secondary(h + "oms1Thread", "gc.alloc.rate.norm");
        row("Reservations", "... allocated per reservation (JMH gc profiler) vs plain Java", bytes(allocated),
                bytes(secondary(h + "plain1Thread", "gc.alloc.rate.norm")), "", "<= 1 KB", allocated <= 1024);
        double spread = spread(iterations(h + "oms1Thread"));
        row("Reservations", "... spread: the measured iterations' furthest from their mean, 1 thread, one run",
                String.format(Locale.ROOT, "%.0f %%", spread * 100), "", "", "within 20 %", spread <= 0.2);
        row("Reservations", "hot SKU, 1 thread, with its hold record: vs AtomicLong CAS loop", perSecond(oms1),
                perSecond(score(h + "atomicLong1Thread")), times(score(h + "atomicLong1Thread") / oms1) + " its time",
                "<= 10x its time", score(h + "atomicLong1Thread") / oms1 <= 10);
        row("Reservations", "hot SKU, 2 threads: vs AtomicLong CAS loop", perSecond(oms2),
                perSecond(score(h + "atomicLong2Threads")), times(score(h + "atomicLong2Threads") / oms2) + " its time",
                "<= 6x its time", score(h + "atomicLong2Threads") / oms2 <= 6);
        row("Reservations", "hot SKU: synchronized check-and-decrement, 1 / 2 threads", perSecond(oms1) + " / "
                + perSecond(oms2), perSecond(score(h + "synchronized1Thread")) + " / "
                + perSecond(score(h + "synchronized2Threads")), "", "(reference)", null);
        String s = "inventory.SpreadSkuBenchmark.";
        double scale = score(s + "oms2Threads") / score(s + "oms1Thread");
        row("Reservations", "different SKUs: 2 threads over 1 thread", perSecond(score(s + "oms2Threads")),
                perSecond(score(s + "oms1Thread")), times(scale), ">= 1.8x", scale >= 1.8);
        String m = "inventory.MultiSkuBenchmark.";
        double triple = score(m + "threeLines") / score(m + "threeSingles");
        row("Reservations", "one 3-line reservation vs three single ones", ns(score(m + "threeLines")),
                ns(score(m + "threeSingles")), times(triple) + " their time", "<= 1.3x their time", triple <= 1.3);
        row("Reservations", "all-or-nothing, 1-5 random SKUs of 10,000, ~1 in 6 refused", ns(score(m + "randomSkus")),
                "", "", "(no target)", null);
        String v = "inventory.LiveHoldsBenchmark.reserve";
        double holds = score(v + " holds=" + settings.liveHolds()) / score(v + " holds=0");
        row("Reservations", "a reservation with " + settings.liveHolds() + " live holds vs none",
                ns(score(v + " holds=" + settings.liveHolds())), ns(score(v + " holds=0")), times(holds) + " its time",
                "<= 1.2x its time", holds <= 1.2);
    }

    private void routingRows() {
        String r = "routing.RoutingBenchmark.route";
        double smallest = Double.MAX_VALUE;
        double largest = 0;
        String largestKey = "";
        for (String locations : settings.routingLocations()) {
            for (String lines : settings.routingLines()) {
                String key = r + " lines=" + lines + " locations=" + locations + " searchBudget=";
                double us = score(key + Router.DEFAULT_SEARCH_BUDGET);
                double greedy = score(key + "0");
                double perUnit = us * 1000 / (Integer.parseInt(locations) * Integer.parseInt(lines));
                smallest = Math.min(smallest, perUnit);
                row("Routing", "plan " + lines + " lines over " + locations + " locations, vs greedy alone", us(us),
                        us(greedy), String.format(Locale.ROOT, "%s its time; %.0f ns per location x line",
                                times(us / greedy), perUnit), "", null);
                if (Integer.parseInt(locations) * Integer.parseInt(lines) > largest) {
                    largest = Integer.parseInt(locations) * Integer.parseInt(lines);
                    largestKey = String.format(Locale.ROOT, "%.0f", perUnit);
                }
            }
        }
        double growth = Double.parseDouble(largestKey) / smallest;
        row("Routing", "growth: cost per location x line at the largest size vs the lowest in the grid",
                largestKey + " ns", String.format(Locale.ROOT, "%.0f ns", smallest), times(growth),
                "<= 2x (no faster than linear)", growth <= 2);
        double p99 = p99("routing.RoutingLatencyBenchmark.tenLinesFiftyLocations");
        row("Routing", "p99 of 10 lines over 50 locations", us(p99), "", "", "< 50 us", p99 < 50);
        long budget = Router.DEFAULT_SEARCH_BUDGET;
        for (RoutingQuality.Networks networks : List.of(RoutingQuality.Networks.MEDIUM, RoutingQuality.Networks.LARGE)) {
            int cases = networks == RoutingQuality.Networks.LARGE ? settings.qualityCases() / 10 : settings.qualityCases();
            RoutingQuality.Result q = RoutingQuality.compare(20261122, cases, networks, budget);
            RoutingQuality.Result greedy = RoutingQuality.compare(20261122, cases, networks, 0);
            String share = String.format(Locale.ROOT, "%.2f %%", 100 * q.sameShare());
            String greedyShare = String.format(Locale.ROOT, "%.2f %%", 100 * greedy.sameShare());
            row("Routing", "shipments equal to the proven optimum, " + q.cases() + " seeded cases of " + networks.range()
                    + " candidate locations with capacities, groups and shared SKUs (" + q.splitCases()
                    + " needing a split; optimum proven up to " + networks.maxProven() + "), vs greedy alone", share,
                    greedyShare, String.format(Locale.ROOT, "%+.2f points", 100 * (q.sameShare() - greedy.sameShare())),
                    networks == RoutingQuality.Networks.MEDIUM ? ">= 99 %" : "(reported)",
                    networks == RoutingQuality.Networks.MEDIUM ? q.sameShare() >= 0.99 : null);
            row("Routing", "... its worst case: " + q.worst().replace("|", "/") + "; greedy alone: "
                    + greedy.worst().replace("|", "/"), q.worse() + " worse, " + q.incomplete() + " incomplete",
                    greedy.worse() + " worse, " + greedy.incomplete() + " incomplete", "", "(reported)", null);
        }
    }

    private void memoryRows() {
        Map<String, Long> sizes = settings.memoryInChildJvm() ? memoryInChild() : memoryHere();
        row("Memory", "retained by an order of 3 lines (JOL)", bytes(sizes.get("order3Lines")), "", "", "(measured)",
                null);
        row("Memory", "retained by a reservation record (JOL)", bytes(sizes.get("reservation")), "", "",
                "(measured)", null);
        row("Memory", "kept by the in-memory store per reservation (record, ledger, idempotency, indexes)",
                bytes(sizes.get("reservationInStore")), "", "", "(measured)", null);
    }

    private static Map<String, Long> memoryHere() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("order3Lines", MemoryFootprint.orderWithThreeLines());
        long[] reservation = MemoryFootprint.reservation();
        out.put("reservation", reservation[0]);
        out.put("reservationInStore", reservation[1]);
        return out;
    }

    private static Map<String, Long> memoryInChild() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(MemoryFootprint.JVM_OPTIONS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MemoryFootprint.class.getName());
        Map<String, Long> out = new LinkedHashMap<>();
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.matches("[a-zA-Z0-9]+=\\d+")) {
                        out.put(line.substring(0, line.indexOf('=')), Long.parseLong(line.substring(line.indexOf('=') + 1)));
                    }
                }
            }
            if (process.waitFor() != 0 || out.size() != 3) {
                throw new IllegalStateException("the memory measurement failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return out;
    }

    private void jdbcRows() {
        String j = "jdbc.JdbcHotSkuBenchmark.";
        // issue 16's targets: 1 connection >= 0.5x the bare UPDATE; 8 connections >= 1.0x it and
        // >= 3x SELECT ... FOR UPDATE; 2 connections keep the earlier 0.6x and 2.5x
        String[][] runs = {{"1", "1Connection", "0.5", ""}, {"2", "2Connections", "0.6", "2.5"},
            {"8", "8Connections", "1.0", "3"}};
        for (String[] run : runs) {
            int threads = Integer.parseInt(run[0]);
            double oms = threads * 1e6 / score(j + "oms" + run[1]);
            double update = threads * 1e6 / score(j + "update" + run[1]);
            double forUpdate = threads * 1e6 / score(j + "selectForUpdate" + run[1]);
            String connections = threads + (threads == 1 ? " connection" : " connections");
            double vsUpdate = Double.parseDouble(run[2]);
            row("PostgreSQL", "hot SKU, " + connections + ": vs one conditional UPDATE",
                    rate(oms) + ", p99 " + us(p99(j + "oms" + run[1])), rate(update) + ", p99 "
                            + us(p99(j + "update" + run[1])), times(oms / update) + " its rate",
                    ">= " + run[2] + "x its rate", oms / update >= vsUpdate);
            boolean targeted = !run[3].isEmpty();
            row("PostgreSQL", "hot SKU, " + connections + ": vs SELECT ... FOR UPDATE then UPDATE", rate(oms),
                    rate(forUpdate) + ", p99 " + us(p99(j + "selectForUpdate" + run[1])), times(oms / forUpdate)
                            + " its rate", targeted ? ">= " + run[3] + "x its rate" : "(no target)",
                    targeted ? oms / forUpdate >= Double.parseDouble(run[3]) : null);
        }
        String f = "jdbc.JdbcFlowAcceptBenchmark.";
        double accept1 = score(f + "accept1Thread");
        double accept8 = score(f + "accept8Threads");
        row("PostgreSQL", "the flow's accept path on PostgreSQL (every store oms-jdbc's), 8 threads / 1 thread",
                rate(accept8) + " / " + rate(accept1), "", times(accept8 / accept1),
                ">= 3,000 orders/s on 8 threads", accept8 >= 3_000);
        String q = "jdbc.JdbcOrderQueryBenchmark.";
        String[][] pages = {{"confirmedByLastChange", "confirmed, most recently changed first"},
            {"customerNewestFirst", "a customer's orders, newest first"},
            {"onHoldByLastChange", "on fraud review, most recently changed first"},
            {"skuNewestFirst", "a SKU's orders, newest first"},
            {"deepPageOfEveryOrder", "every order, oldest first, from the middle"}};
        String n = String.format(java.util.Locale.ROOT, "%,d", Integer.parseInt(settings.queryOrders()));
        for (String[] page : pages) {
            String key = q + page[0] + " orders=" + settings.queryOrders();
            row("PostgreSQL", "a page of 50 of " + n + " orders: " + page[1] + " (mean, p99)",
                    us(score(key)) + ", p99 " + us(p99(key)), "", "", "(no target; reads an index)", null);
        }
        String counts = q + "countsByStatus orders=" + settings.queryOrders();
        row("PostgreSQL", "counts by status of " + n + " orders (reads the table)", us(score(counts)), "", "",
                "(no target)", null);
    }

    // ------------------------------------------------------------------ the report

    private void row(String section, String what, String oms, String reference, String ratio, String target,
            Boolean met) {
        rows.add(new Row(section, what, oms, reference, ratio, target, met == null ? "" : met ? "yes" : "**no**"));
    }

    /** @return the rows, for tests */
    List<Row> rows() {
        return rows;
    }

    private String report(Duration took) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Measured %s on %s, %d cores, %s %s, %s; forks %d, warm-up %d x %s, "
                        + "measured %d x %s; took %d min %d s.%n%n", Instant.now().toString().substring(0, 10), cpu(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                settings.forks(), settings.warmups(), settings.iteration(), settings.iterations(), settings.iteration(),
                took.toMinutes(), took.toSecondsPart()));
        String section = "";
        for (Row r : rows) {
            if (!r.section().equals(section)) {
                section = r.section();
                md.append("\n### ").append(section).append("\n\n| measurement | oms | reference | ratio | target | met |\n")
                        .append("| --- | ---: | ---: | ---: | --- | --- |\n");
            }
            md.append("| ").append(r.what()).append(" | ").append(r.oms()).append(" | ").append(r.reference())
                    .append(" | ").append(r.ratio()).append(" | ").append(r.target()).append(" | ").append(r.met())
                    .append(" |\n");
        }
        return md.toString();
    }

    private static String cpu() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: say so below
        }
        return System.getProperty("os.arch") + " CPU";
    }

    static void write(Path out, String report) {
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String ns(double ns) {
        return ns >= 10_000 ? String.format(Locale.ROOT, "%.1f us", ns / 1000) : String.format(Locale.ROOT, "%.0f ns", ns);
    }

    private static String us(double us) {
        return us >= 10_000 ? String.format(Locale.ROOT, "%.1f ms", us / 1000) : String.format(Locale.ROOT, "%.1f us", us);
    }

    private static String bytes(double b) {
        return String.format(Locale.ROOT, "%.0f B", b);
    }

    private static String perSecond(double opsPerMicrosecond) {
        return rate(opsPerMicrosecond * 1e6);
    }

    private static String rate(double perSecond) {
        return perSecond >= 1e6 ? String.format(Locale.ROOT, "%.1f M/s", perSecond / 1e6)
                : perSecond >= 1e3 ? String.format(Locale.ROOT, "%.1f k/s", perSecond / 1e3)
                : String.format(Locale.ROOT, "%.0f /s", perSecond);
    }

    private static String times(double ratio) {
        return ratio >= 100 ? String.format(Locale.ROOT, "%.0fx", ratio) : String.format(Locale.ROOT, "%.2fx", ratio);
    }
}
