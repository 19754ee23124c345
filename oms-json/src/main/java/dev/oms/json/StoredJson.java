package dev.oms.json;

import dev.oms.json.internal.Codec;
import dev.oms.spi.InvalidInputException;
import java.lang.reflect.Type;

/**
 * The storage form of oms' records, for persistence adapters: an order snapshot, an event, a
 * reservation, a fulfilment order, a return, a refund account or a process record as one JSON
 * text, and back. oms-jdbc keeps these texts in its {@code jsonb} columns; an adapter of your own
 * can keep them in any text or JSON column.
 *
 * <pre>{@code
 * String body = StoredJson.write(order, Order.class);
 * Order again = StoredJson.read(body, Order.class);       // equal to order, validated again
 * }</pre>
 *
 * <p>It is the same JSON as {@link OmsJsonModule} writes (one codec, on Jackson's streaming API):
 * typed ids as strings, amounts as {@code {"amount": "12.30", "currency": "EUR"}} with the decimal
 * as a string, {@code "@type"} on members of sealed families. A record written on its own carries
 * {@code "schemaVersion"} first ({@link #SCHEMA_VERSION}), every event its own (at most
 * {@link #EVENT_SCHEMA_VERSION}: 6 for an event that holds an order header, 5 for another that can
 * hold custom attributes, 4 for another that
 * holds a refund breakdown, a shipping charge or a payment method, 3 for one that holds an order
 * header, 2 for one that holds a line, 1 for the others, whose shape never changed). A reader upcasts an
 * older stored form to the current one
 * before decoding it and refuses a newer one, so data an older oms stored stays readable and an
 * older oms never misreads a newer one's data.
 *
 * <p>Reading refuses, with an {@link InvalidInputException} whose field is the JSON path: malformed
 * JSON, trailing text, a key twice in one object, nesting deeper than 128 levels, a JSON number
 * longer than 40 characters, a type name the expected type does not permit, and anything a
 * record's own validation refuses. Unknown fields are ignored. Thread-safe; no state.
 */
public final class StoredJson {
    /** The schema version written on a stored record. */
    public static final int SCHEMA_VERSION = Codec.SCHEMA_VERSION;
    /** The newest schema version an event is written with, wherever it is nested (see above). */
    public static final int EVENT_SCHEMA_VERSION = Codec.EVENT_SCHEMA_VERSION;

    private StoredJson() {
    }

    /**
     * @param value a record of the contract (or a value it is made of: a list of events, an id)
     * @param declared the type the reader will ask for (the sealed family for an event:
     *     {@code OrderEvent.class})
     * @return its JSON text
     * @throws IllegalArgumentException if the value has no JSON form (it is not oms' value)
     */
    public static String write(Object value, Type declared) {
        InvalidInputException.requireNonNull(declared, "declared");
        return Codec.write(value, declared);
    }

    /**
     * @param <T> the type
     * @param json the stored text
     * @param type the type to read (a record, or a sealed family such as {@code OrderEvent.class})
     * @return the value, validated by its record's constructor
     * @throws InvalidInputException naming the JSON path of what is wrong
     */
    public static <T> T read(String json, Class<T> type) {
        InvalidInputException.requireNonNull(type, "type");
        return Codec.read(json, type);
    }
}
