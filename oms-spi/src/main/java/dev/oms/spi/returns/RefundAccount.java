package dev.oms.spi.returns;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.OrderId;
import java.util.HashMap;
import java.util.Map;

/**
 * What has been refunded of an order so far, per line, in units: the counter that makes partial
 * refunds exact. A line's money is split over its units cumulatively (the first {@code r} of
 * {@code n} units are worth the floor of {@code r/n} of the line, all {@code n} are worth all
 * of it), so partial refunds always add up to one full refund to the minor unit. Refunds of one
 * order must therefore be counted one after another: the store saves this account with a
 * version check, together with the return whose refund it counts.
 *
 * @param orderId the order
 * @param version the stored version; 0 if nothing was refunded yet
 * @param lines per order line, what was refunded
 */
public record RefundAccount(OrderId orderId, long version, Map<LineId, RefundedUnits> lines) {
    /** @throws InvalidInputException if a field is null or the version negative */
    public RefundAccount {
        InvalidInputException.requireNonNull(orderId, "RefundAccount.orderId");
        if (version < 0) {
            throw new InvalidInputException("RefundAccount.version", "must not be negative (was " + version + ")");
        }
        lines = Map.copyOf(InvalidInputException.requireNonNull(lines, "RefundAccount.lines"));
    }

    /**
     * @param orderId the order
     * @return the account of an order with nothing refunded
     */
    public static RefundAccount empty(OrderId orderId) {
        return new RefundAccount(orderId, 0, Map.of());
    }

    /**
     * @param lineId an order line
     * @return what was refunded of it
     */
    public RefundedUnits of(LineId lineId) {
        return lines.getOrDefault(lineId, RefundedUnits.NONE);
    }

    /**
     * @param lineId the line
     * @param more what a new refund adds
     * @return the account after it, at the next version
     */
    public RefundAccount plus(LineId lineId, RefundedUnits more) {
        Map<LineId, RefundedUnits> next = new HashMap<>(lines);
        next.put(lineId, of(lineId).plus(more));
        return new RefundAccount(orderId, version, next);
    }

    /** @return this account at the next version */
    public RefundAccount next() {
        return new RefundAccount(orderId, version + 1, lines);
    }

    /**
     * Units of one line refunded so far, counted per part of the refund that applies to some
     * refunds and not others.
     *
     * @param units units whose price and tax were refunded
     * @param shippingUnits units whose share of the original shipping was refunded
     * @param feeUnits units a percentage restocking fee was charged on
     */
    public record RefundedUnits(long units, long shippingUnits, long feeUnits) {
        /** Nothing refunded. */
        public static final RefundedUnits NONE = new RefundedUnits(0, 0, 0);

        /** @throws InvalidInputException if a count is negative */
        public RefundedUnits {
            if (units < 0 || shippingUnits < 0 || feeUnits < 0) {
                throw new InvalidInputException("RefundedUnits", "counts must not be negative");
            }
        }

        /** @return the sum of both */
        public RefundedUnits plus(RefundedUnits more) {
            return new RefundedUnits(units + more.units, shippingUnits + more.shippingUnits, feeUnits + more.feeUnits);
        }
    }
}
