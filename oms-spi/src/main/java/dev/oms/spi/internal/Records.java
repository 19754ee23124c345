package dev.oms.spi.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reflection on the SPI's records, for oms' one JSON codec (oms-json's internal codec, behind
 * {@code StoredJson} and {@code OmsJsonModule}): a record's components, its canonical constructor, and the records a sealed
 * type permits, by simple name. Only permitted records can ever be resolved from a type name, so
 * a document can never name an arbitrary class. Metadata is cached per class. Thread-safe.
 *
 * <p>Not part of the contract: exported only to oms' own modules.
 */
public final class Records {
    private static final Map<Class<?>, RecordComponent[]> COMPONENTS = new ConcurrentHashMap<>();
    private static final Map<Class<?>, Constructor<?>> CONSTRUCTORS = new ConcurrentHashMap<>();
    private static final Map<Class<?>, Map<String, Class<?>>> PERMITTED = new ConcurrentHashMap<>();

    private Records() {
    }

    /**
     * @param type a record class
     * @return its components, in declaration order
     * @throws IllegalArgumentException if it is not a record
     */
    public static RecordComponent[] components(Class<?> type) {
        return COMPONENTS.computeIfAbsent(type, t -> {
            if (!t.isRecord()) {
                throw new IllegalArgumentException(t + " is not a record");
            }
            return t.getRecordComponents();
        });
    }

    /**
     * Creates a record through its canonical constructor, so its validation runs.
     *
     * @param type a record class
     * @param args one value per component, in order
     * @return the record
     * @throws RuntimeException whatever the constructor throws (an {@code OmsException} for
     *     invalid values)
     */
    public static Object create(Class<?> type, Object[] args) {
        Constructor<?> constructor = CONSTRUCTORS.computeIfAbsent(type, t -> {
            RecordComponent[] parts = components(t);
            Class<?>[] types = new Class<?>[parts.length];
            for (int i = 0; i < parts.length; i++) {
                types[i] = parts[i].getType();
            }
            try {
                return t.getDeclaredConstructor(types);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("no canonical constructor on " + t, e);
            }
        });
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + type, e);
        }
    }

    /**
     * Reads one record component: by a method handle where the record type is public (as fast as
     * a direct call once compiled), by reflection otherwise. Thread-safe.
     */
    public static final class Accessor {
        private static final MethodType OBJECT_TO_OBJECT = MethodType.methodType(Object.class, Object.class);
        private static final ClassValue<Accessor[]> ACCESSORS = new ClassValue<>() {
            @Override
            protected Accessor[] computeValue(Class<?> type) {
                RecordComponent[] parts = components(type);
                Accessor[] out = new Accessor[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    out[i] = of(parts[i].getAccessor());
                }
                return out;
            }
        };
        private final MethodHandle handle;
        private final Method method;

        private Accessor(MethodHandle handle, Method method) {
            this.handle = handle;
            this.method = method;
        }

        private static Accessor of(Method method) {
            try {
                return new Accessor(MethodHandles.publicLookup().unreflect(method).asType(OBJECT_TO_OBJECT), method);
            } catch (IllegalAccessException notPublic) {
                return new Accessor(null, method);
            }
        }

        /**
         * @param type a record class
         * @return an accessor per component, in declaration order (not to be changed)
         */
        public static Accessor[] of(Class<?> type) {
            return ACCESSORS.get(type);
        }

        /**
         * @param record a record of the type this accessor was made for
         * @return the component's value
         */
        public Object read(Object record) {
            try {
                return handle != null ? (Object) handle.invokeExact(record) : method.invoke(record);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("cannot read " + method.getName() + " of "
                        + record.getClass().getName(), e instanceof InvocationTargetException t ? t.getCause() : e);
            }
        }
    }

    /**
     * @param sealed a sealed interface (or a record)
     * @return the records it permits, directly or through nested sealed interfaces, by simple name
     * @throws IllegalArgumentException if it permits no record
     * @throws IllegalStateException if two of its records share a simple name
     */
    public static Map<String, Class<?>> permitted(Class<?> sealed) {
        return PERMITTED.computeIfAbsent(sealed, t -> {
            Map<String, Class<?>> byName = new HashMap<>();
            collect(t, byName);
            if (byName.isEmpty()) {
                throw new IllegalArgumentException(t + " is neither a record nor a sealed interface of records");
            }
            return Map.copyOf(byName);
        });
    }

    private static void collect(Class<?> type, Map<String, Class<?>> into) {
        if (type.isRecord()) {
            Class<?> other = into.putIfAbsent(type.getSimpleName(), type);
            if (other != null && other != type) {
                throw new IllegalStateException("two records of one JSON family are named " + type.getSimpleName()
                        + " (" + other.getName() + " and " + type.getName() + "): a stored type name would "
                        + "be read as either; rename one");
            }
        } else if (type.isSealed()) {
            for (Class<?> sub : type.getPermittedSubclasses()) {
                collect(sub, into);
            }
        }
    }
}
