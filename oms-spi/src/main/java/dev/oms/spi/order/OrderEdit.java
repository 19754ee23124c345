package dev.oms.spi.order;

import dev.oms.spi.Address;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.Quantity;

/**
 * One change of an order edit. Edits are allowed only before fulfilment starts; several changes
 * are applied together, in order, or not at all.
 */
public sealed interface OrderEdit {
    /**
     * Adds a new line.
     *
     * @param line the line; its id must not be used in the order yet
     */
    record AddLine(NewLine line) implements OrderEdit {
        /** @throws InvalidInputException if the line is null */
        public AddLine {
            InvalidInputException.requireNonNull(line, "AddLine.line");
        }
    }

    /**
     * Removes a line that has nothing allocated or shipped. An order keeps at least one line with
     * open quantity; to drop everything, cancel the order.
     *
     * @param lineId the line
     */
    record RemoveLine(LineId lineId) implements OrderEdit {
        /** @throws InvalidInputException if the id is null */
        public RemoveLine {
            InvalidInputException.requireNonNull(lineId, "RemoveLine.lineId");
        }
    }

    /**
     * Sets a line's open quantity; the ordered quantity becomes cancelled plus the new open
     * quantity.
     *
     * @param lineId the line
     * @param openQuantity the new open quantity, {@code > 0}
     */
    record ChangeQuantity(LineId lineId, Quantity openQuantity) implements OrderEdit {
        /** @throws InvalidInputException if a field is null or the quantity zero */
        public ChangeQuantity {
            InvalidInputException.requireNonNull(lineId, "ChangeQuantity.lineId");
            Quantity.requirePositive(openQuantity, "ChangeQuantity.openQuantity");
        }
    }

    /**
     * Replaces the shipping address.
     *
     * @param address the new address
     */
    record ChangeShippingAddress(Address address) implements OrderEdit {
        /** @throws InvalidInputException if the address is null */
        public ChangeShippingAddress {
            InvalidInputException.requireNonNull(address, "ChangeShippingAddress.address");
        }
    }

    /**
     * Replaces the custom attributes of the order, or of one of its lines, with these (checked
     * against the host's definitions like a placement's). Changes no amount and no quantity.
     *
     * @param lineId the line whose attributes change; empty for the order's
     * @param attributes the new attributes, whole
     */
    record SetAttributes(java.util.Optional<LineId> lineId, Attributes attributes) implements OrderEdit {
        /** @throws InvalidInputException if a field is null */
        public SetAttributes {
            InvalidInputException.requireNonNull(lineId, "SetAttributes.lineId");
            InvalidInputException.requireNonNull(attributes, "SetAttributes.attributes");
        }
    }
}
