package dev.oms.jdbc.internal;

import dev.oms.spi.internal.Records;
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
 * Turns the SPI's records (orders, events, reservations, fulfilment orders, returns) into JSON
 * text for a {@code jsonb} column, and back, without a JSON library: oms-jdbc's only runtime
 * dependency is the PostgreSQL driver.
 *
 * <p>Design: records are written component by component, by reflection on their record
 * components, and read back through their canonical constructor, so the validation of the
 * records runs again on every read (the reflection is oms-spi's {@code Records}, shared with the
 * JSON module). Values of a sealed interface carry {@code "@type"}, the
 * simple name of the permitted record; a name that is not one of the permitted subclasses is
 * refused, so a stored document can never instantiate an arbitrary class. Amounts are written as
 * {@code {"amount": "12.30", "currency": "EUR"}} with the decimal as a string (no binary floating
 * point); instants as ISO-8601 strings; maps as arrays of {@code [key, value]} pairs (keys are
 * often records). Only the types the SPI uses are supported; anything else is a programming error.
 * The reflective metadata is cached per class. Thread-safe.
 */
public final class RecordCodec {
    private RecordCodec() {
    }

    /**
     * @param value a record of the SPI (or a value it is made of)
     * @param declared the type the reader will ask for (decides whether a type tag is needed)
     * @return its JSON text
     */
    public static String write(Object value, Type declared) {
        StringBuilder out = new StringBuilder(256);
        write(value, declared, out);
        return out.toString();
    }

    /**
     * @param <T> the type
     * @param json text written by {@link #write}
     * @param type the type to read
     * @return the value
     */
    @SuppressWarnings("unchecked")
    public static <T> T read(String json, Class<T> type) {
        Parser p = new Parser(json);
        Object tree = p.value();
        p.end();
        return (T) decode(tree, type);
    }

    // ------------------------------------------------------------------ writing

    private static void write(Object value, Type declared, StringBuilder out) {
        if (value == null) {
            out.append("null");
            return;
        }
        Class<?> raw = rawClass(declared);
        if (value instanceof String s) {
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
            string(d.toPlainString(), out);
        } else if (value instanceof MonetaryAmount m) {
            out.append("{\"amount\":");
            string(m.getNumber().numberValue(BigDecimal.class).toPlainString(), out);
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
            out.append('{');
            boolean first = true;
            if (raw != record.getClass()) {
                out.append("\"@type\":");
                string(record.getClass().getSimpleName(), out);
                first = false;
            }
            for (RecordComponent c : Records.components(record.getClass())) {
                if (!first) {
                    out.append(',');
                }
                string(c.getName(), out);
                out.append(':');
                write(Records.value(record, c), c.getGenericType(), out);
                first = false;
            }
            out.append('}');
        } else {
            throw new IllegalArgumentException("no JSON form for " + value.getClass());
        }
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
    private static Object decode(Object tree, Type type) {
        Class<?> raw = rawClass(type);
        if (raw == Optional.class) {
            return tree == null ? Optional.empty() : Optional.of(decode(tree, typeArgument(type, 0)));
        }
        if (raw == OptionalLong.class) {
            return tree == null ? OptionalLong.empty() : OptionalLong.of(((BigDecimal) tree).longValueExact());
        }
        if (tree == null) {
            return null;
        }
        if (raw == String.class) {
            return (String) tree;
        }
        if (raw == long.class || raw == Long.class) {
            return ((BigDecimal) tree).longValueExact();
        }
        if (raw == int.class || raw == Integer.class) {
            return ((BigDecimal) tree).intValueExact();
        }
        if (raw == double.class || raw == Double.class) {
            return ((BigDecimal) tree).doubleValue();
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return (Boolean) tree;
        }
        if (raw.isEnum()) {
            return Enum.valueOf((Class<Enum>) raw, (String) tree);
        }
        if (raw == Instant.class) {
            return Instant.parse((String) tree);
        }
        if (raw == Duration.class) {
            return Duration.parse((String) tree);
        }
        if (raw == BigDecimal.class) {
            return new BigDecimal((String) tree);
        }
        if (raw == CurrencyUnit.class) {
            return Monetary.getCurrency((String) tree);
        }
        if (raw == MonetaryAmount.class) {
            Map<String, Object> m = (Map<String, Object>) tree;
            return Monetary.getDefaultAmountFactory().setCurrency((String) m.get("currency"))
                    .setNumber(new BigDecimal((String) m.get("amount"))).create();
        }
        if (Map.class.isAssignableFrom(raw)) {
            Map<Object, Object> map = new LinkedHashMap<>();
            for (Object pair : (List<Object>) tree) {
                List<Object> kv = (List<Object>) pair;
                map.put(decode(kv.get(0), typeArgument(type, 0)), decode(kv.get(1), typeArgument(type, 1)));
            }
            return map;
        }
        if (raw == List.class || raw == Set.class || raw == java.util.Collection.class) {
            List<Object> items = new ArrayList<>();
            for (Object item : (List<Object>) tree) {
                items.add(decode(item, typeArgument(type, 0)));
            }
            return raw == Set.class ? new LinkedHashSet<>(items) : items;
        }
        Map<String, Object> object = (Map<String, Object>) tree;
        Class<?> concrete = raw;
        if (!raw.isRecord()) {
            concrete = Records.permitted(raw).get((String) object.get("@type"));
            if (concrete == null) {
                throw new IllegalArgumentException("unknown type " + object.get("@type") + " for " + raw.getName());
            }
        }
        RecordComponent[] parts = Records.components(concrete);
        Object[] args = new Object[parts.length];
        for (int i = 0; i < parts.length; i++) {
            args[i] = decode(object.get(parts[i].getName()), parts[i].getGenericType());
        }
        return Records.create(concrete, args);
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

    /** A small, strict JSON parser: objects as maps, arrays as lists, numbers as BigDecimal. */
    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        Object value() {
            skip();
            char ch = peek();
            switch (ch) {
                case '{':
                    return object();
                case '[':
                    return array();
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

        private Map<String, Object> object() {
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
                map.put(key, value());
                skip();
                if (peek() == ',') {
                    at++;
                    continue;
                }
                expect('}');
                return map;
            }
        }

        private List<Object> array() {
            List<Object> list = new ArrayList<>();
            at++;
            skip();
            if (peek() == ']') {
                at++;
                return list;
            }
            while (true) {
                list.add(value());
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
                char ch = text.charAt(at++);
                if (ch == '"') {
                    return out.toString();
                }
                if (ch == '\\') {
                    char esc = text.charAt(at++);
                    switch (esc) {
                        case 'n' -> out.append('\n');
                        case 'r' -> out.append('\r');
                        case 't' -> out.append('\t');
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'u' -> {
                            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
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
                throw new IllegalArgumentException("unexpected '" + peek() + "' at " + at);
            }
            return new BigDecimal(text.substring(start, at));
        }

        private void literal(String word) {
            if (!text.startsWith(word, at)) {
                throw new IllegalArgumentException("expected " + word + " at " + at);
            }
            at += word.length();
        }

        private void expect(char ch) {
            if (peek() != ch) {
                throw new IllegalArgumentException("expected '" + ch + "' at " + at + " but found '" + peek() + "'");
            }
            at++;
        }

        private char peek() {
            if (at >= text.length()) {
                throw new IllegalArgumentException("unexpected end of JSON");
            }
            return text.charAt(at);
        }

        private void skip() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        void end() {
            skip();
            if (at != text.length()) {
                throw new IllegalArgumentException("trailing characters at " + at);
            }
        }
    }
}
