package dev.oms.json.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.oms.spi.Amounts;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.internal.Currencies;
import dev.oms.spi.internal.Records;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
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
import javax.money.MonetaryAmount;

/**
 * Reads oms' values in {@link Codec}'s form: the parser's tokens become plain values (a key twice
 * refused, depth limited), then values are built from them by the type asked for, every record
 * through its canonical constructor.
 */
final class Decoder {
    private Decoder() {
    }

    /**
     * The value at the parser's current token as plain values: objects as maps (a key twice
     * refused), arrays as lists, numbers as {@code BigDecimal}.
     */
    static Object tree(JsonParser p, int depth) throws IOException {
        JsonToken token = p.currentToken();
        if (depth >= Codec.MAX_DEPTH && token != null && token.isStructStart()) {
            throw new InvalidInputException("$", "nested deeper than " + Codec.MAX_DEPTH + " levels");
        }
        if (token == null) {
            throw new InvalidInputException("$", "malformed JSON: it ends too early");
        }
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> object = new LinkedHashMap<>();
                for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
                    if (object.containsKey(key)) {
                        throw malformed("the key \"" + key + "\" a second time in one object", p);
                    }
                    p.nextToken();
                    object.put(key, tree(p, depth + 1));
                }
                return object;
            }
            case START_ARRAY: {
                List<Object> array = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    array.add(tree(p, depth + 1));
                }
                return array;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return p.getDecimalValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw malformed("'" + token.asString() + "' where a value belongs", p);
        }
    }

    static InvalidInputException malformed(String found, JsonParser p) {
        return new InvalidInputException("$", "malformed JSON: " + found
                + Codec.location(p.currentLocation()));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Object decode(Object tree, Type type, JsonPath path) {
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
            if (raw == java.time.LocalDate.class) {
                return java.time.LocalDate.parse(as(tree, String.class, path, "an ISO-8601 date"));
            }
            if (raw == Duration.class) {
                return Duration.parse(as(tree, String.class, path, "an ISO-8601 duration"));
            }
            if (raw == BigDecimal.class) {
                return decimal(as(tree, String.class, path, "a decimal string"), path);
            }
            if (raw == CurrencyUnit.class) {
                return Currencies.of(as(tree, String.class, path, "a currency code"));
            }
            if (raw == MonetaryAmount.class) {
                Map<String, Object> m = as(tree, Map.class, path, "an amount object");
                CurrencyUnit currency = Currencies.of(as(m.get("currency"), String.class, path.field("currency"),
                        "a currency code"));
                JsonPath amount = path.field("amount");
                return Amounts.of(decimal(as(m.get("amount"), String.class, amount, "a decimal string"), amount),
                        currency);
            }
        } catch (ArithmeticException | NumberFormatException | java.time.DateTimeException
                | javax.money.MonetaryException e) {
            throw new InvalidInputException(path.toString(), "malformed value: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(path.toString(), e.getMessage());
        }
        if (Map.class.isAssignableFrom(raw)) {
            Map<Object, Object> map = new LinkedHashMap<>();
            List<Object> pairs = as(tree, List.class, path, "an array of [key, value] pairs");
            for (int i = 0; i < pairs.size(); i++) {
                JsonPath at = path.index(i);
                List<Object> kv = as(pairs.get(i), List.class, at, "a [key, value] pair");
                if (kv.size() != 2) {
                    throw new InvalidInputException(at.toString(), "a pair has two elements");
                }
                map.put(decode(kv.get(0), typeArgument(type, 0), at.index(0)),
                        decode(kv.get(1), typeArgument(type, 1), at.index(1)));
            }
            return map;
        }
        if (raw == List.class || raw == Set.class || raw == java.util.Collection.class) {
            List<Object> array = as(tree, List.class, path, "an array");
            List<Object> items = new ArrayList<>(array.size());
            Type element = typeArgument(type, 0);
            for (int i = 0; i < array.size(); i++) {
                items.add(decode(array.get(i), element, path.index(i)));
            }
            return raw == Set.class ? new LinkedHashSet<>(items) : items;
        }
        Shape shape = Shape.of(raw);
        if (shape.isId() || shape.isCount()) {
            Object value = shape.isId() ? as(tree, String.class, path, "a string id")
                    : as(tree, BigDecimal.class, path, "a whole number");
            try {
                // the value type's own check names itself ("Quantity"); the caller needs the path
                return Records.create(raw, new Object[] {value instanceof BigDecimal n ? n.longValueExact() : value});
            } catch (InvalidInputException refused) {
                throw new InvalidInputException(path.toString(), refused.problem());
            } catch (ArithmeticException notWhole) {
                throw new InvalidInputException(path.toString(), "expected a whole number but found " + value);
            }
        }
        Map<String, Object> object = as(tree, Map.class, path, "an object");
        Class<?> concrete = raw;
        Object name = object.get("@type");
        if (!shape.isRecord()) {
            if (!(name instanceof String typeName)) {
                throw new InvalidInputException(path + ".@type", "names one of " + new java.util.TreeSet<>(
                        Records.permitted(raw).keySet()));
            }
            concrete = Records.permitted(raw).get(typeName);
            if (concrete == null) {
                throw new InvalidInputException(path + ".@type", "unknown type '" + typeName + "'; expected one of "
                        + new java.util.TreeSet<>(Records.permitted(raw).keySet()));
            }
            shape = Shape.of(concrete);
        } else if (name != null && shape.isTagged() && !raw.getSimpleName().equals(name)) {
            throw new InvalidInputException(path + ".@type", "is '" + name + "' but " + raw.getSimpleName()
                    + " was expected");
        }
        if (shape.isEvent()) {
            int version = Codec.version(object, path, Upcasters.current(concrete));
            object = (Map<String, Object>) Upcasters.upcast(concrete, version, object);
        }
        String[] names = shape.names();
        Type[] types = shape.types();
        Object[] args = new Object[names.length];
        for (int i = 0; i < names.length; i++) {
            args[i] = decode(object.get(names[i]), types[i], path.field(names[i]));
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
            throw new InvalidInputException(path.toString(), refused.getMessage() == null ? refused.toString()
                    : refused.getMessage());
        }
    }

    /** {@link Amounts#parseDecimal}, naming the path only if the text is refused. */
    private static BigDecimal decimal(String text, JsonPath path) {
        try {
            return Amounts.parseDecimal(text, "");
        } catch (InvalidInputException refused) {
            throw new InvalidInputException(path.toString(), refused.problem());
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T as(Object tree, Class<T> type, JsonPath path, String expected) {
        if (!type.isInstance(tree)) {
            throw new InvalidInputException(path.toString(), "expected " + expected + " but found " + describe(tree));
        }
        return (T) tree;
    }

    static String describe(Object tree) {
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

    static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType p) {
            return p.getActualTypeArguments()[index];
        }
        return Object.class;
    }
}
