package dev.oms.core.internal.shared;

import dev.oms.spi.InvalidInputException;
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
 *
 * <p>A record is named by the fully qualified name it had when oms first fingerprinted it: its
 * class name today, or, for a type that moved or was renamed since, the old name kept in
 * {@link #FROZEN_NAMES}. So a fingerprint never changes with the code: nodes of two versions
 * agree during a rolling upgrade or a rollback, and a repeat under a key recorded before an
 * upgrade is recognised. Compare fingerprints with {@link #matches}. Ids derived from a key
 * ({@link #ofKey}) have their own digest, fixed for good.
 */
public final class CommandFingerprint {
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

    /**
     * The names fingerprints keep for records that moved or were renamed, by their class name
     * today: when a fingerprinted record (a command, an input, anything inside one) leaves its
     * package or gets another name, add it here with the fully qualified name it had before, or
     * every key recorded before the move stops matching its repeat ({@code FingerprintNamesTest}
     * in oms-flow fails until it is).
     */
    private static final Map<String, String> FROZEN_NAMES = Map.ofEntries(
            Map.entry("dev.oms.inventory.ReserveRequest$ReserveLine", "dev.oms.inventory.ReserveLine"),
            Map.entry("dev.oms.returns.ReturnDraft$LineToReturn", "dev.oms.returns.RequestedLine"),
            Map.entry("dev.oms.spi.Address$Coordinates", "dev.oms.spi.Coordinates"),
            Map.entry("dev.oms.spi.order.Order$Discount", "dev.oms.spi.order.Discount"),
            Map.entry("dev.oms.spi.order.Order$OrderHeader", "dev.oms.spi.order.OrderHeader"),
            Map.entry("dev.oms.spi.order.Order$ShippingCharge", "dev.oms.spi.order.ShippingCharge"),
            Map.entry("dev.oms.spi.fulfillment.CarrierGateway$TrackingUpdate",
                    "dev.oms.spi.fulfillment.TrackingUpdate"),
            Map.entry("dev.oms.spi.returns.Inspection$LineInspection",
                    "dev.oms.spi.returns.ReturnEvent$LineInspection"),
            Map.entry("dev.oms.spi.returns.RefundBreakdown$RefundLine", "dev.oms.spi.returns.RefundLine"),
            Map.entry("dev.oms.spi.returns.ReturnRequest$ReturnLabel", "dev.oms.spi.returns.ReturnLabel"));

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

    /**
     * Whether a recorded fingerprint is this command's: the one place fingerprints are compared, so
     * a change of their form stays in this class.
     *
     * @param recorded the fingerprint stored with a key
     * @param command the command asked now
     * @return whether it is the same command
     */
    public static boolean matches(String recorded, Object command) {
        return InvalidInputException.requireNonNull(recorded, "recorded").equals(of(command));
    }

    /**
     * The digest ids are derived from a key with ({@code fo-}, {@code shp-}, {@code rma-} and the
     * like), the same in every version: a step repeated after an upgrade finds what it created.
     *
     * @param key the key
     * @return the hex SHA-256 the ids take their characters from
     */
    public static String ofKey(dev.oms.spi.CommandKey key) {
        InvalidInputException.requireNonNull(key, "key");
        StringBuilder canonical = new StringBuilder("[dev.oms.spi.CommandKey(value=");
        render(key.value(), canonical);
        canonical.append(";),]");
        return HexFormat.of().formatHex(SHA_256.get().digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The name a record is fingerprinted with: its class name, or the one it had before it moved.
     *
     * @param type a record type
     * @return the name its fingerprints use, for good
     */
    public static String recordName(Class<?> type) {
        return FROZEN_NAMES.getOrDefault(type.getName(), type.getName());
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
