package dev.oms.spi.inventory;

import dev.oms.spi.InvalidInputException;

/**
 * What caused a movement, for audit: an order, a reservation, a shipment, a return, a count, a
 * receipt.
 *
 * @param type the kind of document
 * @param id its id
 */
public record Reference(Type type, String id) {
    /** The kinds of document a movement refers to. */
    public enum Type {
        /** An order. */
        ORDER,
        /** A reservation. */
        RESERVATION,
        /** A shipment. */
        SHIPMENT,
        /** A return. */
        RETURN,
        /** A stock count. */
        COUNT,
        /** A receipt (purchase order, transfer). */
        RECEIPT
    }

    /** @throws InvalidInputException if a field is null or the id blank */
    public Reference {
        InvalidInputException.requireNonNull(type, "Reference.type");
        InvalidInputException.requireCode(id, "Reference.id");
    }

    /**
     * @param type the kind of document
     * @param id its id
     * @return the reference
     */
    public static Reference of(Type type, String id) {
        return new Reference(type, id);
    }

    @Override
    public String toString() {
        return type.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
    }
}
