package dev.oms.spi;

/**
 * A command would move more units out of a line's quantity bucket than the bucket holds, which
 * would break the line's sums (for example shipping more than is allocated).
 */
public class QuantityUnavailableException extends RuleViolationException {
    private static final long serialVersionUID = 1L;

    private final LineId lineId;
    private final String bucket;
    private final long available;
    private final long requested;

    /**
     * @param orderId the order
     * @param lineId the line
     * @param bucket the bucket the units would leave (for example {@code "allocated"})
     * @param available units in that bucket
     * @param requested units asked for
     */
    public QuantityUnavailableException(OrderId orderId, LineId lineId, String bucket, long available,
            long requested) {
        super(orderId, "quantity-within-" + bucket,
                "line " + lineId + " has " + available + " " + bucket + " but " + requested + " were requested");
        this.lineId = lineId;
        this.bucket = bucket;
        this.available = available;
        this.requested = requested;
    }

    /** @return the line */
    public LineId lineId() {
        return lineId;
    }

    /** @return the bucket the units would leave */
    public String bucket() {
        return bucket;
    }

    /** @return units in that bucket */
    public long available() {
        return available;
    }

    /** @return units asked for */
    public long requested() {
        return requested;
    }
}
