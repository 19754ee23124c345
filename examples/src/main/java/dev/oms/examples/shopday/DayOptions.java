package dev.oms.examples.shopday;

import java.nio.file.Path;

/**
 * What a run of the shop day is asked to do.
 *
 * @param seed the seed of every random choice: the same seed gives the same day
 * @param orders how many orders customers place during the day
 * @param store in-memory stores or PostgreSQL
 * @param report where the HTML report is written
 * @param flashSaleBuyers concurrent buyers in the flash sale (0: no flash sale)
 * @param flashSaleUnits units of the flash-sale SKU, split over two locations
 * @param progress whether to draw a progress bar
 */
record DayOptions(long seed, int orders, ShopStores.Kind store, Path report, int flashSaleBuyers, int flashSaleUnits,
        boolean progress) {
    static final String USAGE = """
            usage: ShopDay [--seed=N] [--orders=N] [--store=memory|postgres] [--report=FILE]
                           [--flash-sale-buyers=N] [--flash-sale-units=N] [--no-progress]
              --seed                the seed of the simulated day (default 20261120)
              --orders              orders placed during the day (default 1500, at least 20)
              --store               memory (default) or postgres: the same day on oms-jdbc and an
                                    embedded PostgreSQL this run starts
              --report              where the HTML report goes (default target/shop-day-report.html)
              --flash-sale-buyers   concurrent buyers in the flash sale (default 5000, 0 for none)
              --flash-sale-units    units for sale, split over two locations (default 300)
              --no-progress         no progress bar
            """;

    /** The defaults: the day the README's command runs. */
    static DayOptions defaults() {
        return new DayOptions(20261120L, 1500, ShopStores.Kind.MEMORY, Path.of("target", "shop-day-report.html"), 5000,
                300, true);
    }

    /**
     * @param args command-line arguments
     * @return the options
     * @throws IllegalArgumentException naming the argument that is not understood
     */
    static DayOptions parse(String... args) {
        DayOptions o = defaults();
        for (String arg : args) {
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
            o = switch (name) {
                case "--seed" -> new DayOptions(number(arg, value), o.orders, o.store, o.report, o.flashSaleBuyers,
                        o.flashSaleUnits, o.progress);
                case "--orders" -> new DayOptions(o.seed, atLeast(arg, value, 20), o.store, o.report, o.flashSaleBuyers,
                        o.flashSaleUnits, o.progress);
                case "--store" -> new DayOptions(o.seed, o.orders, store(arg, value), o.report, o.flashSaleBuyers,
                        o.flashSaleUnits, o.progress);
                case "--report" -> new DayOptions(o.seed, o.orders, o.store, Path.of(nonBlank(arg, value)),
                        o.flashSaleBuyers, o.flashSaleUnits, o.progress);
                case "--flash-sale-buyers" -> new DayOptions(o.seed, o.orders, o.store, o.report,
                        atLeast(arg, value, 0), o.flashSaleUnits, o.progress);
                case "--flash-sale-units" -> new DayOptions(o.seed, o.orders, o.store, o.report, o.flashSaleBuyers,
                        atLeast(arg, value, 2), o.progress);
                case "--no-progress" -> new DayOptions(o.seed, o.orders, o.store, o.report, o.flashSaleBuyers,
                        o.flashSaleUnits, false);
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'\n" + USAGE);
            };
        }
        return o;
    }

    private static long number(String arg, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + arg + "' needs a whole number\n" + USAGE, e);
        }
    }

    private static int atLeast(String arg, String value, int minimum) {
        long n = number(arg, value);
        if (n < minimum || n > 1_000_000) {
            throw new IllegalArgumentException("'" + arg + "' needs a number from " + minimum + " to 1000000\n" + USAGE);
        }
        return (int) n;
    }

    private static ShopStores.Kind store(String arg, String value) {
        return switch (value) {
            case "memory" -> ShopStores.Kind.MEMORY;
            case "postgres" -> ShopStores.Kind.POSTGRES;
            default -> throw new IllegalArgumentException("'" + arg + "': the store is memory or postgres\n" + USAGE);
        };
    }

    private static String nonBlank(String arg, String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("'" + arg + "' needs a file name\n" + USAGE);
        }
        return value;
    }
}
