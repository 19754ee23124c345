package dev.oms.spi.inventory;

import dev.oms.spi.InvalidInputException;

/**
 * A SKU is not stocked at a location: no position was ever defined for it there.
 */
public class UnknownPositionException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final PositionKey position;

    /** @param position the undefined position */
    public UnknownPositionException(PositionKey position) {
        super("position", "SKU " + position.sku() + " is not stocked at location " + position.location());
        this.position = position;
    }

    /** @return the undefined position */
    public PositionKey position() {
        return position;
    }
}
