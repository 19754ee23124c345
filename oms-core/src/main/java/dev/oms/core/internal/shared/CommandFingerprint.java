package dev.oms.core.internal.shared;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.internal.Records;
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
 * engine (orders, inventory, ...); adapters store it as an opaque string of at most 64 characters.
 *
 * <p>Walks records component by component (through their accessors, so new command types need no
 * code here) and encodes values canonically: amounts as currency plus stripped decimal, so
 * {@code 10.0 EUR} and {@code 10.00 EUR} are the same. {@code toString()} is not used for records,
 * because some values (addresses) redact themselves there.
 *
 * <p>Two forms, told apart by their text. This version writes {@code v2:} and 32 hex digits: a
 * binary canonical encoding (a type tag before every value, lengths before strings, lists and
 * maps, so no encoding runs into the next) hashed with MurmurHash3 x64 128 (non-cryptographic:
 * a caller who forges a collision under their own key only gets their own first result back).
 * As in 0.1, some different values are alike on purpose or by type erasure: integers of any
 * width, a list and a set of the same items, enum constants of one name in different types, and
 * other values with equal {@code toString()}; commands never differ by those alone.
 * oms 0.1 wrote 64 hex digits, the SHA-256 of a text rendering; {@link #matches} still compares a
 * recorded fingerprint of that form by it, so a repeat under a key recorded before an upgrade is
 * recognised. A 0.1 node does not know the {@code v2:} form: during an upgrade from 0.1 it refuses
 * a repeat whose key a newer node recorded as a key conflict (nothing runs twice).
 *
 * <p>A record is named by the fully qualified name it had when oms first fingerprinted it: its
 * class name today, or, for a type that moved or was renamed since, the old name kept in
 * {@link #FROZEN_NAMES}. So a fingerprint never changes when a type moves or is renamed, and nodes
 * of this and later versions agree during a rolling upgrade or a rollback. A change of a record's
 * components does change the fingerprint of every command that holds it: tax lines replaced
 * {@code NewLine.unitTax} and {@code ShippingCharge.tax} by a {@code LineTax} and gave
 * {@code OrderHeader} a tax policy, so a placement or an edit that adds a line, repeated under a
 * key recorded before that upgrade, is not recognised as the same command (the key is refused as
 * used for other content; nothing runs twice); pricing ({@code OrderHeader.pricing}) and shipping
 * discounts ({@code ShippingCharge.discount}) did the same for placements, goodwill
 * ({@code RefundLine.goodwill}) for return commands that hold a refund, and custom attributes
 * ({@code OrderHeader.attributes}, {@code NewLine.attributes}) for placements and edits that add
 * a line. Finish or give up such
 * retries before upgrading. Ids derived from a key ({@link #ofKey})
 * have their own SHA-256 digest, fixed for good.
 */
public final class CommandFingerprint {
    /** The prefix of fingerprints in this version's form. */
    static final String V2 = "v2:";

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
            Records.Accessor[] accessors = Records.Accessor.of(type);
            String name = recordName(type);
            Hash128 nameHash = new Hash128();
            nameHash.string(name);
            for (int i = 0; i < components.length; i++) {
                out[i] = new Component(components[i].getName() + "=", accessors[i]);
                nameHash.string(components[i].getName());
            }
            return new Shape(name + "(", nameHash.low64(), out);
        }
    };
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is required of every JVM", impossible);
        }
    });
    private static final ThreadLocal<Hash128> HASH = ThreadLocal.withInitial(Hash128::new);

    /** One component: its label in the text form and how to read it. */
    private record Component(String label, Records.Accessor accessor) {
    }

    /**
     * @param opening the text form's opening, name and parenthesis
     * @param id the binary form's name: a hash of the name and the component names
     * @param components in declaration order
     */
    private record Shape(String opening, long id, Component[] components) {
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
     * @return {@code v2:} and the 32 hex digits of the 128-bit hash of its binary canonical form
     */
    public static String of(Object command) {
        Hash128 hash = HASH.get();
        hash.reset();
        walk(command, hash);
        return hash.hex();
    }

    /**
     * Whether a recorded fingerprint is this command's: the one place fingerprints are compared, so
     * a change of their form stays in this class. A fingerprint of 0.1's form (64 hex digits of
     * SHA-256) is compared in that form.
     *
     * @param recorded the fingerprint stored with a key
     * @param command the command asked now
     * @return whether it is the same command
     */
    public static boolean matches(String recorded, Object command) {
        InvalidInputException.requireNonNull(recorded, "recorded");
        return recorded.startsWith(V2) ? recorded.equals(of(command)) : recorded.equals(legacy(command));
    }

    /**
     * The form 0.1 recorded: the hex SHA-256 of the text rendering.
     *
     * @param command a command record
     * @return its 0.1 fingerprint
     */
    static String legacy(Object command) {
        Text text = new Text();
        walk(command, text);
        return text.sha256();
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
        Text text = new Text();
        text.out.append("[dev.oms.spi.CommandKey(value=");
        text.string(key.value());
        text.out.append(";),]");
        return text.sha256();
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

    /** The one walk over a value; the two forms differ only in how each part is written. */
    private static void walk(Object value, Form out) {
        // the order of the checks is 0.1's: a value of several kinds is written as 0.1 wrote it
        if (value == null) {
            out.nil();
        } else if (value instanceof MonetaryAmount amount) {
            out.amount(amount.getCurrency().getCurrencyCode(),
                    amount.getNumber().numberValue(BigDecimal.class).stripTrailingZeros());
        } else if (value instanceof CurrencyUnit currency) {
            out.currency(currency.getCurrencyCode());
        } else if (value instanceof Optional<?> optional) {
            out.openOptional();
            walk(optional.orElse(null), out);
            out.closeOptional();
        } else if (value instanceof Collection<?> items) {
            out.openList(items.size());
            for (Object item : items) {
                walk(item, out);
                out.closeItem();
            }
            out.closeList();
        } else if (value instanceof Map<?, ?> map) {
            out.openMap(map.size());
            map.forEach((k, v) -> {
                walk(k, out);
                out.mapsTo();
                walk(v, out);
                out.closeItem();
            });
            out.closeMap();
        } else if (value instanceof Record) {
            Shape shape = SHAPES.get(value.getClass());
            out.openRecord(shape);
            for (Component component : shape.components()) {
                out.openComponent(component);
                walk(component.accessor().read(value), out);
                out.closeComponent();
            }
            out.closeRecord();
        } else if (value instanceof String s) {
            out.string(s);
        } else {
            out.scalar(value);
        }
    }

    /**
     * How the walk writes each part of a value. The closing marks and separators are the text
     * form's; the binary form needs none (counts and each record's fixed components delimit its
     * parts), so they do nothing unless a form writes them.
     */
    private interface Form {
        void nil();

        void string(String s);

        void openRecord(Shape shape);

        default void openComponent(Component component) {
        }

        default void closeComponent() {
        }

        default void closeRecord() {
        }

        void openOptional();

        default void closeOptional() {
        }

        void openList(int size);

        void openMap(int size);

        default void mapsTo() {
        }

        default void closeItem() {
        }

        default void closeList() {
        }

        default void closeMap() {
        }

        void amount(String currency, BigDecimal stripped);

        void currency(String code);

        /** Numbers, booleans, enums, instants and any other value, by its {@code toString()}. */
        void scalar(Object value);
    }

    /** 0.1's form: a text rendering, digested with SHA-256. */
    private static final class Text implements Form {
        final StringBuilder out = new StringBuilder(256);

        String sha256() {
            return HexFormat.of().formatHex(SHA_256.get().digest(out.toString().getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public void nil() {
            out.append("null");
        }

        @Override
        public void string(String s) {
            out.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }

        @Override
        public void openRecord(Shape shape) {
            out.append(shape.opening());
        }

        @Override
        public void openComponent(Component component) {
            out.append(component.label());
        }

        @Override
        public void closeComponent() {
            out.append(';');
        }

        @Override
        public void closeRecord() {
            out.append(')');
        }

        @Override
        public void openOptional() {
            out.append("opt(");
        }

        @Override
        public void closeOptional() {
            out.append(')');
        }

        @Override
        public void openList(int size) {
            out.append('[');
        }

        @Override
        public void openMap(int size) {
            out.append('{');
        }

        @Override
        public void mapsTo() {
            out.append('=');
        }

        @Override
        public void closeItem() {
            out.append(',');
        }

        @Override
        public void closeList() {
            out.append(']');
        }

        @Override
        public void closeMap() {
            out.append('}');
        }

        @Override
        public void amount(String currency, BigDecimal number) {
            // plain for every amount oms accepts; an unbounded one (refused later) is never expanded
            boolean plain = number.scale() <= 40 && (long) number.precision() - number.scale() <= 40;
            out.append(currency).append(' ').append(plain ? number.toPlainString() : number.toString());
        }

        @Override
        public void currency(String code) {
            out.append(code);
        }

        @Override
        public void scalar(Object value) {
            out.append(value);
        }
    }

    /**
     * This version's form: each part a tag and its content as 64-bit words, hashed as it is written
     * (nothing is buffered), with MurmurHash3 x64 128 over the words.
     */
    private static final class Hash128 implements Form {
        private static final long C1 = 0x87c37b91114253d5L;
        private static final long C2 = 0x4cf5ad432745937fL;
        private static final long NIL = 1;
        private static final long STRING = 2;
        private static final long RECORD = 3;
        private static final long OPTIONAL = 4;
        private static final long LIST = 5;
        private static final long MAP = 6;
        private static final long AMOUNT = 7;
        private static final long CURRENCY = 8;
        private static final long INTEGER = 9;
        private static final long BOOLEAN = 10;
        private static final long ENUM = 11;
        private static final long OTHER = 12;
        private static final byte[] PREFIX = V2.getBytes(StandardCharsets.ISO_8859_1);
        private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

        private long h1;
        private long h2;
        private long pending;
        private boolean hasPending;
        private long words;

        void reset() {
            h1 = 0;
            h2 = 0;
            pending = 0;
            hasPending = false;
            words = 0;
        }

        /** Adds one 64-bit word; every second one completes a 128-bit block. */
        void word(long k) {
            words++;
            if (!hasPending) {
                pending = k;
                hasPending = true;
                return;
            }
            hasPending = false;
            long k1 = pending * C1;
            k1 = Long.rotateLeft(k1, 31) * C2;
            h1 ^= k1;
            h1 = Long.rotateLeft(h1, 27) + h2;
            h1 = h1 * 5 + 0x52dce729;
            long k2 = k * C2;
            k2 = Long.rotateLeft(k2, 33) * C1;
            h2 ^= k2;
            h2 = Long.rotateLeft(h2, 31) + h1;
            h2 = h2 * 5 + 0x38495ab5;
        }

        private void chars(String s) {
            int n = s.length();
            word(n);
            int i = 0;
            for (; i + 4 <= n; i += 4) {
                word((long) s.charAt(i) | (long) s.charAt(i + 1) << 16 | (long) s.charAt(i + 2) << 32
                        | (long) s.charAt(i + 3) << 48);
            }
            if (i < n) {
                long last = 0;
                for (int shift = 0; i < n; i++, shift += 16) {
                    last |= (long) s.charAt(i) << shift;
                }
                word(last);
            }
        }

        /** Finishes the hash: the tail block, the length, the final mix (MurmurHash3's). */
        private void finish() {
            if (hasPending) {
                long k1 = pending * C1;
                k1 = Long.rotateLeft(k1, 31) * C2;
                h1 ^= k1;
                hasPending = false;
            }
            long length = words * 8;
            h1 ^= length;
            h2 ^= length;
            h1 += h2;
            h2 += h1;
            h1 = fmix(h1);
            h2 = fmix(h2);
            h1 += h2;
            h2 += h1;
        }

        private static long fmix(long k) {
            k ^= k >>> 33;
            k *= 0xff51afd7ed558ccdL;
            k ^= k >>> 33;
            k *= 0xc4ceb9fe1a85ec53L;
            k ^= k >>> 33;
            return k;
        }

        /** @return the low 64 bits of the finished hash (a record's name) */
        long low64() {
            finish();
            return h1;
        }

        /** @return the finished hash as a fingerprint: {@code v2:} and 32 hex digits */
        String hex() {
            finish();
            int at = PREFIX.length;
            byte[] out = new byte[at + 32];
            System.arraycopy(PREFIX, 0, out, 0, at);
            for (int i = 0; i < 16; i++) {
                out[at + i] = HEX[(int) (h1 >>> (60 - 4 * i)) & 0xf];
                out[at + 16 + i] = HEX[(int) (h2 >>> (60 - 4 * i)) & 0xf];
            }
            return new String(out, StandardCharsets.ISO_8859_1);
        }

        @Override
        public void nil() {
            word(NIL);
        }

        @Override
        public void string(String s) {
            word(STRING);
            chars(s);
        }

        @Override
        public void openRecord(Shape shape) {
            word(RECORD);
            word(shape.id());
        }

        @Override
        public void openOptional() {
            word(OPTIONAL);
        }

        @Override
        public void openList(int size) {
            word(LIST);
            word(size);
        }

        @Override
        public void openMap(int size) {
            word(MAP);
            word(size);
        }

        @Override
        public void amount(String currency, BigDecimal number) {
            word(AMOUNT);
            chars(currency);
            word(number.scale());
            if (number.unscaledValue().bitLength() < 63) {
                word(0);
                word(number.unscaledValue().longValueExact());
            } else {
                byte[] digits = number.unscaledValue().toByteArray();
                word(digits.length);
                for (byte b : digits) {
                    word(b);
                }
            }
        }

        @Override
        public void currency(String code) {
            word(CURRENCY);
            chars(code);
        }

        @Override
        public void scalar(Object value) {
            if (value instanceof Long || value instanceof Integer || value instanceof Short
                    || value instanceof Byte) {
                word(INTEGER);
                word(((Number) value).longValue());
            } else if (value instanceof Boolean b) {
                word(BOOLEAN);
                word(b ? 1 : 0);
            } else if (value instanceof Enum<?> e) {
                word(ENUM);
                chars(e.name());
            } else {
                word(OTHER);
                chars(value.toString());
            }
        }
    }
}
