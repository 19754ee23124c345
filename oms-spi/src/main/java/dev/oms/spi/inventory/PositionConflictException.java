package dev.oms.spi.inventory;

import dev.oms.spi.OmsException;

/**
 * A change expected a position's on-hand count that is no longer the stored one (a count raced a
 * shipment). Nothing was written; read the position again and decide again.
 */
public class PositionConflictException extends OmsException {
    private static final long serialVersionUID = 1L;

    private final PositionKey position;
    private final long expectedOnHand;
    private final long actualOnHand;

    /**
     * @param position the position
     * @param expectedOnHand the on hand the change was based on
     * @param actualOnHand the stored on hand
     */
    public PositionConflictException(PositionKey position, long expectedOnHand, long actualOnHand) {
        super("position " + position + " changed concurrently: expected on hand " + expectedOnHand + " but it is "
                + actualOnHand);
        this.position = position;
        this.expectedOnHand = expectedOnHand;
        this.actualOnHand = actualOnHand;
    }

    /** @return the position */
    public PositionKey position() {
        return position;
    }

    /** @return the on hand the change was based on */
    public long expectedOnHand() {
        return expectedOnHand;
    }

    /** @return the stored on hand */
    public long actualOnHand() {
        return actualOnHand;
    }
}
