package dev.oms.examples.shopday;

import dev.oms.spi.OrderId;
import dev.oms.spi.Sku;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The host's own notes of the day, next to what oms stores: which story each order played, its
 * channel and promise, when pickup orders were ready, what stock the shop received, what the host's
 * integrations went through (carrier outages, late scans), and any refusal the host did not expect.
 * The summary reads oms' stores for everything oms knows and this log only for the rest.
 */
final class DayLog {
    /** An order the shop handled: one a customer placed, or a replacement from an exchange. */
    record Entry(OrderId id, String channel, Story story, Instant placedAt, Instant shipBy) {
    }

    final Map<OrderId, Entry> orders = new LinkedHashMap<>();
    final Map<OrderId, Instant> readyForPickup = new LinkedHashMap<>();
    /** Orders whose acceptance waited for stock at some point (oms keeps the backorders; this is for the summary). */
    final java.util.Set<OrderId> backordered = new java.util.LinkedHashSet<>();
    final Map<Sku, Long> received = new TreeMap<>();
    final Map<dev.oms.spi.LocationId, Long> openingStock = new TreeMap<>(java.util.Comparator.comparing(
            dev.oms.spi.LocationId::value));
    final Map<String, Long> counters = new TreeMap<>();
    final List<String> unexpected = new ArrayList<>();
    /** The business customer's order, once converted from its quote, and what happened to it, in order. */
    dev.oms.spi.OrderId businessOrder;
    final List<String> business = new ArrayList<>();
    Instant endedAt;

    void order(Entry entry) {
        orders.put(entry.id(), entry);
    }

    void count(String what) {
        counters.merge(what, 1L, Long::sum);
    }

    long counter(String what) {
        return counters.getOrDefault(what, 0L);
    }

    void received(Sku sku, long units) {
        received.merge(sku, units, Long::sum);
    }
}
