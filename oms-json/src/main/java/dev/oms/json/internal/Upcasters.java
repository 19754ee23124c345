package dev.oms.json.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The schema versions of stored records and the upcasters that bring an older stored form to the
 * current one before it is decoded, so a record is read with the rules it was written under and
 * tightening validation never makes stored data unreadable.
 *
 * <ul>
 *   <li><b>Version 1</b>: everything stored before text limits (records without a
 *       {@code schemaVersion} read as version 1). Text could then hold NUL and other control
 *       characters and unpaired surrogates, which the records now refuse.</li>
 *   <li><b>Version 2</b> (1 to 2): such characters are repaired: a control character other than
 *       tab, line feed and carriage return becomes a space, an unpaired surrogate U+FFFD, the
 *       replacement character. Text that was valid is unchanged. Events kept their shape and stay
 *       at version 1 (so an older oms reads a newer one's events during a rolling upgrade); the
 *       same repair runs on every event as it is read.</li>
 *   <li><b>Version 3</b> of {@code RefundAccount} only (2 to 3): the refund shares frozen at the
 *       first refund; an account stored before has none frozen ({@code "shares": []}), so its
 *       next refund freezes them as the order stands then. (A share frozen at version 3 has no
 *       line tax; it reads as absent, and the refund takes the line's per-unit tax, the only kind
 *       there was.)</li>
 *   <li><b>Version 3</b> of every other record, and <b>version 2</b> of an event that holds a
 *       line, a shipping charge, an order header or a refund line (2 to 3, events 1 to 2): tax
 *       lines. A line's or a shipping charge's tax amount becomes the host-supplied tax of one unit
 *       under the code {@code "TAX"} ({@code LineTax.perUnit}, no tax where it was zero); an order
 *       header without a tax policy gets the one every order had, net prices with the host's tax
 *       ({@code TaxPolicy.supplied(TAX_EXCLUSIVE)}); a refund line gets {@code "taxIncluded": false}.
 *       Events of other types kept their shape and stay at version 1, so an older oms still reads
 *       them during a rolling upgrade.</li>
 *   <li><b>Version 4</b> of every record, and <b>version 3</b> of an event that holds an order
 *       header (3 to 4, events 2 to 3): pricing. An order header without one gets the pricing
 *       every order had, unit prices in whole minor units and no cash rounding
 *       ({@code Pricing.standard()}). A refund account or breakdown stored before has no cash
 *       rounding, which an absent value says; other events keep their versions.</li>
 *   <li><b>Version 5</b> of every record, and <b>version 3</b> of an event that holds a refund
 *       breakdown (4 to 5, events 2 to 3): a refund's notes. A breakdown stored before has none
 *       ({@code "notes": []}).</li>
 *   <li><b>Version 6</b> of every record, and <b>version 4</b> of an event that holds a refund
 *       breakdown (5 to 6, events 3 to 4): goodwill. A refund line stored before gives and takes
 *       back none ({@code "goodwill"} zero in the currency of its gross); a refund account stored
 *       before keeps none ({@code "goodwill": []}).</li>
 *   <li><b>Version 7</b> of every record, and <b>version 4</b> of an event that holds a shipping
 *       charge or a payment method (6 to 7, events to 4): payment methods and shipping discounts.
 *       A payment ledger stored before names none ({@code "methods": []}): the order was paid one
 *       way; a payment event without a method names none, and a shipping charge without a discount
 *       has none. The versions move so that an older oms refuses the newer forms instead of
 *       ignoring a discount or a method.</li>
 *   <li><b>Version 8</b> of every record (7 to 8): payment shares on accepting. A process's
 *       {@code Accept} input stored before names none ({@code "payments": []}): the order was
 *       accepted paid one way. Events keep their versions.</li>
 *   <li><b>Version 9</b> of every record, and <b>version 5</b> of an event that holds an order
 *       header, a line or an edit (8 to 9, events to 5): custom attributes. An order header, an
 *       order line and a new line stored before carry none ({@code "attributes": {"values": []}}).
 *       The event versions move so that an older oms refuses the newer forms instead of dropping
 *       their attributes.</li>
 *   <li><b>Version 10</b> of every record, and <b>version 6</b> of an event that holds an order
 *       header (9 to 10, events to 6): business terms. An order header stored before has none
 *       ({@code "b2b": null}).</li>
 *   <li><b>Version 11</b> of every record (10 to 11): invoice settlements. A payment ledger stored
 *       before settled nothing ({@code "settled"} zero in its currency). Events keep their versions.</li>
 * </ul>
 * Numbers from before the number limits are not repaired (a number beyond 12 integer digits
 * means nothing an order could hold); such a record stays unreadable, with its path named.
 */
final class Upcasters {
    /** The schema version every stored record is written with, unless {@link #current} says otherwise. */
    static final int CURRENT = 11;
    /**
     * The newest version of an event: 4 for those that hold a refund breakdown, a shipping charge
     * or a payment method, 3 for those that hold an order header, 2 for those that hold other tax
     * shapes, 1 for the rest (repaired as read).
     */
    static final int EVENTS = 6;

    /** The records whose stored form changed with tax lines. */
    private static final Set<Class<?>> TAX_SHAPES = Set.of(dev.oms.spi.order.NewLine.class,
            dev.oms.spi.order.Order.OrderLine.class, dev.oms.spi.order.Order.ShippingCharge.class,
            dev.oms.spi.order.Order.OrderHeader.class, dev.oms.spi.returns.RefundBreakdown.RefundLine.class);

    private static final ClassValue<Boolean> HOLDS_TAX_SHAPES = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return reaches(type, TAX_SHAPES, new HashSet<>());
        }
    };

    private static final ClassValue<Boolean> HOLDS_HEADER_OR_REFUND = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return reaches(type, Set.of(dev.oms.spi.order.Order.OrderHeader.class,
                    dev.oms.spi.returns.RefundBreakdown.class), new HashSet<>());
        }
    };

    /**
     * The records whose stored form an older oms would misread at event version 3 (it ignores
     * unknown fields): a refund breakdown (goodwill), a shipping charge (its discount) and a
     * payment method.
     */
    private static final ClassValue<Boolean> HOLDS_REFUND = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return reaches(type, Set.of(dev.oms.spi.returns.RefundBreakdown.class,
                    dev.oms.spi.order.Order.ShippingCharge.class, dev.oms.spi.payment.PaymentMethod.class),
                    new HashSet<>());
        }
    };

    /** The events that can hold custom attributes (an order header, a line, an edit). */
    private static final ClassValue<Boolean> HOLDS_ATTRIBUTES = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return reaches(type, Set.of(dev.oms.spi.order.Attributes.class), new HashSet<>());
        }
    };

    /** The events that hold an order header, which can carry business terms. */
    private static final ClassValue<Boolean> HOLDS_B2B = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return reaches(type, Set.of(dev.oms.spi.order.B2bTerms.class), new HashSet<>());
        }
    };

    private Upcasters() {
    }

    /**
     * @param type the stored record's type (or its sealed family)
     * @return the version it is written with
     */
    static int current(Class<?> type) {
        if (Codec.event(type)) {
            return HOLDS_B2B.get(type) ? EVENTS : HOLDS_ATTRIBUTES.get(type) ? 5 : HOLDS_REFUND.get(type) ? 4 : HOLDS_HEADER_OR_REFUND.get(type) ? 3
                    : HOLDS_TAX_SHAPES.get(type) ? 2 : 1;
        }
        return CURRENT;
    }

    /** Whether a value of the type can hold one of {@code shapes}, through its components. */
    private static boolean reaches(java.lang.reflect.Type type, Set<Class<?>> shapes,
            Set<java.lang.reflect.Type> seen) {
        if (type instanceof java.lang.reflect.ParameterizedType p) {
            for (java.lang.reflect.Type argument : p.getActualTypeArguments()) {
                if (reaches(argument, shapes, seen)) {
                    return true;
                }
            }
            return reaches(p.getRawType(), shapes, seen);
        }
        if (!(type instanceof Class<?> c) || !seen.add(c)) {
            return false;
        }
        if (shapes.contains(c)) {
            return true;
        }
        if (c.isRecord()) {
            for (java.lang.reflect.RecordComponent component : c.getRecordComponents()) {
                if (reaches(component.getGenericType(), shapes, seen)) {
                    return true;
                }
            }
        } else if (c.isSealed()) {
            for (Class<?> member : c.getPermittedSubclasses()) {
                if (reaches(member, shapes, seen)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * @param type the stored record's type, as the reader asks for it
     * @param from the stored version, at most {@link #current}
     * @param tree the stored form, as parsed
     * @return the current form
     */
    static Object upcast(Class<?> type, int from, Object tree) {
        // version 1 may hold text the limits now refuse, events too
        Object at = from == 1 ? repairText(tree) : tree;
        if (Codec.event(type)) {
            int to = current(type);
            at = from == 1 && to >= 2 ? taxShapes(at) : at;
            at = from < 3 && to >= 3 ? notes(pricing(at)) : at;
            at = from < 4 && to >= 4 ? goodwill(at) : at;
            at = from < 5 && to >= 5 ? attributes(at) : at;
            return from < 6 && to == 6 ? b2b(at) : at;
        }
        for (int version = Math.max(from, 2); version < current(type); version++) {
            at = step(type, version, at);
        }
        return at;
    }

    @SuppressWarnings("unchecked")
    private static Object step(Class<?> type, int from, Object tree) {
        if (from == 3) {
            return pricing(tree);
        }
        if (from == 4) {
            return notes(tree);
        }
        if (from == 5) {
            return goodwill(tree);
        }
        if (from == 6) {
            return paymentMethods(tree);
        }
        if (from == 7) {
            return acceptPayments(tree);
        }
        if (from == 8) {
            return attributes(tree);
        }
        if (from == 9) {
            return b2b(tree);
        }
        if (from == 10) {
            return settled(tree);
        }
        if (from == 2 && tree instanceof Map<?, ?> map) {
            if (type == dev.oms.spi.returns.RefundAccount.class) {
                Map<String, Object> out = new LinkedHashMap<>((Map<String, Object>) map);
                out.putIfAbsent("shares", List.of());
                return out;
            }
            return taxShapes(tree);
        }
        throw new IllegalStateException("no upcaster of " + type.getSimpleName() + " from schema version " + from);
    }

    /**
     * The tree rebuilt bottom up, every object passed to {@code fix} after its members were (as a
     * copy it may change).
     */
    @SuppressWarnings("unchecked")
    private static Object rewrite(Object tree, java.util.function.Consumer<Map<String, Object>> fix) {
        if (tree instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(e -> out.add(rewrite(e, fix)));
            return out;
        }
        if (!(tree instanceof Map<?, ?> map)) {
            return tree;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<String, Object>) map).forEach((k, v) -> out.put(k, rewrite(v, fix)));
        fix.accept(out);
        return out;
    }

    /** The tree with every form from before tax lines in its current shape (see the class comment). */
    static Object taxShapes(Object tree) {
        return rewrite(tree, Upcasters::taxShape);
    }

    private static void taxShape(Map<String, Object> out) {
        if (out.containsKey("unitTax") && out.containsKey("unitPrice")) {
            out.put("tax", perUnit(out.remove("unitTax")));
        } else if (out.containsKey("code") && out.containsKey("amount") && isAmount(out.get("tax"))) {
            out.put("tax", perUnit(out.get("tax")));
        }
        if (out.containsKey("currency") && out.containsKey("serviceLevel") && !out.containsKey("taxPolicy")) {
            out.put("taxPolicy", Map.of("basis", "TAX_EXCLUSIVE", "source", "HOST", "level", "PER_LINE", "mode",
                    "HALF_UP"));
        }
        if (out.containsKey("restockingFee") && out.containsKey("shippingTax")) {
            out.putIfAbsent("taxIncluded", Boolean.FALSE);
        }
    }

    /** The tree with every order header given the pricing all orders had before pricing. */
    static Object pricing(Object tree) {
        return rewrite(tree, out -> {
            if (out.containsKey("currency") && out.containsKey("taxPolicy") && !out.containsKey("pricing")) {
                Map<String, Object> standard = new LinkedHashMap<>();
                standard.put("unitScale", java.math.BigDecimal.ZERO);
                standard.put("lineRounding", "HALF_UP");
                standard.put("cashRounding", null);
                out.put("pricing", standard);
            }
        });
    }

    /** The tree with every refund breakdown given the notes one stored before notes has: none. */
    static Object notes(Object tree) {
        return rewrite(tree, out -> {
            if (out.containsKey("lines") && out.containsKey("returnShippingFee") && out.containsKey("method")) {
                out.putIfAbsent("notes", List.of());
            }
        });
    }

    /**
     * The tree with every refund line given the goodwill one stored before goodwill has (none, in
     * the currency of its gross), and a refund account the goodwill it kept: none.
     */
    @SuppressWarnings("unchecked")
    static Object goodwill(Object tree) {
        return rewrite(tree, out -> {
            if (out.containsKey("restockingFee") && out.containsKey("taxIncluded") && isAmount(out.get("gross"))) {
                Map<String, Object> zero = new LinkedHashMap<>();
                zero.put("amount", "0");
                zero.put("currency", ((Map<String, Object>) out.get("gross")).get("currency"));
                out.putIfAbsent("goodwill", zero);
            }
            if (out.containsKey("shares") && out.containsKey("lines") && out.containsKey("orderId")) {
                out.putIfAbsent("goodwill", List.of());
            }
        });
    }

    /** The tree with every payment ledger given the methods one stored before payment methods has: none. */
    static Object paymentMethods(Object tree) {
        return rewrite(tree, out -> {
            if (isLedger(out)) {
                out.putIfAbsent("methods", List.of());
            }
        });
    }

    /** The tree with every accepting process's input given the payment shares one stored before has: none. */
    static Object acceptPayments(Object tree) {
        return rewrite(tree, out -> {
            if ("Accept".equals(out.get("@type")) && out.containsKey("header") && out.containsKey("lines")) {
                out.putIfAbsent("payments", List.of());
            }
        });
    }

    /** The tree with every order header, order line and new line given the attributes one stored before has: none. */
    static Object attributes(Object tree) {
        return rewrite(tree, out -> {
            boolean header = isHeader(out);
            boolean line = out.containsKey("sku") && (out.containsKey("quantities") || out.containsKey("quantity"))
                    && out.containsKey("unitPrice");
            if (header || line) {
                out.putIfAbsent("attributes", Map.of("values", List.of()));
            }
        });
    }

    /** The tree with every payment ledger given what one stored before settled: nothing, in its currency. */
    @SuppressWarnings("unchecked")
    static Object settled(Object tree) {
        return rewrite(tree, out -> {
            if (isLedger(out) && out.get("authorised") instanceof Map<?, ?> authorised) {
                out.putIfAbsent("settled", Map.of("amount", "0", "currency", ((Map<String, Object>) authorised)
                        .get("currency")));
            }
        });
    }

    /** The tree with every order header given the business terms one stored before has: none. */
    static Object b2b(Object tree) {
        return rewrite(tree, out -> {
            if (isHeader(out)) {
                out.putIfAbsent("b2b", null);
            }
        });
    }

    /** Whether a stored object is a payment ledger, whatever its version. */
    private static boolean isLedger(Map<String, Object> tree) {
        return tree.containsKey("authorised") && tree.containsKey("captured") && tree.containsKey("voided")
                && tree.containsKey("refunded");
    }

    /** Whether a stored object is an order header, whatever its version. */
    private static boolean isHeader(Map<String, Object> tree) {
        return tree.containsKey("externalOrderId") && tree.containsKey("customer") && tree.containsKey("placedAt");
    }

    private static boolean isAmount(Object tree) {
        return tree instanceof Map<?, ?> m && m.size() == 2 && m.containsKey("amount") && m.containsKey("currency");
    }

    /** A per-unit amount as {@code LineTax.perUnit} writes it: nothing where it is zero. */
    private static Object perUnit(Object amount) {
        boolean zero = isAmount(amount) && ((Map<?, ?>) amount).get("amount") instanceof String text
                && isZero(text);
        if (zero) {
            return Map.of("@type", "Rates", "rates", List.of());
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("code", "TAX");
        line.put("amount", amount);
        return Map.of("@type", "Supplied", "taxes", List.of(line), "units", java.math.BigDecimal.ONE);
    }

    private static boolean isZero(String text) {
        try {
            return new java.math.BigDecimal(text).signum() == 0;
        } catch (NumberFormatException notANumber) {
            return false; // left to the decoder, which names it
        }
    }

    /** The tree with its text repaired; the very same objects where nothing needed it (events are read this way every time). */
    private static Object repairText(Object tree) {
        if (tree instanceof String s) {
            return repaired(s);
        }
        if (tree instanceof Map<?, ?> map) {
            Map<String, Object> out = null;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object fixed = repairText(e.getValue());
                if (fixed != e.getValue() && out == null) {
                    out = new LinkedHashMap<>();
                    for (Map.Entry<?, ?> before : map.entrySet()) {
                        out.put((String) before.getKey(), before.getValue());
                    }
                }
                if (out != null) {
                    out.put((String) e.getKey(), fixed);
                }
            }
            return out == null ? tree : out;
        }
        if (tree instanceof List<?> list) {
            List<Object> out = null;
            for (int i = 0; i < list.size(); i++) {
                Object fixed = repairText(list.get(i));
                if (fixed != list.get(i) && out == null) {
                    out = new ArrayList<>(list);
                }
                if (out != null) {
                    out.set(i, fixed);
                }
            }
            return out == null ? tree : out;
        }
        return tree;
    }

    private static String repaired(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char fixed = c;
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    if (out != null) {
                        out.append(c).append(s.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
                fixed = '\uFFFD';
            } else if (Character.isLowSurrogate(c)) {
                fixed = '\uFFFD';
            } else if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                fixed = ' ';
            }
            if (fixed != c && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (out != null) {
                out.append(fixed);
            }
        }
        return out == null ? s : out.toString();
    }
}
