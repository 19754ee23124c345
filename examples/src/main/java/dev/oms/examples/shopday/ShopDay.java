package dev.oms.examples.shopday;

import java.io.PrintStream;
import java.util.function.DoubleConsumer;

/**
 * The main example: a day in the life of a shop that sells in Germany, Austria and the Netherlands
 * through its web shop, app, stores and a marketplace, run on oms. Orders arrive over a simulated
 * day and are followed until nothing is left to happen; the summary and an HTML report show what
 * oms did, and every invariant is checked. Then a flash sale: thousands of concurrent buyers for a
 * few hundred units.
 *
 * <p>Run it with {@code mvn -B -q -pl examples -am package exec:java -DskipTests}; options after
 * {@code -Dexec.args="..."} (see {@link DayOptions#USAGE}).
 */
public final class ShopDay {
    private ShopDay() {
    }

    /**
     * @param args the options, see {@link DayOptions#USAGE}
     */
    public static void main(String[] args) {
        java.util.logging.Logger.getLogger("org.javamoney.moneta").setLevel(java.util.logging.Level.WARNING);
        DayOptions options;
        try {
            options = DayOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Result result = run(options, System.out);
        if (!result.summary().brokenInvariants.isEmpty() || !result.flashSale().map(FlashSale.Result::exact)
                .orElse(true)) {
            System.exit(1);
        }
    }

    /**
     * What a run produced.
     *
     * @param summary the day's summary
     * @param flashSale the flash sale's result, if one ran
     */
    record Result(DaySummary summary, java.util.Optional<FlashSale.Result> flashSale) {
    }

    static Result run(DayOptions options, PrintStream out) {
        out.printf("oms shop day: %d orders from web, app, stores and a marketplace, seed %d, %s stores%n",
                options.orders(), options.seed(), options.store().name().toLowerCase(java.util.Locale.ROOT));
        Shop shop = new Shop(ShopStores.of(options.store()), DaySimulation.DAY, options.seed());
        DoubleConsumer progress = options.progress() ? new ProgressBar(out, "simulating") : fraction -> { };
        DayLog log = new DaySimulation(shop, options.orders(), options.seed(), progress).run();
        DaySummary summary = DaySummary.of(shop, log, options.seed(), options.orders());
        summary.print(out);
        java.util.Optional<FlashSale.Result> sale = java.util.Optional.empty();
        if (options.flashSaleBuyers() > 0) {
            sale = java.util.Optional.of(FlashSale.run(ShopStores.of(options.store()), options.flashSaleBuyers(),
                    options.flashSaleUnits()));
            sale.get().print(out);
        }
        HtmlReport.write(summary, sale, options.report());
        out.println();
        out.println("HTML report: " + options.report().toAbsolutePath());
        return new Result(summary, sale);
    }
}
