package dev.oms.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.deser.KeyDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.Serializers;
import dev.oms.json.OmsJson.JsonInputException;
import dev.oms.json.internal.Codec;
import dev.oms.spi.internal.Records;
import java.io.IOException;
import javax.money.CurrencyUnit;
import javax.money.MonetaryAmount;

/**
 * The Jackson module hosts register on their {@code ObjectMapper} to read and write oms' values:
 * orders, lines, addresses, typed ids, reservations, fulfilment orders, returns and every domain
 * event.
 *
 * <pre>{@code
 * ObjectMapper mapper = new ObjectMapper().registerModule(new OmsJsonModule());
 * String json = mapper.writeValueAsString(order);
 * OrderEvent event = mapper.readValue(text, OrderEvent.class);
 * }</pre>
 *
 * <p>The JSON is oms' one format for its records (shared with oms-jdbc): typed ids as strings,
 * amounts as {@code {"amount": "12.30", "currency": "EUR"}} with the decimal as a string and its
 * scale kept, instants as ISO-8601 strings, members of sealed families with {@code "@type"}, events
 * with {@code "schemaVersion"} too. No polymorphic default typing is involved: a type name is
 * resolved only among the records the expected type permits, so only known event types are read,
 * and a record's own validation runs on every read. The values are read from the mapper's
 * parser (with its stream constraints on depth and size) by the same codec that writes the
 * stored form ({@link StoredJson}). A value oms
 * refuses surfaces as a {@link JsonInputException} naming the JSON path (Jackson may wrap it in
 * its own {@code JsonMappingException}; {@link OmsJson} unwraps it).
 *
 * <p>The module handles oms' types only (records and sealed interfaces of {@code dev.oms},
 * {@code MonetaryAmount} and {@code CurrencyUnit}) and leaves the rest of the host's mapping
 * alone. Thread-safe.
 */
public final class OmsJsonModule extends SimpleModule {
    private static final long serialVersionUID = 1L;

    /** Creates the module. */
    public OmsJsonModule() {
        super("oms", Version.unknownVersion());
    }

    static boolean handles(Class<?> raw) {
        if (MonetaryAmount.class.isAssignableFrom(raw) || CurrencyUnit.class.isAssignableFrom(raw)) {
            return true;
        }
        if (raw.getPackageName().startsWith("dev.oms.")) {
            return raw.isRecord() || raw.isSealed() && raw.isInterface();
        }
        return false;
    }

    private static Class<?> codecType(Class<?> raw) {
        if (MonetaryAmount.class.isAssignableFrom(raw)) {
            return MonetaryAmount.class;
        }
        if (CurrencyUnit.class.isAssignableFrom(raw)) {
            return CurrencyUnit.class;
        }
        return raw;
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        context.addSerializers(new Serializers.Base() {
            @Override
            public JsonSerializer<?> findSerializer(SerializationConfig config, JavaType type, BeanDescription beanDesc) {
                return handles(type.getRawClass()) ? new CodecSerializer(codecType(type.getRawClass())) : null;
            }
        });
        context.addDeserializers(new Deserializers.Base() {
            @Override
            public JsonDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config,
                    BeanDescription beanDesc) {
                return handles(type.getRawClass()) ? new CodecDeserializer(codecType(type.getRawClass())) : null;
            }

            @Override
            public boolean hasDeserializerFor(DeserializationConfig config, Class<?> valueType) {
                return handles(valueType);
            }
        });
        context.addKeySerializers(new Serializers.Base() {
            @Override
            public JsonSerializer<?> findSerializer(SerializationConfig config, JavaType type, BeanDescription beanDesc) {
                return isId(type.getRawClass()) ? new IdKeySerializer() : null;
            }
        });
        context.addKeyDeserializers(new KeyDeserializers() {
            @Override
            public KeyDeserializer findKeyDeserializer(JavaType type, DeserializationConfig config,
                    BeanDescription beanDesc) {
                Class<?> raw = type.getRawClass();
                return isId(raw) ? new IdKeyDeserializer(raw) : null;
            }
        });
    }

    private static boolean isId(Class<?> raw) {
        return raw.getPackageName().startsWith("dev.oms.") && Codec.isId(raw);
    }

    /** Writes a value in oms' JSON form. */
    private static final class CodecSerializer extends JsonSerializer<Object> {
        private final Class<?> type;

        CodecSerializer(Class<?> type) {
            this.type = type;
        }

        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            Codec.write(value, type, gen);
        }
    }

    /** Reads a value in oms' JSON form from the mapper's parser (within its limits). */
    private static final class CodecDeserializer extends JsonDeserializer<Object> {
        private final Class<?> type;

        CodecDeserializer(Class<?> type) {
            this.type = type;
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return Codec.read(p, type);
        }

        @Override
        public Object getNullValue(DeserializationContext ctxt) {
            return null;
        }
    }

    /** Typed ids from map keys. */
    private static final class IdKeyDeserializer extends KeyDeserializer {
        private final Class<?> type;

        IdKeyDeserializer(Class<?> type) {
            this.type = type;
        }

        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) {
            return Records.create(type, new Object[] {key});
        }
    }

    /** Typed ids as map keys: their bare value. */
    private static final class IdKeySerializer extends JsonSerializer<Object> {
        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            Record id = (Record) value;
            gen.writeFieldName((String) Records.Accessor.of(id.getClass())[0].read(id));
        }
    }
}
