package dev.oms.fulfillment.internal;

import dev.oms.fulfillment.RoutingPlan;
import dev.oms.fulfillment.RoutingRequest;
import dev.oms.spi.Quantity;
import dev.oms.spi.order.LineQuantity;
import java.util.ArrayList;
import java.util.List;

/**
 * Units per (site, line) for a list of sites, filled in order: groups first, each whole from
 * the first site that has all of it; then each line from the sites in order. Per site, the
 * lines in the order they were first given units there.
 */
public final class Assignment {
    final Site[] sites;
    final int size;
    final long[][] units;
    final int[][] lineOrder;
    final int[] taken;
    final long[] siteUnits;
    final long[] remaining;
    int usedSites;
    long total;
    String reason = "";

    private Assignment(Site[] subset, int size, Lines q) {
        this.sites = java.util.Arrays.copyOf(subset, size);
        this.size = size;
        this.units = new long[size][q.count];
        this.lineOrder = new int[size][q.count];
        this.taken = new int[size];
        this.siteUnits = new long[size];
        this.remaining = q.quantity.clone();
    }

    static Assignment nothing(Lines q, String reason) {
        return new Assignment(new Site[0], 0, q).because(reason);
    }

    static Assignment of(Site[] subset, int size, Lines q) {
        return fill(subset, size, q, false);
    }

    /**
     * The second way to fill a combination, for when {@link #of} falls short: groups as there;
     * then the lines in order of how few of these sites can serve them (ties in line order), and
     * each line from the sites without a unit capacity first, then the capacity-limited ones,
     * each in ranking order. A location's scarce capacity is thus kept for the lines only it can
     * serve. Deterministic, like {@link #of}.
     */
    static Assignment scarceFirst(Site[] subset, int size, Lines q) {
        return fill(subset, size, q, true);
    }

    private static Assignment fill(Site[] subset, int size, Lines q, boolean scarceFirst) {
        Assignment a = new Assignment(subset, size, q);
        long[][] left = new long[size][];
        long[] capLeft = new long[size];
        for (int s = 0; s < size; s++) {
            left[s] = subset[s].usable.clone();
            capLeft[s] = subset[s].unitCap;
        }
        for (int[] group : q.groups) {
            for (int s = 0; s < size; s++) {
                if (canTakeWhole(subset[s], group, q, left[s], capLeft[s])) {
                    for (int i : group) {
                        a.take(s, i, q.quantity[i], q, left, capLeft);
                    }
                    break;
                }
            }
        }
        int[] lines = scarceFirst ? byScarcity(subset, size, q) : inOrder(q.count);
        int[] sites = scarceFirst ? unlimitedFirst(subset, size) : inOrder(size);
        for (int i : lines) {
            if (q.grouped[i]) {
                continue;
            }
            for (int s : sites) {
                if (a.remaining[i] == 0) {
                    break;
                }
                if (!subset[s].tagsOk[i]) {
                    continue;
                }
                long take = Math.min(a.remaining[i], Math.min(left[s][q.sku[i]], capLeft[s]));
                if (take > 0) {
                    a.take(s, i, take, q, left, capLeft);
                }
            }
        }
        return a;
    }

    private static int[] inOrder(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    private static int[] byScarcity(Site[] subset, int size, Lines q) {
        int[] servers = new int[q.count];
        for (int i = 0; i < q.count; i++) {
            for (int s = 0; s < size; s++) {
                if (subset[s].tagsOk[i] && subset[s].usable[q.sku[i]] > 0) {
                    servers[i]++;
                }
            }
        }
        return java.util.stream.IntStream.range(0, q.count).boxed()
                .sorted(java.util.Comparator.<Integer>comparingInt(i -> servers[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }

    private static int[] unlimitedFirst(Site[] subset, int size) {
        int[] order = new int[size];
        int next = 0;
        for (int s = 0; s < size; s++) {
            if (subset[s].unitCap == Long.MAX_VALUE) {
                order[next++] = s;
            }
        }
        for (int s = 0; s < size; s++) {
            if (subset[s].unitCap != Long.MAX_VALUE) {
                order[next++] = s;
            }
        }
        return order;
    }

    static boolean canTakeWhole(Site s, int[] group, Lines q, long[] left, long capLeft) {
        long[] need = new long[left.length];
        long units = 0;
        for (int i : group) {
            if (!s.tagsOk[i]) {
                return false;
            }
            need[q.sku[i]] += q.quantity[i];
            units += q.quantity[i];
        }
        for (int j = 0; j < need.length; j++) {
            if (need[j] > 0 && left[j] < need[j]) {
                return false;
            }
        }
        return units <= capLeft;
    }

    private void take(int s, int line, long amount, Lines q, long[][] left, long[] capLeft) {
        left[s][q.sku[line]] -= amount;
        capLeft[s] -= amount;
        remaining[line] -= amount;
        if (units[s][line] == 0) {
            lineOrder[s][taken[s]++] = line;
        }
        if (siteUnits[s] == 0) {
            usedSites++;
        }
        units[s][line] += amount;
        siteUnits[s] += amount;
        total += amount;
    }

    /**
     * The units a site would add if appended after these sites: whole groups none of them
     * took, then each line's remaining units, in line order, from its stock and capacity.
     */
    long gainFrom(Site site, Lines q) {
        long[] left = site.usable.clone();
        long capLeft = site.unitCap;
        long gain = 0;
        for (int[] group : q.groups) {
            if (remaining[group[0]] > 0 && canTakeWhole(site, group, q, left, capLeft)) {
                for (int i : group) {
                    left[q.sku[i]] -= q.quantity[i];
                    capLeft -= q.quantity[i];
                    gain += q.quantity[i];
                }
            }
        }
        for (int i = 0; i < q.count; i++) {
            if (q.grouped[i] || remaining[i] == 0 || !site.tagsOk[i]) {
                continue;
            }
            long take = Math.min(remaining[i], Math.min(left[q.sku[i]], capLeft));
            if (take > 0) {
                left[q.sku[i]] -= take;
                capLeft -= take;
                gain += take;
            }
        }
        return gain;
    }

    /**
     * @param sites the sites in ranking order
     * @param request what was routed
     * @return a shipment per site that takes units, in ranking order
     */
    public List<RoutingPlan.Shipment> shipments(List<Site> sites, RoutingRequest request) {
        List<RoutingPlan.Shipment> shipments = new ArrayList<>();
        for (Site s : sites) {
            int at = indexOf(s);
            if (at >= 0 && siteUnits[at] > 0) {
                List<LineQuantity> lqs = new ArrayList<>(taken[at]);
                for (int t = 0; t < taken[at]; t++) {
                    int line = lineOrder[at][t];
                    lqs.add(new LineQuantity(request.lines().get(line).lineId(), Quantity.of(units[at][line])));
                }
                shipments.add(new RoutingPlan.Shipment(s.location.id(), lqs));
            }
        }
        return shipments;
    }

    /**
     * @param request what was routed
     * @return the units no site takes, per line, with the reason
     */
    public List<RoutingPlan.Unrouted> unrouted(RoutingRequest request) {
        List<RoutingPlan.Unrouted> unrouted = new ArrayList<>();
        for (int i = 0; i < remaining.length; i++) {
            if (remaining[i] > 0) {
                unrouted.add(new RoutingPlan.Unrouted(request.lines().get(i).lineId(), Quantity.of(remaining[i]),
                        reason));
            }
        }
        return unrouted;
    }

    int indexOf(Site site) {
        for (int s = 0; s < size; s++) {
            if (sites[s] == site) {
                return s;
            }
        }
        return -1;
    }

    /**
     * @param site a site
     * @return whether the assignment takes units from it
     */
    public boolean uses(Site site) {
        int s = indexOf(site);
        return s >= 0 && siteUnits[s] > 0;
    }

    boolean complete() {
        for (long r : remaining) {
            if (r > 0) {
                return false;
            }
        }
        return true;
    }

    Assignment because(String why) {
        this.reason = why;
        return this;
    }
}
