package dev.oms.json.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.oms.spi.Amounts;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.fulfillment.FulfillmentEvent;
import dev.oms.spi.internal.Records;
import dev.oms.spi.inventory.InventoryEvent;
import dev.oms.spi.returns.ReturnEvent;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * oms' one JSON codec, on Jackson's streaming API: the form of every contract record (orders,
 * events, reservations, fulfilment orders, returns, process records), written to a
 * {@link JsonGenerator} and read from a {@link JsonParser}. The storage form (oms-jdbc's
 * {@code jsonb} columns, through {@code StoredJson}) and the API form ({@code OmsJsonModule} on a
 * host's {@code ObjectMapper}) are both this code.
 *
 * <ul>
 *   <li>Records are written component by component and read back through their canonical
 *       constructor (oms-spi's {@link Records}), so every record's validation runs again on read.</li>
 *   <li>A record that belongs to a sealed family carries {@code "@type"}: the simple name of the
 *       record. Every stored record carries {@code "schemaVersion"} at its top, and every event
 *       wherever it is nested; a form without one is version 1. A reader refuses a newer version
 *       and upcasts an older one to the current form before decoding it ({@link Upcasters}), so a
 *       record is read with the rules it was written under. On read, the name must be one of the
 *       records the expected type permits, so a document can never instantiate an arbitrary
 *       class.</li>
 *   <li>Typed ids are strings, {@code Quantity} a number, amounts
 *       {@code {"amount": "12.30", "currency": "EUR"}} with the decimal as a string (no binary
 *       floating point, the scale kept exactly: plain notation, or {@code "1E+1"} for the rare
 *       negative scale), instants and durations ISO-8601 strings, {@code Optional}
 *       the value or {@code null}, maps arrays of {@code [key, value]} pairs.</li>
 *   <li>A key twice in one object is refused whatever the parser's settings (which of the two a
 *       reader takes differs between JSON libraries, so a document could mean one thing to oms and
 *       another to its sender). Nesting deeper than {@value #MAX_DEPTH} levels is refused, and a
 *       JSON number longer than {@link Amounts#MAX_DECIMAL_LENGTH} characters. Unknown fields are
 *       ignored (consumers of a newer producer keep working); a missing component reads as
 *       {@code null}, which the record's validation refuses unless it is optional.</li>
 * </ul>
 * Errors are {@link InvalidInputException}s whose field is the JSON path ({@code $.lines[1].sku}).
 * Thread-safe.
 */
public final class Codec {
    /**
     * The schema version written on every stored record (and on every event, wherever it is
     * nested); a reader refuses a higher one and upcasts a lower one (see {@link Upcasters}).
     */
    public static final int SCHEMA_VERSION = Upcasters.CURRENT;
    /**
     * The newest schema version an event is written with: 3 for an event that holds an order
     * header or a refund breakdown (pricing, refund notes), 2 for one that holds another line, a
     * shipping charge or a refund line (their tax shapes changed); every other event kept its
     * shape and is still written as 1, so readers of an older oms keep reading it during a
     * rolling upgrade.
     */
    public static final int EVENT_SCHEMA_VERSION = Upcasters.EVENTS;
    /** Deepest nesting a document may have. */
    public static final int MAX_DEPTH = 128;
    private static final JsonFactory FACTORY = JsonFactory.builder().streamReadConstraints(StreamReadConstraints
            .builder().maxNestingDepth(MAX_DEPTH).maxNumberLength(Amounts.MAX_DECIMAL_LENGTH).build()).build();
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

    private Codec() {
    }

    /**
     * @param value a record of the SPI (or a value it is made of)
     * @param declared the type the reader will ask for
     * @return its JSON text
     */
    public static String write(Object value, Type declared) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(value, declared, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a string writer does not fail
        }
        return out.toString();
    }

    /**
     * Writes a value as the top of a document: a record that is not an id, a count or an event
     * carries its schema version first.
     *
     * @param value a record of the SPI (or a value it is made of)
     * @param declared the type the reader will ask for
     * @param g where to write
     * @throws IOException if the generator's target fails
     */
    public static void write(Object value, Type declared, JsonGenerator g) throws IOException {
        if (value instanceof Record record && !isId(record.getClass()) && !isCount(record.getClass())
                && !event(record.getClass())) {
            Encoder.record(record, g, Upcasters.current(record.getClass())); // a stored record carries its version
        } else {
            Encoder.value(value, declared, g);
        }
    }

    /**
     * @param <T> the type
     * @param json JSON text: one value and nothing after it
     * @param type the type to read
     * @return the value
     * @throws InvalidInputException naming the JSON path of what is malformed, of an unknown
     *     type, or refused by a record's validation
     */
    public static <T> T read(String json, Class<T> type) {
        InvalidInputException.requireNonNull(json, "json");
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() == null) {
                throw new InvalidInputException("$", "malformed JSON: it ends too early");
            }
            Object tree = Decoder.tree(p, 0);
            if (p.nextToken() != null) {
                throw Decoder.malformed("trailing characters", p);
            }
            return type.cast(decodeTop(tree, type));
        } catch (StreamConstraintsException tooBig) {
            throw new InvalidInputException("$", "refused: " + tooBig.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("$", "malformed JSON: " + e.getOriginalMessage() + location(e.getLocation()));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a string reader does not fail
        }
    }

    /**
     * Reads the value at the parser's current token (and nothing after it), for a Jackson
     * deserializer. The host's parser applies its own limits; this codec's depth and key rules
     * apply too.
     *
     * @param p a parser at the value's first token
     * @param type the type to read
     * @return the value
     * @throws IOException if the parser fails
     * @throws InvalidInputException as {@link #read(String, Class)}
     */
    public static Object read(JsonParser p, Class<?> type) throws IOException {
        return decodeTop(Decoder.tree(p, 0), type);
    }

    /**
     * @param at where in a document, or null
     * @return {@code " (line L, column C)"}, or nothing if the place is unknown
     */
    public static String location(JsonLocation at) {
        return at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    private static Object decodeTop(Object tree, Class<?> type) {
        Object current = tree;
        if (tree instanceof Map<?, ?> object && !event(type)) {
            current = Upcasters.upcast(type, version(object, "$", Upcasters.current(type)), tree);
        }
        return Decoder.decode(current, type, JsonPath.ROOT);
    }

    /**
     * @param type a record class
     * @return whether values of it carry a type name (it belongs to a sealed family)
     */
    static boolean tagged(Class<?> type) {
        return Shape.of(type).isTagged();
    }

    static boolean sealedMember(Class<?> type) {
        for (Class<?> i : type.getInterfaces()) {
            if (i.isSealed()) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param type a record class or family
     * @return whether it is an event (order, inventory, fulfilment or return), which carries a
     *     schema version wherever it is nested
     */
    public static boolean event(Class<?> type) {
        return Shape.of(type).isEvent();
    }

    static boolean eventFamily(Class<?> type) {
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
    static int version(Map<?, ?> object, Object path, int current) {
        Object version = object.get("schemaVersion");
        if (version == null) {
            return 1;
        }
        if (!(version instanceof BigDecimal v) || v.stripTrailingZeros().scale() > 0 || v.compareTo(BigDecimal.ONE) < 0) {
            throw new InvalidInputException(path + ".schemaVersion", Decoder.describe(version) + " is not a schema version");
        }
        if (v.compareTo(BigDecimal.valueOf(current)) > 0) {
            throw new InvalidInputException(path + ".schemaVersion", "version " + Decoder.describe(version)
                    + " is newer than the " + current + " this oms reads");
        }
        return v.intValueExact();
    }

    /** @return whether the type is a typed id: a record of one {@code String value} */
    public static boolean isId(Class<?> type) {
        return Shape.of(type).isId();
    }

    /** @return whether the type is a count: a record of one {@code long value} ({@code Quantity}) */
    static boolean isCount(Class<?> type) {
        return Shape.of(type).isCount();
    }
}
