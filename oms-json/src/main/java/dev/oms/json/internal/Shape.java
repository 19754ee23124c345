package dev.oms.json.internal;

import dev.oms.spi.internal.Records;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;

/**
 * What the codec needs to know of a class, worked out once per class: whether it is a record, a
 * typed id or a count, whether it carries a type name or is an event, and its components' names
 * and declared types in order.
 */
final class Shape {
    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return new Shape(type);
        }
    };

    private final boolean record;
    private final boolean id;
    private final boolean count;
    private final boolean tagged;
    private final boolean event;
    private final Records.Accessor[] accessors;
    private final String[] names;
    private final Type[] types;

    private Shape(Class<?> type) {
        record = type.isRecord();
        RecordComponent[] components = record ? Records.components(type) : new RecordComponent[0];
        accessors = record ? Records.Accessor.of(type) : new Records.Accessor[0];
        names = new String[components.length];
        types = new Type[components.length];
        for (int i = 0; i < components.length; i++) {
            names[i] = components[i].getName();
            types[i] = components[i].getGenericType();
        }
        tagged = Codec.sealedMember(type);
        // a member of a sealed family is an object with its type name, whatever its components
        boolean single = components.length == 1 && names[0].equals("value") && !tagged;
        id = single && components[0].getType() == String.class;
        count = single && components[0].getType() == long.class;
        event = Codec.eventFamily(type);
    }

    /** @return the shape of the class */
    static Shape of(Class<?> type) {
        return SHAPES.get(type);
    }

    boolean isRecord() {
        return record;
    }

    /** @return whether it is a typed id: a record of one {@code String value} */
    boolean isId() {
        return id;
    }

    /** @return whether it is a count: a record of one {@code long value} ({@code Quantity}) */
    boolean isCount() {
        return count;
    }

    /** @return whether values of it carry a type name (a record of a sealed family) */
    boolean isTagged() {
        return tagged;
    }

    /** @return whether it is an event, which carries a schema version wherever it is nested */
    boolean isEvent() {
        return event;
    }

    /** @return how to read each component, in order (not to be changed) */
    Records.Accessor[] accessors() {
        return accessors;
    }

    /** @return the components' names in order (not to be changed) */
    String[] names() {
        return names;
    }

    /** @return the components' declared types in order (not to be changed) */
    Type[] types() {
        return types;
    }
}
