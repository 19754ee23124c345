package dev.oms.core.internal.shared;

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
 * {@code CommandFingerprint} as oms 0.1 shipped it, kept verbatim (but for the frozen record
 * names, which both forms take from {@link CommandFingerprint#recordName}) as the reference its
 * legacy form must equal: a key recorded by 0.1 must keep matching its repeat.
 */
final class Fingerprint01 {
    /**
     * A record's fingerprinted name and its components with their accessors, looked up once per
     * class (reflection is slow, and the frozen name never changes for a class).
     */
    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            if (!type.isRecord()) {
                return null;
            }
            RecordComponent[] components = type.getRecordComponents();
            Component[] out = new Component[components.length];
            for (int i = 0; i < components.length; i++) {
                out[i] = new Component(components[i].getName() + "=", components[i].getAccessor());
            }
            return new Shape(recordName(type) + "(", out);
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

    private record Shape(String opening, Component[] components) {
    }

    private Fingerprint01() {
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

    /** The frozen names are the one list both forms share: {@link CommandFingerprint#recordName}. */
    static String recordName(Class<?> type) {
        return CommandFingerprint.recordName(type);
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
        } else if (value instanceof Record) {
            Shape shape = SHAPES.get(value.getClass());
            out.append(shape.opening());
            for (Component component : shape.components()) {
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
