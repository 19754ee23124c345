package dev.oms.spi;

/**
 * A cancellation asked for units that are allocated to fulfilment (held by a fulfilment order or
 * a reservation). Cancelling them on the order alone would leave their stock held and let the
 * warehouse ship them, so the order refuses it: cancel through the order flow
 * ({@code OrderFlow.cancel}), which cancels the fulfilment orders, releases their stock and
 * settles the payment, or deallocate the units first.
 */
public class AllocatedUnitsException extends RuleViolationException {
    private static final long serialVersionUID = 1L;

    private final LineId lineId;
    private final long allocated;

    /**
     * @param orderId the order
     * @param lineId the line whose allocated units were to be cancelled
     * @param allocated how many of its units are allocated
     */
    public AllocatedUnitsException(OrderId orderId, LineId lineId, long allocated) {
        super(orderId, "cancel-unallocated-units", "line " + lineId + " has " + allocated
                + " units allocated to fulfilment; cancel them through OrderFlow.cancel, which cancels the "
                + "fulfilment orders, releases their stock and settles the payment, or deallocate them first");
        this.lineId = lineId;
        this.allocated = allocated;
    }

    /** @return the line */
    public LineId lineId() {
        return lineId;
    }

    /** @return its allocated units */
    public long allocated() {
        return allocated;
    }
}
