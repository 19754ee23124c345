package dev.oms.spi.order;

import java.util.Optional;
import javax.money.MonetaryAmount;

/**
 * Which business orders wait for an approver: asked when an order with {@link B2bTerms} is
 * accepted, and again after each edit that raises its total, with its grand total. An order it names an approver for is put on an
 * {@link Order.HoldType#APPROVAL} hold whose code is the approver's reference; only that
 * approver's approval releases it, and that approver's rejection cancels the order
 * ({@link CancelReason#REJECTED_BY_APPROVER}). Side-effect free.
 */
@FunctionalInterface
public interface ApprovalPolicy {
    /** No order waits for approval: the default. */
    ApprovalPolicy NONE = (order, grandTotal) -> Optional.empty();

    /**
     * @param order the order as placed, or as an edit left it
     * @param grandTotal its grand total
     * @return the approver's reference (a code), if the order needs one's approval (above its
     *     buyer's limit, for example)
     */
    Optional<String> approverFor(Order order, MonetaryAmount grandTotal);
}
