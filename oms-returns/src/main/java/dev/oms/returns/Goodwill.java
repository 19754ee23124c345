package dev.oms.returns;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.OrderId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.money.MonetaryAmount;

/**
 * Money a merchant gives back without units coming back (an item the customer keeps at a
 * discount, a late delivery, an apology), attributed to order lines or to the whole order. Given
 * with {@link ReturnService#grantGoodwill}; a later refund of the lines' units takes it back in
 * proportion, so a line's refunds and goodwill together never exceed one full refund of it.
 *
 * <p>Goodwill on the order is split over its lines by what their unrefunded units are still worth
 * (largest remainder). On a line it can be at most what the line's unrefunded units are still
 * worth (what refunding them all would give back, without shipping or fees) less goodwill given on
 * them before; in total at most what was captured and not yet refunded. A line with units not
 * shipped yet takes none (they could still be cancelled), and none is given where refunds are
 * rounded per refund; see the oms-returns README for every limit.
 *
 * @param orderId the order
 * @param reason why, a code the host chooses (for example {@code late-delivery})
 * @param onOrder the amount given on the whole order; empty if given on lines
 * @param onLines the amounts given on lines; empty if given on the order
 */
public record Goodwill(OrderId orderId, String reason, Optional<MonetaryAmount> onOrder, List<LineAmount> onLines) {
    /** @throws InvalidInputException if a field is null, not exactly one of the two is given, or an amount is not positive */
    public Goodwill {
        InvalidInputException.requireNonNull(orderId, "Goodwill.orderId");
        InvalidInputException.requireCode(reason, "Goodwill.reason");
        InvalidInputException.requireNonNull(onOrder, "Goodwill.onOrder");
        onLines = List.copyOf(InvalidInputException.requireNonNull(onLines, "Goodwill.onLines"));
        if (onOrder.isPresent() == !onLines.isEmpty()) {
            throw new InvalidInputException("Goodwill.onLines", "goodwill is given on the order or on lines, "
                    + "exactly one of the two");
        }
        onOrder.ifPresent(amount -> requirePositive(amount, "Goodwill.onOrder"));
        Set<LineId> seen = new HashSet<>();
        for (LineAmount line : onLines) {
            if (!seen.add(line.lineId())) {
                throw new InvalidInputException("Goodwill.onLines", "line " + line.lineId() + " appears twice");
            }
        }
    }

    /**
     * @param orderId the order
     * @param amount what is given, {@code > 0}
     * @param reason why, a code
     * @return goodwill on the whole order, split over its lines by what they are still worth
     */
    public static Goodwill onOrder(OrderId orderId, MonetaryAmount amount, String reason) {
        return new Goodwill(orderId, reason, Optional.of(InvalidInputException.requireNonNull(amount,
                "Goodwill.onOrder")), List.of());
    }

    /**
     * @param orderId the order
     * @param reason why, a code
     * @param lines what is given on each line
     * @return goodwill on those lines
     */
    public static Goodwill onLines(OrderId orderId, String reason, LineAmount... lines) {
        return new Goodwill(orderId, reason, Optional.empty(), List.of(lines));
    }

    /**
     * An amount given on one order line.
     *
     * @param lineId the order line
     * @param amount the amount, {@code > 0}
     */
    public record LineAmount(LineId lineId, MonetaryAmount amount) {
        /** @throws InvalidInputException if a field is null or the amount not positive */
        public LineAmount {
            InvalidInputException.requireNonNull(lineId, "LineAmount.lineId");
            requirePositive(amount, "LineAmount.amount");
        }

        /**
         * @param lineId the order line
         * @param amount the amount, {@code > 0}
         * @return it
         */
        public static LineAmount of(String lineId, MonetaryAmount amount) {
            return new LineAmount(LineId.of(lineId), amount);
        }
    }

    private static void requirePositive(MonetaryAmount amount, String field) {
        InvalidInputException.requireNonNull(amount, field);
        if (!amount.isPositive()) {
            throw new InvalidInputException(field, "goodwill must be more than zero (was " + amount + ")");
        }
    }
}
