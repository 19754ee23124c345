package dev.oms.json.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.oms.spi.internal.Records;
import java.io.IOException;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import javax.money.CurrencyUnit;
import javax.money.MonetaryAmount;

/** Writes oms' values to a {@link JsonGenerator} in {@link Codec}'s form. */
final class Encoder {
    private Encoder() {
    }

    static void value(Object value, Type declared, JsonGenerator g) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Integer i) {
            g.writeNumber(i);
        } else if (value instanceof Long l) {
            g.writeNumber(l);
        } else if (value instanceof Double d) {
            g.writeNumber(d);
        } else if (value instanceof Enum<?> e) {
            g.writeString(e.name());
        } else if (value instanceof Instant || value instanceof Duration || value instanceof java.time.LocalDate) {
            g.writeString(value.toString());
        } else if (value instanceof BigDecimal d) {
            g.writeString(decimal(d));
        } else if (value instanceof MonetaryAmount m) {
            g.writeStartObject();
            g.writeStringField("amount", decimal(m.getNumber().numberValue(BigDecimal.class)));
            g.writeStringField("currency", m.getCurrency().getCurrencyCode());
            g.writeEndObject();
        } else if (value instanceof CurrencyUnit c) {
            g.writeString(c.getCurrencyCode());
        } else if (value instanceof Optional<?> o) {
            value(o.orElse(null), Decoder.typeArgument(declared, 0), g);
        } else if (value instanceof OptionalLong o) {
            if (o.isPresent()) {
                g.writeNumber(o.getAsLong());
            } else {
                g.writeNull();
            }
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartArray();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeStartArray();
                value(e.getKey(), Decoder.typeArgument(declared, 0), g);
                value(e.getValue(), Decoder.typeArgument(declared, 1), g);
                g.writeEndArray();
            }
            g.writeEndArray();
        } else if (value instanceof Iterable<?> items) {
            g.writeStartArray();
            for (Object item : items) {
                value(item, Decoder.typeArgument(declared, 0), g);
            }
            g.writeEndArray();
        } else if (value instanceof Record record) {
            Shape shape = Shape.of(record.getClass());
            if (shape.isId()) {
                g.writeString((String) shape.accessors()[0].read(record));
            } else if (shape.isCount()) {
                g.writeNumber((long) shape.accessors()[0].read(record));
            } else {
                record(record, g, 0);
            }
        } else {
            throw new IllegalArgumentException("no JSON form for " + value.getClass());
        }
    }

    /** A record as an object; {@code version} above 0 is written first, as its schema version. */
    static void record(Record record, JsonGenerator g, int version) throws IOException {
        Class<?> type = record.getClass();
        Shape shape = Shape.of(type);
        g.writeStartObject();
        if (version > 0) {
            g.writeNumberField("schemaVersion", version);
        }
        if (shape.isTagged()) {
            g.writeStringField("@type", type.getSimpleName());
            if (shape.isEvent()) {
                g.writeNumberField("schemaVersion", Upcasters.current(type));
            }
        }
        Records.Accessor[] accessors = shape.accessors();
        Type[] types = shape.types();
        String[] names = shape.names();
        for (int i = 0; i < accessors.length; i++) {
            g.writeFieldName(names[i]);
            value(accessors[i].read(record), types[i], g);
        }
        g.writeEndObject();
    }

    /** Plain notation ({@code "12.30"}), which keeps the scale; a negative scale keeps it as {@code "1E+1"}. */
    private static String decimal(BigDecimal d) {
        return d.scale() >= 0 ? d.toPlainString() : d.toString();
    }
}
