package dev.oms.examples.shopday;

import dev.oms.examples.shopday.PlannedOrder.Channel;
import dev.oms.examples.shopday.PlannedOrder.PlannedLine;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.LocationId;
import dev.oms.spi.order.ServiceLevel;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Plans the day's orders from a seed: when they come (few at night, peaks at lunch and in the
 * evening), from which channel, from where, what is in them and which story each one plays. Every
 * story is forced once into the morning, so each run shows all of them, whatever its size.
 */
final class DayPlanner {
    /** Relative orders per hour of the day (UTC), midnight first. */
    private static final int[] PER_HOUR = {1, 1, 1, 1, 1, 2, 3, 5, 6, 7, 8, 9, 10, 9, 8, 8, 9, 10, 12, 13, 12, 10, 6, 3};

    private final SplittableRandom random;
    private final Instant day;

    DayPlanner(long seed, Instant day) {
        this.random = new SplittableRandom(seed);
        this.day = day;
    }

    List<PlannedOrder> plan(int count) {
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            times.add(day.plus(Duration.ofHours(pick(PER_HOUR))).plusSeconds(random.nextInt(3600)));
        }
        times.sort(null);
        Story[] stories = new Story[count];
        int[] weights = java.util.Arrays.stream(Story.values()).mapToInt(s -> s.weight).toArray();
        for (int i = 0; i < count; i++) {
            stories[i] = Story.values()[pick(weights)];
        }
        Story[] all = Story.values();
        int morning = Math.max(all.length + 1, count * 35 / 100);
        for (int k = 0; k < all.length; k++) {
            stories[(k + 1) * morning / (all.length + 1)] = all[k];
        }
        List<PlannedOrder> orders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            orders.add(order(i + 1, stories[i], times.get(i)));
        }
        return orders;
    }

    private PlannedOrder order(int number, Story story, Instant placedAt) {
        Channel channel = Channel.values()[pick(new int[] {45, 30, 15, 10})];
        int hour = placedAt.atZone(java.time.ZoneOffset.UTC).getHour();
        if (channel == Channel.STORE && (hour < 9 || hour >= 20 || story == Story.EXPRESS)) {
            channel = Channel.APP;
        }
        if (channel == Channel.MARKETPLACE && (story.pickup() || story == Story.EXPRESS)) {
            channel = Channel.WEB;
        }
        String country = story == Story.SPLIT ? "DE" : new String[] {"DE", "AT", "NL"}[pick(new int[] {60, 20, 20})];
        List<Network.City> cities = Network.CITIES.stream().filter(c -> c.country().equals(country)).toList();
        Network.City city = cities.get(random.nextInt(cities.size()));
        ServiceLevel level = story.pickup() ? ServiceLevel.PICKUP_IN_STORE
                : story == Story.EXPRESS ? ServiceLevel.EXPRESS : ServiceLevel.STANDARD;
        Optional<LocationId> store = Optional.empty();
        if (story.pickup()) {
            List<LocationId> stores = Network.PICKUP_STORES.get(country);
            store = Optional.of(stores.get(random.nextInt(stores.size())));
        }
        List<PlannedLine> lines = lines(story);
        BigDecimal subtotal = lines.stream().map(l -> l.product().price().multiply(BigDecimal.valueOf(l.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        Optional<String> coupon = subtotal.compareTo(new BigDecimal("60")) > 0 && random.nextInt(100) < 15
                ? Optional.of("WINTER10") : Optional.empty();
        String externalId = channel.prefix + "-" + (100000 + number);
        return new PlannedOrder(number, story, channel, externalId, CustomerRef.of(String.format("c-%05d", number)),
                city, level, store, placedAt, lines, coupon);
    }

    private List<PlannedLine> lines(Story story) {
        List<PlannedLine> lines = new ArrayList<>();
        switch (story) {
            case SPLIT -> {
                lines.add(new PlannedLine(Catalogue.product(Catalogue.MUG), 1));
                lines.add(new PlannedLine(Catalogue.product(Catalogue.HOODIE), 1));
            }
            case LAUNCH -> lines.add(new PlannedLine(Catalogue.product(Catalogue.LAUNCH_SNEAKER), 1));
            case EXCHANGE -> lines.add(new PlannedLine(Catalogue.product(dev.oms.spi.Sku.of("TEE-BASIC-M")), 1));
            case CANCELS_ONE_UNIT -> lines.add(new PlannedLine(randomProduct(lines), 2 + random.nextInt(2)));
            default -> {
            }
        }
        int more = story == Story.SPLIT || story == Story.EXCHANGE ? 0
                : story.pickup() ? 1 : pick(new int[] {55, 28, 12, 5}) + 1 - lines.size();
        for (int i = 0; i < more; i++) {
            Catalogue.Product p = randomProduct(lines);
            int q = pick(new int[] {80, 15, 5}) + 1;
            lines.add(new PlannedLine(p, q));
        }
        return lines;
    }

    private Catalogue.Product randomProduct(List<PlannedLine> taken) {
        while (true) {
            int[] weights = Catalogue.PRODUCTS.stream().mapToInt(Catalogue.Product::popularity).toArray();
            Catalogue.Product p = Catalogue.PRODUCTS.get(pick(weights));
            if (taken.stream().noneMatch(l -> l.product().equals(p))) {
                return p;
            }
        }
    }

    /** @return an index drawn with the given weights */
    private int pick(int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int r = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        throw new IllegalStateException("unreachable");
    }
}
