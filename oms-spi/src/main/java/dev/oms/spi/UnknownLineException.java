package dev.oms.spi;

/**
 * A command named a line the order does not have.
 */
public class UnknownLineException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final OrderId orderId;
    private final LineId lineId;

    /**
     * @param orderId the order
     * @param lineId the line it does not have
     */
    public UnknownLineException(OrderId orderId, LineId lineId) {
        super("lineId", "order " + orderId + " has no line " + lineId);
        this.orderId = orderId;
        this.lineId = lineId;
    }

    /** @return the order */
    public OrderId orderId() {
        return orderId;
    }

    /** @return the unknown line */
    public LineId lineId() {
        return lineId;
    }
}
