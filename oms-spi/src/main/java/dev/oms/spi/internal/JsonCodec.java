package dev.oms.spi.internal;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.fulfillment.FulfillmentEvent;
import dev.oms.spi.inventory.InventoryEvent;
import dev.oms.spi.returns.ReturnEvent;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import javax.money.MonetaryAmount;

/**
 * The JSON form of the SPI's records (orders, events, reservations, fulfilment orders, returns):
 * one format, written and read without a JSON library, used by oms-jdbc for its {@code jsonb}
 * columns and by oms-json behind its Jackson module (which parses with Jackson's limits first).
 *
 * <ul>
 *   <li>Records are written component by component and read back through their canonical
 *       constructor (oms-spi's {@link Records}), so every record's validation runs again on read.</li>
 *   <li>A record that belongs to a sealed family carries {@code "@type"}: the simple name of the
 *       record. Every stored record carries {@code "schemaVersion"} at its top, and every event
 *       wherever it is nested; a form without one is version 1. A reader refuses a newer version
 *       and upcasts an older one to the current form before decoding it ({@code Upcasters}), so a
 *       record is read with the rules it was written under.
 *       On read, the name must be one of the records the expected type permits, so a document
 *       can never instantiate an arbitrary class, and an event of a newer schema version is
 *       refused rather than misread.</li>
 *   <li>Typed ids are strings, {@code Quantity} a number, amounts
 *       {@code {"amount": "12.30", "currency": "EUR"}} with the decimal as a string (no binary
 *       floating point, the scale kept exactly: plain notation, or {@code "1E+1"} for the rare
 *       negative scale), instants and durations ISO-8601 strings, {@code Optional}
 *       the value or {@code null}, maps arrays of {@code [key, value]} pairs.</li>
 *   <li>A key twice in one object is refused (which of the two a reader takes differs between
 *       JSON libraries, so a document could mean one thing to oms and another to its sender).
 *       Unknown fields are ignored (consumers of a newer producer keep working); a missing
 *       component reads as {@code null}, which the record's validation refuses unless it is
 *       optional.</li>
 * </ul>
 * Errors are {@link InvalidInputException}s whose field is the JSON path ({@code $.lines[1].sku}).
 * Thread-safe.
 */
public final class JsonCodec {
    /**
     * The schema version written on every stored record (and on every event, wherever it is
     * nested); a reader refuses a higher one and upcasts a lower one (see {@code Upcasters}).
     */
    public static final int SCHEMA_VERSION = Upcasters.CURRENT;
    /**
     * The schema version written on every event: still 1, as events kept their shape, so readers
     * of an older oms keep reading the events of a newer one during a rolling upgrade.
     */
    public static final int EVENT_SCHEMA_VERSION = Upcasters.EVENTS;
    private static final int MAX_DEPTH = 128;
    private static final Set<Class<?>> EVENT_FAMILIES = Set.of(OrderEvent.class, InventoryEvent.class,
            ReturnEvent.class, FulfillmentEvent.class);

    static {
        // every family's type names are checked when the codec loads, not when a document first names one
        for (Class<?> family : EVENT_FAMILIES) {
            Records.permitted(family);
        }
        Records.permitted(dev.oms.spi.process.ProcessInput.class);
        Records.permitted(dev.oms.spi.order.OrderEdit.class);
    }

    private JsonCodec() {
    }

    /**
     * @param value a record of the SPI (or a value it is made of)
     * @param declared the type the reader will ask for
     * @return its JSON text
     */
    public static String write(Object value, Type declared) {
        StringBuilder out = new StringBuilder(256);
        if (value instanceof Record record && !isId(record.getClass()) && !isCount(record.getClass())
                && !event(record.getClass())) {
            record(record, out, Upcasters.current(record.getClass())); // a stored record carries its version
        } else {
            write(value, declared, out);
        }
        return out.toString();
    }

    /**
     * @param <T> the type
     * @param json JSON text
     * @param type the type to read
     * @return the value
     * @throws InvalidInputException naming the JSON path of what is malformed, of an unknown
     *     type, or refused by a record's validation
     */
    @SuppressWarnings("unchecked")
    public static <T> T read(String json, Class<T> type) {
        Parser p = new Parser(InvalidInputException.requireNonNull(json, "json"));
        Object tree = p.value(0);
        p.end();
        if (tree instanceof Map<?, ?> object && !event(type)) {
            tree = Upcasters.upcast(type, version(object, "$", Upcasters.current(type)), tree);
        }
        return (T) decode(tree, type, "$");
    }

    /**
     * @param type a record class
     * @return whether values of it carry a type name (it belongs to a sealed family)
     */
    public static boolean tagged(Class<?> type) {
        for (Class<?> i : type.getInterfaces()) {
            if (i.isSealed()) {
                return true;
            }
        }
        return false;
    }

    /** @return whether the record is an event (order, inventory or return), which carries a schema version */
    public static boolean event(Class<?> type) {
        for (Class<?> family : EVENT_FAMILIES) {
            if (family.isAssignableFrom(type)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param object a stored record's form
     * @param path where it is, for an error
     * @param current the version this oms writes for it
     * @return its schema version: 1 if it carries none (written before versions), at most the current
     */
    private static int version(Map<?, ?> object, String path, int current) {
        Object version = object.get("schemaVersion");
        if (version == null) {
            return 1;
        }
        if (!(version instanceof BigDecimal v) || v.stripTrailingZeros().scale() > 0 || v.compareTo(BigDecimal.ONE) < 0) {
            throw new InvalidInputException(path + ".schemaVersion", describe(version) + " is not a schema version");
        }
        if (v.compareTo(BigDecimal.valueOf(current)) > 0) {
            throw new InvalidInputException(path + ".schemaVersion", "version " + describe(version)
                    + " is newer than the " + current + " this oms reads");
        }
        return v.intValueExact();
    }

    /** @return whether the type is a typed id: a record of one {@code String value} */
    static boolean isId(Class<?> type) {
        if (!type.isRecord()) {
            return false;
        }
        RecordComponent[] c = Records.components(type);
        return c.length == 1 && c[0].getName().equals("value") && c[0].getType() == String.class;
    }

    /** @return whether the type is a count: a record of one {@code long value} ({@code Quantity}) */
    static boolean isCount(Class<?> type) {
        if (!type.isRecord()) {
            return false;
        }
        RecordComponent[] c = Records.components(type);
        return c.length == 1 && c[0].getName().equals("value") && c[0].getType() == long.class;
    }

    // ------------------------------------------------------------------ writing

    private static void write(Object value, Type declared, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(s, out);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            out.append(value);
        } else if (value instanceof Double d) {
            out.append(Double.toString(d));
        } else if (value instanceof Enum<?> e) {
            string(e.name(), out);
        } else if (value instanceof Instant || value instanceof Duration) {
            string(value.toString(), out);
        } else if (value instanceof BigDecimal d) {
            string(decimal(d), out);
        } else if (value instanceof MonetaryAmount m) {
            out.append("{\"amount\":");
            string(decimal(m.getNumber().numberValue(BigDecimal.class)), out);
            out.append(",\"currency\":");
            string(m.getCurrency().getCurrencyCode(), out);
            out.append('}');
        } else if (value instanceof CurrencyUnit c) {
            string(c.getCurrencyCode(), out);
        } else if (value instanceof Optional<?> o) {
            write(o.orElse(null), typeArgument(declared, 0), out);
        } else if (value instanceof OptionalLong o) {
            out.append(o.isPresent() ? Long.toString(o.getAsLong()) : "null");
        } else if (value instanceof Map<?, ?> map) {
            out.append('[');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(first ? "[" : ",[");
                write(e.getKey(), typeArgument(declared, 0), out);
                out.append(',');
                write(e.getValue(), typeArgument(declared, 1), out);
                out.append(']');
                first = false;
            }
            out.append(']');
        } else if (value instanceof Iterable<?> items) {
            out.append('[');
            boolean first = true;
            for (Object item : items) {
                if (!first) {
                    out.append(',');
                }
                write(item, typeArgument(declared, 0), out);
                first = false;
            }
            out.append(']');
        } else if (value instanceof Record record) {
            Class<?> type = record.getClass();
            if (isId(type)) {
                string((String) Records.value(record, Records.components(type)[0]), out);
                return;
            }
            if (isCount(type)) {
                out.append(Records.value(record, Records.components(type)[0]));
                return;
            }
            record(record, out, 0);
        } else {
            throw new IllegalArgumentException("no JSON form for " + value.getClass());
        }
    }

    /** A record as an object; {@code version} above 0 is written first, as its schema version. */
    private static void record(Record record, StringBuilder out, int version) {
        Class<?> type = record.getClass();
        out.append('{');
        boolean first = true;
        if (version > 0) {
            out.append("\"schemaVersion\":").append(version);
            first = false;
        }
        if (tagged(type)) {
            out.append(first ? "" : ",").append("\"@type\":");
            string(type.getSimpleName(), out);
            if (event(type)) {
                out.append(",\"schemaVersion\":").append(EVENT_SCHEMA_VERSION);
            }
            first = false;
        }
        for (RecordComponent c : Records.components(type)) {
            if (!first) {
                out.append(',');
            }
            string(c.getName(), out);
            out.append(':');
            write(Records.value(record, c), c.getGenericType(), out);
            first = false;
        }
        out.append('}');
    }

    /** Plain notation ({@code "12.30"}), which keeps the scale; a negative scale keeps it as {@code "1E+1"}. */
    private static String decimal(BigDecimal d) {
        return d.scale() >= 0 ? d.toPlainString() : d.toString();
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        out.append('"');
    }

    // ------------------------------------------------------------------ reading

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object decode(Object tree, Type type, String path) {
        Class<?> raw = rawClass(type);
        if (raw == Optional.class) {
            return tree == null ? Optional.empty() : Optional.of(decode(tree, typeArgument(type, 0), path));
        }
        if (raw == OptionalLong.class) {
            return tree == null ? OptionalLong.empty() : OptionalLong.of(as(tree, BigDecimal.class, path, "a number")
                    .longValueExact());
        }
        if (tree == null) {
            return null;
        }
        try {
            if (raw == String.class) {
                return as(tree, String.class, path, "a string");
            }
            if (raw == long.class || raw == Long.class) {
                return as(tree, BigDecimal.class, path, "a whole number").longValueExact();
            }
            if (raw == int.class || raw == Integer.class) {
                return as(tree, BigDecimal.class, path, "a whole number").intValueExact();
            }
            if (raw == double.class || raw == Double.class) {
                return as(tree, BigDecimal.class, path, "a number").doubleValue();
            }
            if (raw == boolean.class || raw == Boolean.class) {
                return as(tree, Boolean.class, path, "true or false");
            }
            if (raw.isEnum()) {
                return Enum.valueOf((Class<Enum>) raw, as(tree, String.class, path, "a name"));
            }
            if (raw == Instant.class) {
                return Instant.parse(as(tree, String.class, path, "an ISO-8601 instant"));
            }
            if (raw == Duration.class) {
                return Duration.parse(as(tree, String.class, path, "an ISO-8601 duration"));
            }
            if (raw == BigDecimal.class) {
                return dev.oms.spi.Amounts.parseDecimal(as(tree, String.class, path, "a decimal string"), path);
            }
            if (raw == CurrencyUnit.class) {
                return Monetary.getCurrency(as(tree, String.class, path, "a currency code"));
            }
            if (raw == MonetaryAmount.class) {
                Map<String, Object> m = as(tree, Map.class, path, "an amount object");
                return Monetary.getDefaultAmountFactory()
                        .setCurrency(as(m.get("currency"), String.class, path + ".currency", "a currency code"))
                        .setNumber(dev.oms.spi.Amounts.parseDecimal(as(m.get("amount"), String.class, path
                                + ".amount", "a decimal string"), path + ".amount")).create();
            }
        } catch (ArithmeticException | NumberFormatException | java.time.DateTimeException
                | javax.money.MonetaryException e) {
            throw new InvalidInputException(path, "malformed value: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(path, e.getMessage());
        }
        if (Map.class.isAssignableFrom(raw)) {
            Map<Object, Object> map = new LinkedHashMap<>();
            List<Object> pairs = as(tree, List.class, path, "an array of [key, value] pairs");
            for (int i = 0; i < pairs.size(); i++) {
                List<Object> kv = as(pairs.get(i), List.class, path + "[" + i + "]", "a [key, value] pair");
                if (kv.size() != 2) {
                    throw new InvalidInputException(path + "[" + i + "]", "a pair has two elements");
                }
                map.put(decode(kv.get(0), typeArgument(type, 0), path + "[" + i + "][0]"),
                        decode(kv.get(1), typeArgument(type, 1), path + "[" + i + "][1]"));
            }
            return map;
        }
        if (raw == List.class || raw == Set.class || raw == java.util.Collection.class) {
            List<Object> items = new ArrayList<>();
            List<Object> array = as(tree, List.class, path, "an array");
            for (int i = 0; i < array.size(); i++) {
                items.add(decode(array.get(i), typeArgument(type, 0), path + "[" + i + "]"));
            }
            return raw == Set.class ? new LinkedHashSet<>(items) : items;
        }
        if (raw.isRecord() && isId(raw)) {
            return Records.create(raw, new Object[] {as(tree, String.class, path, "a string id")});
        }
        if (raw.isRecord() && isCount(raw)) {
            return Records.create(raw, new Object[] {as(tree, BigDecimal.class, path, "a whole number")
                    .longValueExact()});
        }
        Map<String, Object> object = as(tree, Map.class, path, "an object");
        Class<?> concrete = raw;
        Object name = object.get("@type");
        if (!raw.isRecord()) {
            if (!(name instanceof String typeName)) {
                throw new InvalidInputException(path + ".@type", "names one of " + new java.util.TreeSet<>(
                        Records.permitted(raw).keySet()));
            }
            concrete = Records.permitted(raw).get(typeName);
            if (concrete == null) {
                throw new InvalidInputException(path + ".@type", "unknown type '" + typeName + "'; expected one of "
                        + new java.util.TreeSet<>(Records.permitted(raw).keySet()));
            }
        } else if (name != null && tagged(raw) && !raw.getSimpleName().equals(name)) {
            throw new InvalidInputException(path + ".@type", "is '" + name + "' but " + raw.getSimpleName()
                    + " was expected");
        }
        if (event(concrete)) {
            object = (Map<String, Object>) Upcasters.upcast(concrete, version(object, path, EVENT_SCHEMA_VERSION), object);
        }
        RecordComponent[] parts = Records.components(concrete);
        Object[] args = new Object[parts.length];
        for (int i = 0; i < parts.length; i++) {
            args[i] = decode(object.get(parts[i].getName()), parts[i].getGenericType(), path + "." + parts[i].getName());
        }
        try {
            return Records.create(concrete, args);
        } catch (InvalidInputException refused) {
            String own = concrete.getSimpleName();
            String field = refused.field();
            // "Hold.reason" from the record's own check is "$.holds[0].reason"; "Hold" is "$.holds[0]"
            String at = field.equals(own) ? "" : field.startsWith(own + ".") ? field.substring(own.length())
                    : "." + field;
            throw new InvalidInputException(path + at, refused.problem());
        } catch (RuntimeException refused) {
            throw new InvalidInputException(path, refused.getMessage() == null ? refused.toString()
                    : refused.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T as(Object tree, Class<T> type, String path, String expected) {
        if (!type.isInstance(tree)) {
            throw new InvalidInputException(path, "expected " + expected + " but found " + describe(tree));
        }
        return (T) tree;
    }

    private static String describe(Object tree) {
        if (tree == null) {
            return "null";
        }
        if (tree instanceof Map) {
            return "an object";
        }
        if (tree instanceof List) {
            return "an array";
        }
        return tree instanceof String ? "a string" : tree.toString();
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType p) {
            return p.getActualTypeArguments()[index];
        }
        return Object.class;
    }

    /** A small, strict JSON parser: objects as maps, arrays as lists, numbers as BigDecimal; depth limited. */
    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        Object value(int depth) {
            if (depth > MAX_DEPTH) {
                throw new InvalidInputException("$", "nested deeper than " + MAX_DEPTH + " levels");
            }
            skip();
            char ch = peek();
            switch (ch) {
                case '{':
                    return object(depth);
                case '[':
                    return array(depth);
                case '"':
                    return string();
                case 't':
                    literal("true");
                    return Boolean.TRUE;
                case 'f':
                    literal("false");
                    return Boolean.FALSE;
                case 'n':
                    literal("null");
                    return null;
                default:
                    return number();
            }
        }

        private Map<String, Object> object(int depth) {
            Map<String, Object> map = new LinkedHashMap<>();
            at++;
            skip();
            if (peek() == '}') {
                at++;
                return map;
            }
            while (true) {
                skip();
                String key = string();
                skip();
                expect(':');
                if (map.containsKey(key)) {
                    throw malformed("the key \"" + key + "\" a second time in one object");
                }
                map.put(key, value(depth + 1));
                skip();
                if (peek() == ',') {
                    at++;
                    continue;
                }
                expect('}');
                return map;
            }
        }

        private List<Object> array(int depth) {
            List<Object> list = new ArrayList<>();
            at++;
            skip();
            if (peek() == ']') {
                at++;
                return list;
            }
            while (true) {
                list.add(value(depth + 1));
                skip();
                if (peek() == ',') {
                    at++;
                    continue;
                }
                expect(']');
                return list;
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char ch = peekAndAdvance();
                if (ch == '"') {
                    return out.toString();
                }
                if (ch == '\\') {
                    char esc = peekAndAdvance();
                    switch (esc) {
                        case 'n' -> out.append('\n');
                        case 'r' -> out.append('\r');
                        case 't' -> out.append('\t');
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'u' -> {
                            if (at + 4 > text.length()) {
                                throw malformed("a truncated \\u escape");
                            }
                            try {
                                out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                            } catch (NumberFormatException e) {
                                throw malformed("a malformed \\u escape");
                            }
                            at += 4;
                        }
                        default -> out.append(esc);
                    }
                } else {
                    out.append(ch);
                }
            }
        }

        private BigDecimal number() {
            int start = at;
            while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
            if (start == at) {
                throw malformed("'" + peek() + "'");
            }
            if (at - start > dev.oms.spi.Amounts.MAX_DECIMAL_LENGTH) {
                throw malformed("a number of " + (at - start) + " characters");
            }
            try {
                return new BigDecimal(text.substring(start, at));
            } catch (NumberFormatException e) {
                throw malformed("a malformed number");
            }
        }

        private void literal(String word) {
            if (!text.startsWith(word, at)) {
                throw malformed("something that is not " + word);
            }
            at += word.length();
        }

        private void expect(char ch) {
            if (peek() != ch) {
                throw malformed("'" + peek() + "' where '" + ch + "' belongs");
            }
            at++;
        }

        private char peek() {
            if (at >= text.length()) {
                throw new InvalidInputException("$", "malformed JSON: it ends too early");
            }
            return text.charAt(at);
        }

        private char peekAndAdvance() {
            char ch = peek();
            at++;
            return ch;
        }

        private InvalidInputException malformed(String found) {
            return new InvalidInputException("$", "malformed JSON: " + found + " at character " + at);
        }

        private void skip() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        void end() {
            skip();
            if (at != text.length()) {
                throw malformed("trailing characters");
            }
        }
    }
}
