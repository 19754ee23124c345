package dev.oms.json.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 *       next refund freezes them as the order stands then.</li>
 * </ul>
 * Numbers from before the number limits are not repaired (a number beyond 12 integer digits
 * means nothing an order could hold); such a record stays unreadable, with its path named.
 */
final class Upcasters {
    /** The schema version every stored record is written with, unless {@link #current} says more. */
    static final int CURRENT = 2;
    /** The version of every event: events kept their shape, so they stay at 1 (and are repaired as read). */
    static final int EVENTS = 1;

    private Upcasters() {
    }

    /**
     * @param type the stored record's type (or its sealed family)
     * @return the version it is written with
     */
    static int current(Class<?> type) {
        if (Codec.event(type)) {
            return EVENTS;
        }
        return type == dev.oms.spi.returns.RefundAccount.class ? 3 : CURRENT;
    }

    /**
     * @param type the stored record's type, as the reader asks for it
     * @param from the stored version, at most {@link #current}
     * @param tree the stored form, as parsed
     * @return the current form
     */
    static Object upcast(Class<?> type, int from, Object tree) {
        // version 1 may hold text the limits now refuse, events too (which stay at version 1)
        Object at = from == 1 ? repairText(tree) : tree;
        for (int version = Math.max(from, 2); version < current(type); version++) {
            at = step(type, version, at);
        }
        return at;
    }

    @SuppressWarnings("unchecked")
    private static Object step(Class<?> type, int from, Object tree) {
        if (from == 2 && type == dev.oms.spi.returns.RefundAccount.class && tree instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>((Map<String, Object>) map);
            out.putIfAbsent("shares", List.of());
            return out;
        }
        throw new IllegalStateException("no upcaster of " + type.getSimpleName() + " from schema version " + from);
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
