package dev.oms.core.internal;

import dev.oms.spi.LineId;
import dev.oms.spi.event.OrderEvent.OrderPlaced;
import dev.oms.spi.order.NewLine;
import dev.oms.spi.order.Order.OrderHeader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What differs between a channel order's first placement and a repeat of it, each part named. */
public final class Placements {
    private Placements() {
    }

    /**
     * @param first the first placement's event
     * @param header the repeat's header
     * @param lines its lines
     * @param discounts its discounts
     * @param shipping its shipping charges
     * @return the parts that differ ({@code "header: tags"}, {@code "line 2: quantity"},
     *     {@code "line 3: added"}, {@code "discounts"}, ...), empty if it is the same placement
     */
    public static List<String> differences(OrderPlaced first, OrderHeader header, List<NewLine> lines,
            List<?> discounts, List<?> shipping) {
        List<String> out = new ArrayList<>();
        components(first.header(), header).forEach(name -> out.add("header: " + name));
        Map<LineId, NewLine> before = new LinkedHashMap<>();
        first.lines().forEach(l -> before.put(l.id(), l));
        Map<LineId, NewLine> after = new LinkedHashMap<>();
        lines.forEach(l -> after.put(l.id(), l));
        for (Map.Entry<LineId, NewLine> e : before.entrySet()) {
            NewLine now = after.get(e.getKey());
            if (now == null) {
                out.add("line " + e.getKey() + ": missing");
            } else {
                components(e.getValue(), now).forEach(name -> out.add("line " + e.getKey() + ": " + name));
            }
        }
        after.keySet().stream().filter(id -> !before.containsKey(id)).forEach(id -> out.add("line " + id + ": added"));
        if (out.isEmpty() && !List.copyOf(before.keySet()).equals(List.copyOf(after.keySet()))) {
            out.add("the order of the lines");
        }
        if (!first.discounts().equals(discounts)) {
            out.add("discounts");
        }
        if (!first.shippingCharges().equals(shipping)) {
            out.add("shipping charges");
        }
        return out;
    }

    /** The names of the record components whose values differ. */
    private static List<String> components(Record a, Record b) {
        List<String> differ = new ArrayList<>();
        for (RecordComponent c : a.getClass().getRecordComponents()) {
            try {
                if (!Objects.equals(c.getAccessor().invoke(a), c.getAccessor().invoke(b))) {
                    differ.add(c.getName());
                }
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + a.getClass(), e);
            }
        }
        return differ;
    }
}
