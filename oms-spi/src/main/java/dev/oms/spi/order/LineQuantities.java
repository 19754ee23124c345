package dev.oms.spi.order;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.Quantity;

/**
 * The buckets of one line's quantity. They always add up:
 * <pre>
 * ordered   = cancelled + open
 * open      = unallocated + allocated + shipped
 * shipped   = inTransit + delivered + lost
 * delivered &gt;= returned
 * </pre>
 * The constructor refuses any combination that breaks a sum, so an instance is always
 * consistent. Moves between buckets return a new instance and throw
 * {@link dev.oms.spi.InvalidQuantityException} if the source bucket is too small; oms-core checks
 * first and reports a {@link dev.oms.spi.QuantityUnavailableException} that names the order and
 * line.
 *
 * @param ordered units the customer ordered (changed only by an edit)
 * @param cancelled units cancelled
 * @param unallocated open units not yet assigned to a location
 * @param allocated open units assigned to a location, not yet shipped
 * @param inTransit units shipped and not yet delivered
 * @param delivered units delivered
 * @param returned delivered units that came back
 * @param lost shipped units the carrier lost (recorded when the merchant settles the claim)
 */
public record LineQuantities(Quantity ordered, Quantity cancelled, Quantity unallocated, Quantity allocated,
        Quantity inTransit, Quantity delivered, Quantity returned, Quantity lost) {
    /**
     * @throws InvalidInputException if a bucket is null or the sums do not hold
     */
    public LineQuantities {
        InvalidInputException.requireNonNull(ordered, "LineQuantities.ordered");
        InvalidInputException.requireNonNull(cancelled, "LineQuantities.cancelled");
        InvalidInputException.requireNonNull(unallocated, "LineQuantities.unallocated");
        InvalidInputException.requireNonNull(allocated, "LineQuantities.allocated");
        InvalidInputException.requireNonNull(inTransit, "LineQuantities.inTransit");
        InvalidInputException.requireNonNull(delivered, "LineQuantities.delivered");
        InvalidInputException.requireNonNull(returned, "LineQuantities.returned");
        InvalidInputException.requireNonNull(lost, "LineQuantities.lost");
        Quantity sum = cancelled.plus(unallocated).plus(allocated).plus(inTransit).plus(delivered).plus(lost);
        if (!sum.equals(ordered)) {
            throw new InvalidInputException("LineQuantities", "ordered " + ordered
                    + " != cancelled + unallocated + allocated + inTransit + delivered + lost = " + sum);
        }
        if (returned.isGreaterThan(delivered)) {
            throw new InvalidInputException("LineQuantities",
                    "returned " + returned + " exceeds delivered " + delivered);
        }
    }

    /**
     * A freshly ordered line: everything open and unallocated.
     *
     * @param ordered units ordered
     * @return the buckets
     */
    public static LineQuantities ordered(Quantity ordered) {
        return new LineQuantities(ordered, Quantity.ZERO, ordered, Quantity.ZERO, Quantity.ZERO, Quantity.ZERO,
                Quantity.ZERO, Quantity.ZERO);
    }

    /** @return ordered minus cancelled: the units the customer still gets */
    public Quantity open() {
        return ordered.minus(cancelled);
    }

    /** @return in transit plus delivered plus lost */
    public Quantity shipped() {
        return inTransit.plus(delivered).plus(lost);
    }

    /** @return delivered plus lost: the open units that will not move any more (all of them once complete) */
    public Quantity settled() {
        return delivered.plus(lost);
    }

    /** @return open units that have not shipped: unallocated plus allocated */
    public Quantity unshipped() {
        return unallocated.plus(allocated);
    }

    /**
     * @param fromUnallocated units cancelled from unallocated
     * @param fromAllocated units cancelled from allocated (their reservation must be released)
     * @return the buckets after the cancellation
     */
    public LineQuantities cancel(Quantity fromUnallocated, Quantity fromAllocated) {
        return new LineQuantities(ordered, cancelled.plus(fromUnallocated).plus(fromAllocated),
                unallocated.minus(fromUnallocated), allocated.minus(fromAllocated), inTransit, delivered, returned, lost);
    }

    /** @return the buckets after moving {@code q} from unallocated to allocated */
    public LineQuantities allocate(Quantity q) {
        return new LineQuantities(ordered, cancelled, unallocated.minus(q), allocated.plus(q), inTransit, delivered,
                returned, lost);
    }

    /** @return the buckets after moving {@code q} from allocated back to unallocated */
    public LineQuantities deallocate(Quantity q) {
        return new LineQuantities(ordered, cancelled, unallocated.plus(q), allocated.minus(q), inTransit, delivered,
                returned, lost);
    }

    /** @return the buckets after moving {@code q} from allocated to in transit */
    public LineQuantities ship(Quantity q) {
        return new LineQuantities(ordered, cancelled, unallocated, allocated.minus(q), inTransit.plus(q), delivered,
                returned, lost);
    }

    /** @return the buckets after moving {@code q} from in transit to delivered */
    public LineQuantities deliver(Quantity q) {
        return new LineQuantities(ordered, cancelled, unallocated, allocated, inTransit.minus(q), delivered.plus(q),
                returned, lost);
    }

    /** @return the buckets after moving {@code q} from in transit to lost */
    public LineQuantities lose(Quantity q) {
        return new LineQuantities(ordered, cancelled, unallocated, allocated, inTransit.minus(q), delivered, returned,
                lost.plus(q));
    }

    /** @return the buckets after {@code q} delivered units came back */
    public LineQuantities markReturned(Quantity q) {
        return new LineQuantities(ordered, cancelled, unallocated, allocated, inTransit, delivered, returned.plus(q),
                lost);
    }

    /**
     * An edit of the open quantity: the ordered quantity becomes cancelled plus the new open
     * quantity, and only unallocated units change. Units already allocated or shipped stay as
     * they are, so the new open quantity must be at least their sum.
     *
     * @param newOpen the new open quantity
     * @return the buckets after the edit
     * @throws InvalidInputException if the new open quantity is below the allocated and shipped units
     */
    public LineQuantities resizeOpen(Quantity newOpen) {
        Quantity fulfilling = allocated.plus(shipped());
        if (fulfilling.isGreaterThan(newOpen)) {
            throw new InvalidInputException("LineQuantities", "the open quantity cannot go below the " + fulfilling
                    + " units allocated or shipped (was to be " + newOpen + ")");
        }
        return new LineQuantities(cancelled.plus(newOpen), cancelled, newOpen.minus(fulfilling), allocated, inTransit,
                delivered, returned, lost);
    }
}
