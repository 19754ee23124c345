package dev.oms.core;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.money.CurrencyUnit;
import javax.money.MonetaryAmount;

/**
 * A stable digest of a command's content, stored with its idempotency key so that a repeat with
 * the same key but different content is recognised as a different command. Used by every oms
 * engine (orders, inventory, ...); adapters store it as an opaque string.
 *
 * <p>Walks records component by component (by reflection, so new command types need no code
 * here) and renders values canonically: amounts as currency plus stripped decimal, so
 * {@code 10.0 EUR} and {@code 10.00 EUR} are the same. {@code toString()} is not used, because
 * some values (addresses) redact themselves there.
 */
public final class CommandFingerprint {
    /** A record's components with their accessors, looked up once per class (reflection is slow). */
    private static final ClassValue<Component[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected Component[] computeValue(Class<?> type) {
            if (!type.isRecord()) {
                return null;
            }
            RecordComponent[] components = type.getRecordComponents();
            Component[] out = new Component[components.length];
            for (int i = 0; i < components.length; i++) {
                out[i] = new Component(components[i].getName() + "=", components[i].getAccessor());
            }
            return out;
        }
    };
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is required of every JVM", impossible);
        }
    });

    private record Component(String label, java.lang.reflect.Method accessor) {
    }

    private CommandFingerprint() {
    }

    /**
     * @param command a command record
     * @return the hex SHA-256 of its canonical form
     */
    public static String of(Object command) {
        StringBuilder canonical = new StringBuilder(256);
        render(command, canonical);
        return HexFormat.of().formatHex(SHA_256.get().digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static void render(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof MonetaryAmount amount) {
            BigDecimal number = amount.getNumber().numberValue(BigDecimal.class).stripTrailingZeros();
            // plain for every amount oms accepts; an unbounded one (refused later) is never expanded
            boolean plain = number.scale() <= 40 && (long) number.precision() - number.scale() <= 40;
            out.append(amount.getCurrency().getCurrencyCode()).append(' ')
                    .append(plain ? number.toPlainString() : number.toString());
        } else if (value instanceof CurrencyUnit currency) {
            out.append(currency.getCurrencyCode());
        } else if (value instanceof Optional<?> optional) {
            out.append("opt(");
            render(optional.orElse(null), out);
            out.append(')');
        } else if (value instanceof Collection<?> items) {
            out.append('[');
            for (Object item : items) {
                render(item, out);
                out.append(',');
            }
            out.append(']');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            map.forEach((k, v) -> {
                render(k, out);
                out.append('=');
                render(v, out);
                out.append(',');
            });
            out.append('}');
        } else if (COMPONENTS.get(value.getClass()) != null) {
            out.append(value.getClass().getName()).append('(');
            for (Component component : COMPONENTS.get(value.getClass())) {
                out.append(component.label());
                try {
                    render(component.accessor().invoke(value), out);
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("cannot read " + component.label(), e);
                }
                out.append(';');
            }
            out.append(')');
        } else if (value instanceof String s) {
            out.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        } else {
            out.append(value);
        }
    }
}
