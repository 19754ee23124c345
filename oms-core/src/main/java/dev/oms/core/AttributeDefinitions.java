package dev.oms.core;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.InvalidInputException.AttributeRefusedException;
import dev.oms.spi.InvalidInputException.AttributeRefusedException.Problem;
import dev.oms.spi.order.Attributes;
import dev.oms.spi.order.Attributes.Type;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The custom attributes a host lets orders and lines carry: for each, its name, whether it
 * belongs to the order or to a line, its {@link Type}, whether it is required and, for a text, its
 * longest length. The decider checks every placement and every edit against them
 * ({@code OrderDecider.Builder.attributes}): an attribute nobody declared, a value of another
 * type, a text too long and a required attribute missing are each an
 * {@link AttributeRefusedException} naming the attribute and where it was, and nothing changes.
 * A host that declares none lets no attribute through ({@link #NONE}).
 *
 * <pre>{@code
 * AttributeDefinitions.of(
 *         Definition.required(Scope.ORDER, "po-number", Type.TEXT).maxLength(35),
 *         Definition.optional(Scope.ORDER, "rush", Type.BOOLEAN),
 *         Definition.optional(Scope.LINE, "engraving", Type.TEXT).maxLength(20));
 * }</pre>
 */
public final class AttributeDefinitions {
    /** No attribute declared: orders and lines carry none. */
    public static final AttributeDefinitions NONE = new AttributeDefinitions(List.of());

    private final Map<Scope, Map<String, Definition>> byScope = new java.util.EnumMap<>(Scope.class);

    private AttributeDefinitions(List<Definition> definitions) {
        for (Scope scope : Scope.values()) {
            byScope.put(scope, new LinkedHashMap<>());
        }
        for (Definition d : definitions) {
            InvalidInputException.requireNonNull(d, "definitions[]");
            if (byScope.get(d.scope()).putIfAbsent(d.name(), d) != null) {
                throw new InvalidInputException("definitions", "attribute " + d.name() + " of the " + d.scope()
                        + " is declared twice");
            }
        }
        byScope.replaceAll((scope, map) -> Collections.unmodifiableMap(map));
    }

    /**
     * @param definitions the attributes orders and lines may carry
     * @return them
     * @throws InvalidInputException if one is null or a name is declared twice for one scope
     */
    public static AttributeDefinitions of(Definition... definitions) {
        return new AttributeDefinitions(java.util.Arrays.asList(InvalidInputException.requireNonNull(definitions,
                "definitions")));
    }

    /** @return the declared attributes of a scope, by name */
    public Map<String, Definition> of(Scope scope) {
        return byScope.get(scope);
    }

    /**
     * Checks the attributes of an order or a line.
     *
     * @param scope whose attributes they are
     * @param attributes the attributes
     * @param field where they are, for errors ({@code "header.attributes"}, {@code "lines[2].attributes"})
     * @throws AttributeRefusedException if one is not declared, of another type or too long, or a
     *     required one is missing
     */
    public void check(Scope scope, Attributes attributes, String field) {
        Map<String, Definition> declared = byScope.get(scope);
        for (Map.Entry<String, Attributes.Value> a : attributes.values().entrySet()) {
            Definition d = declared.get(a.getKey());
            String at = field + "[" + a.getKey() + "]";
            if (d == null) {
                throw new AttributeRefusedException(at, a.getKey(), Problem.UNKNOWN, "is not declared for the "
                        + scope.name().toLowerCase(java.util.Locale.ROOT) + " (declared: " + declared.keySet() + ")");
            }
            if (a.getValue().type() != d.type()) {
                throw new AttributeRefusedException(at, a.getKey(), Problem.WRONG_TYPE, "must be " + d.type()
                        + ", was " + a.getValue().type());
            }
            if (a.getValue() instanceof Attributes.Text t && t.value().length() > d.maxLength()) {
                throw new AttributeRefusedException(at, a.getKey(), Problem.TOO_LONG, "longer than " + d.maxLength()
                        + " characters (" + t.value().length() + ")");
            }
        }
        for (Definition d : declared.values()) {
            if (d.required() && attributes.get(d.name()).isEmpty()) {
                throw new AttributeRefusedException(field + "[" + d.name() + "]", d.name(), Problem.REQUIRED_MISSING,
                        "is required");
            }
        }
    }

    /** Whose attribute it is. */
    public enum Scope {
        /** The order's ({@code OrderHeader.attributes}). */
        ORDER,
        /** A line's ({@code OrderLine.attributes}). */
        LINE
    }

    /**
     * One declared attribute.
     *
     * @param scope the order's or a line's
     * @param name its name (a code)
     * @param type its values' type
     * @param required whether every order (or every line) must carry it
     * @param maxLength for a text, its longest length (1 to {@value Attributes#MAX_TEXT_LENGTH});
     *     {@value Attributes#MAX_TEXT_LENGTH} for other types
     */
    public record Definition(Scope scope, String name, Type type, boolean required, int maxLength) {
        /** @throws InvalidInputException if a part is null, the name malformed or the length out of range */
        public Definition {
            InvalidInputException.requireNonNull(scope, "Definition.scope");
            InvalidInputException.requireCode(name, "Definition.name");
            InvalidInputException.requireNonNull(type, "Definition.type");
            if (maxLength < 1 || maxLength > Attributes.MAX_TEXT_LENGTH
                    || type != Type.TEXT && maxLength != Attributes.MAX_TEXT_LENGTH) {
                throw new InvalidInputException("Definition.maxLength", "must be between 1 and "
                        + Attributes.MAX_TEXT_LENGTH + ", and only a text attribute has one (was " + maxLength + ")");
            }
        }

        /** @return a required attribute */
        public static Definition required(Scope scope, String name, Type type) {
            return new Definition(scope, name, type, true, Attributes.MAX_TEXT_LENGTH);
        }

        /** @return an optional attribute */
        public static Definition optional(Scope scope, String name, Type type) {
            return new Definition(scope, name, type, false, Attributes.MAX_TEXT_LENGTH);
        }

        /**
         * @param length the longest text
         * @return this text attribute with that limit
         * @throws InvalidInputException if it is not a text or the length is out of range
         */
        public Definition maxLength(int length) {
            if (type != Type.TEXT) {
                throw new InvalidInputException("Definition.maxLength", "only a text attribute has one (" + name
                        + " is " + type + ")");
            }
            return new Definition(scope, name, type, required, length);
        }
    }
}
