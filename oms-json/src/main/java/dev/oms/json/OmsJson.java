package dev.oms.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oms.json.internal.Codec;
import dev.oms.spi.InvalidInputException;

/**
 * A ready {@link ObjectMapper} with the {@link OmsJsonModule} and limits for untrusted input,
 * and typed errors: every refusal is a {@link JsonInputException} naming the JSON path.
 *
 * <p>Limits: nesting at most {@value #MAX_DEPTH} levels, a document at most {@value #MAX_BYTES}
 * characters, a string at most {@value #MAX_STRING} characters; trailing tokens and a key twice
 * in one object are refused.
 * Thread-safe.
 */
public final class OmsJson {
    /** Deepest nesting accepted. */
    public static final int MAX_DEPTH = 64;
    /** Largest document accepted, in characters. */
    public static final long MAX_BYTES = 2_000_000;
    /** Longest string accepted. */
    public static final int MAX_STRING = 100_000;

    private static final ObjectMapper MAPPER = newMapper();

    private OmsJson() {
    }

    /** @return a new mapper with the module and the limits (configure it further as you like) */
    public static ObjectMapper newMapper() {
        JsonFactory factory = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH).maxDocumentLength(MAX_BYTES).maxStringLength(MAX_STRING).build()).build();
        return new ObjectMapper(factory).registerModule(new OmsJsonModule())
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * @param value an oms value (or a host object holding them)
     * @return its JSON
     */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("writing JSON failed: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * @param <T> the type
     * @param json the text
     * @param type what to read
     * @return the value
     * @throws JsonInputException naming the JSON path of what is wrong
     */
    public static <T> T read(String json, Class<T> type) {
        InvalidInputException.requireNonNull(json, "json");
        InvalidInputException.requireNonNull(type, "type");
        try {
            return MAPPER.readValue(json, type);
        } catch (StreamConstraintsException tooBig) {
            throw new JsonInputException("$", "refused: " + tooBig.getOriginalMessage());
        } catch (JsonMappingException e) {
            throw typed(e);
        } catch (JsonProcessingException malformed) {
            throw new JsonInputException("$", "malformed JSON: " + malformed.getOriginalMessage() + location(malformed));
        } catch (InvalidInputException refused) {
            throw new JsonInputException(refused.field(), refused.problem());
        }
    }

    static JsonInputException typed(JsonMappingException e) {
        Throwable cause = e.getCause();
        while (cause != null && !(cause instanceof InvalidInputException)) {
            cause = cause.getCause();
        }
        if (cause instanceof InvalidInputException refused) {
            return new JsonInputException(refused.field(), refused.problem());
        }
        return new JsonInputException("$" + (e.getPathReference() == null ? "" : " " + e.getPathReference()),
                e.getOriginalMessage() + location(e));
    }

    private static String location(JsonProcessingException e) {
        return Codec.location(e.getLocation());
    }

    /**
     * JSON that oms refuses: malformed, too deep or too large, of an unknown type, or with a value a
     * record's validation refuses. {@link #field()} is the JSON path ({@code $.lines[1].quantity}).
     * Nothing was changed.
     */
    public static class JsonInputException extends InvalidInputException {
        private static final long serialVersionUID = 1L;

        /**
         * @param path the JSON path of the problem
         * @param problem what was wrong
         */
        public JsonInputException(String path, String problem) {
            super(path, problem);
        }
    }
}
