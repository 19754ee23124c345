package dev.oms.spi;

import dev.oms.spi.order.Order.Hold;
import java.util.List;
import javax.money.MonetaryAmount;

/**
 * A well-formed command that a business rule refuses in the order's current state, for example
 * releasing a hold that is not active or completing an order that is not fully delivered.
 *
 * <p>{@link #rule()} is a stable, kebab-case name of the rule (for example
 * {@code "hold-not-active"}) that hosts can switch on; the message explains it. The violations
 * with typed fields of their own are nested here.
 */
public class RuleViolationException extends OmsException {
    private static final long serialVersionUID = 1L;

    private final OrderId orderId;
    private final String rule;

    /**
     * @param orderId the order
     * @param rule the rule's stable name
     * @param message what the rule refused and why
     */
    public RuleViolationException(OrderId orderId, String rule, String message) {
        super("order " + orderId + ": " + message + " [rule " + rule + "]");
        this.orderId = orderId;
        this.rule = rule;
    }

    /** @return the order */
    public OrderId orderId() {
        return orderId;
    }

    /** @return the stable name of the rule that refused */
    public String rule() {
        return rule;
    }

    /**
     * A cancellation asked for units that are allocated to fulfilment (held by a fulfilment order or
     * a reservation). Cancelling them on the order alone would leave their stock held and let the
     * warehouse ship them, so the order refuses it: cancel through the order flow
     * ({@code OrderFlow.cancel}), which cancels the fulfilment orders, releases their stock and
     * settles the payment, or deallocate the units first.
     */
    public static class AllocatedUnitsException extends RuleViolationException {
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

    /**
     * Fulfilment (allocation or shipment) was asked of an order with active holds.
     */
    public static class OrderOnHoldException extends RuleViolationException {
        private static final long serialVersionUID = 1L;

        private final transient List<Hold> holds;

        /**
         * @param orderId the order
         * @param holds its active holds
         */
        public OrderOnHoldException(OrderId orderId, List<Hold> holds) {
            super(orderId, "no-fulfilment-on-hold", "fulfilment is blocked by active holds "
                    + holds.stream().map(h -> h.type() + "/" + h.code()).toList());
            this.holds = List.copyOf(holds);
        }

        /** @return the active holds */
        public List<Hold> holds() {
            return holds;
        }
    }

    /**
     * A capture above what is authorised and not yet captured or voided, or a refund above what is
     * captured and not yet refunded.
     */
    public static class PaymentLimitExceededException extends RuleViolationException {
        private static final long serialVersionUID = 1L;

        private final transient MonetaryAmount limit;
        private final transient MonetaryAmount requested;

        /**
         * @param orderId the order
         * @param rule {@code "capture-within-authorised"} or {@code "refund-within-captured"}
         * @param limit the most that could be captured or refunded now
         * @param requested the amount asked for
         */
        public PaymentLimitExceededException(OrderId orderId, String rule, MonetaryAmount limit,
                MonetaryAmount requested) {
            super(orderId, rule, requested + " requested but only " + limit + " is available");
            this.limit = limit;
            this.requested = requested;
        }

        /** @return the most that could be captured or refunded now */
        public MonetaryAmount limit() {
            return limit;
        }

        /** @return the amount asked for */
        public MonetaryAmount requested() {
            return requested;
        }
    }

    /**
     * A command would move more units out of a line's quantity bucket than the bucket holds, which
     * would break the line's sums (for example shipping more than is allocated).
     */
    public static class QuantityUnavailableException extends RuleViolationException {
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
}
