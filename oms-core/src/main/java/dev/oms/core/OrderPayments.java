package dev.oms.core;

import dev.oms.core.OrderService.CommandResult;
import dev.oms.core.TransitionTable.IllegalTransitionException;
import dev.oms.spi.CommandKey;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.OmsException;
import dev.oms.spi.OrderId;
import dev.oms.spi.PaymentReference;
import dev.oms.spi.RuleViolationException;
import dev.oms.spi.order.Order;
import dev.oms.spi.payment.PaymentGateway;
import dev.oms.spi.payment.PaymentGateway.PaymentRequest;
import dev.oms.spi.payment.PaymentGateway.PaymentResult;
import dev.oms.spi.payment.StoreCreditGateway;
import java.util.Optional;
import java.util.function.Function;
import javax.money.MonetaryAmount;

/**
 * Moves money through the host's {@link PaymentGateway} and records the outcome on the order.
 *
 * <p>Each operation first checks, without saving, that the order would accept the result (so no
 * money moves for a capture above the authorisation or a refund of an archived order), then
 * calls the gateway with the command key as its idempotency key, then records the result through
 * {@link OrderService} with the same key. If the process dies between the gateway call and the
 * save, repeating the operation with the same key gets the provider's first answer and records
 * it once; a repeat after the result was saved returns it without calling the provider again.
 *
 * <p>A declined authorisation is recorded ({@code PaymentDeclined} and a payment hold); a
 * declined capture, void or refund throws {@link PaymentDeclinedException} and records nothing.
 * Thread-safe.
 */
public final class OrderPayments {
    private static final PaymentReference NOT_YET_KNOWN = PaymentReference.of("not-yet-known");

    private final OrderService orders;
    private final PaymentGateway gateway;

    /**
     * @param orders the order service that records results
     * @param gateway the host's payment provider
     */
    public OrderPayments(OrderService orders, PaymentGateway gateway) {
        this.orders = InvalidInputException.requireNonNull(orders, "orders");
        this.gateway = InvalidInputException.requireNonNull(gateway, "gateway");
    }

    /**
     * Authorises an amount and records the approval or the decline.
     *
     * @param orderId the order
     * @param amount positive, in the order's currency
     * @param key the command key (also the provider's idempotency key)
     * @return the order after recording
     * @throws OmsException if the order would not accept the authorisation; nothing was called
     */
    public CommandResult authorise(OrderId orderId, MonetaryAmount amount, CommandKey key) {
        Optional<CommandResult> done = recorded(key);
        if (done.isPresent()) {
            return done.get();
        }
        Order order = check(orderId, new OrderCommand.RecordAuthorisation(amount, NOT_YET_KNOWN), key);
        PaymentResult result = gateway.authorise(request(order, amount, key));
        OrderCommand record = result instanceof PaymentResult.Approved approved
                ? new OrderCommand.RecordAuthorisation(amount, approved.reference())
                : new OrderCommand.RecordDecline(amount, ((PaymentResult.Declined) result).reason());
        return orders.handle(orderId, record, key);
    }

    /**
     * Authorises an additional amount (for example the difference of an edit) and records it;
     * a decline is thrown and records nothing, so the order is not put on a payment hold for
     * a change the customer did not pay.
     *
     * @param orderId the order
     * @param amount positive, in the order's currency
     * @param key the command key (also the provider's idempotency key)
     * <p>If the order refuses to record the approval because it was cancelled or changed between
     * the check and the save, the authorisation is voided at the provider (under a key derived
     * from this one) and the refusal is thrown. Not covered: a process that dies after the
     * provider approved and before the save finds, on its repeat, an order that now refuses
     * (for example cancelled meanwhile); that authorisation stays at the provider until it
     * expires there.
     *
     * @return the order after recording the authorisation
     * @throws PaymentDeclinedException if the provider declined; nothing was recorded
     * @throws IllegalTransitionException if the order does not accept an authorisation (any approval was voided)
     */
    public CommandResult authoriseAdditional(OrderId orderId, MonetaryAmount amount, CommandKey key) {
        Optional<CommandResult> done = recorded(key);
        if (done.isPresent()) {
            return done.get();
        }
        Order order = check(orderId, new OrderCommand.RecordAuthorisation(amount, NOT_YET_KNOWN), key);
        PaymentResult result = gateway.authorise(request(order, amount, key));
        if (result instanceof PaymentResult.Declined declined) {
            throw new PaymentDeclinedException(orderId, "authorise", declined.reason());
        }
        try {
            return orders.handle(orderId, new OrderCommand.RecordAuthorisation(amount,
                    ((PaymentResult.Approved) result).reference()), key);
        } catch (IllegalTransitionException | RuleViolationException refused) {
            // cancelled or changed between the check and the save: hold no money the order does not know of
            gateway.voidAuthorisation(request(order, amount, key.derive("void-unrecorded")));
            throw refused;
        }
    }

    /**
     * Captures part or all of the authorised amount.
     *
     * @param orderId the order
     * @param amount positive, at most what is authorised and not yet captured or voided
     * @param key the command key
     * @return the order after recording the capture
     * @throws dev.oms.spi.RuleViolationException.PaymentLimitExceededException if above the capturable amount
     * @throws PaymentDeclinedException if the provider declined
     */
    public CommandResult capture(OrderId orderId, MonetaryAmount amount, CommandKey key) {
        return moveMoney(orderId, amount, key, "capture", gateway::capture,
                ref -> new OrderCommand.RecordCapture(amount, ref));
    }

    /**
     * Refunds part or all of the captured amount.
     *
     * @param orderId the order
     * @param amount positive, at most what is captured and not yet refunded
     * @param key the command key
     * @return the order after recording the refund
     * @throws dev.oms.spi.RuleViolationException.PaymentLimitExceededException if above the refundable amount
     * @throws PaymentDeclinedException if the provider declined
     */
    public CommandResult refund(OrderId orderId, MonetaryAmount amount, CommandKey key) {
        return moveMoney(orderId, amount, key, "refund", gateway::refund,
                ref -> new OrderCommand.RecordRefund(amount, ref));
    }

    /**
     * Refunds part or all of the captured amount as store credit instead of to the original
     * payment. Recorded on the order like any refund (so every refund together stays within what
     * was captured), with the credit's reference.
     *
     * @param orderId the order
     * @param amount positive, at most what is captured and not yet refunded
     * @param storeCredit the host's store credit
     * @param key the command key (also the store credit's idempotency key)
     * @return the order after recording the refund
     * @throws dev.oms.spi.RuleViolationException.PaymentLimitExceededException if above the refundable amount
     * @throws PaymentDeclinedException if the store credit refused
     */
    public CommandResult refundAsStoreCredit(OrderId orderId, MonetaryAmount amount, StoreCreditGateway storeCredit,
            CommandKey key) {
        InvalidInputException.requireNonNull(storeCredit, "storeCredit");
        return moveMoney(orderId, amount, key, "store-credit", storeCredit::issue,
                ref -> new OrderCommand.RecordRefund(amount, ref));
    }

    /**
     * Voids whatever is authorised and not yet captured (for example after a cancellation).
     *
     * @param orderId the order
     * @param key the command key
     * @return the order after recording the void
     * @throws RuleViolationException if nothing is left to void
     * @throws PaymentDeclinedException if the provider declined
     */
    public CommandResult voidRemaining(OrderId orderId, CommandKey key) {
        Optional<CommandResult> done = recorded(key);
        if (done.isPresent()) {
            return done.get();
        }
        MonetaryAmount remaining = orders.load(orderId).payments().capturable();
        if (!remaining.isPositive()) {
            throw new RuleViolationException(orderId, "void-within-authorised",
                    "nothing is authorised and uncaptured, so nothing can be voided");
        }
        return moveMoney(orderId, remaining, key, "void", gateway::voidAuthorisation,
                ref -> new OrderCommand.RecordVoid(remaining, ref));
    }

    /**
     * Voids part of what is authorised and not yet captured (what a cancellation or a smaller
     * edit no longer needs).
     *
     * @param orderId the order
     * @param amount positive, at most what is authorised and uncaptured
     * @param key the command key
     * @return the order after recording the void
     * @throws dev.oms.spi.RuleViolationException.PaymentLimitExceededException if above the capturable amount
     * @throws PaymentDeclinedException if the provider declined
     */
    public CommandResult voidAmount(OrderId orderId, MonetaryAmount amount, CommandKey key) {
        return moveMoney(orderId, amount, key, "void", gateway::voidAuthorisation,
                ref -> new OrderCommand.RecordVoid(amount, ref));
    }

    private CommandResult moveMoney(OrderId orderId, MonetaryAmount amount, CommandKey key, String operation,
            Function<PaymentRequest, PaymentResult> call, Function<PaymentReference, OrderCommand> record) {
        Optional<CommandResult> done = recorded(key);
        if (done.isPresent()) {
            return done.get();
        }
        Order order = check(orderId, record.apply(NOT_YET_KNOWN), key);
        PaymentResult result = call.apply(request(order, amount, key));
        if (result instanceof PaymentResult.Declined declined) {
            throw new PaymentDeclinedException(orderId, operation, declined.reason());
        }
        return orders.handle(orderId, record.apply(((PaymentResult.Approved) result).reference()), key);
    }

    /**
     * The result already recorded under the key: a repeat after the provider answered and the
     * result was saved returns it without checking the limits again (they include this very
     * movement now) and without calling the provider.
     */
    private Optional<CommandResult> recorded(CommandKey key) {
        return orders.recorded(InvalidInputException.requireNonNull(key, "key"));
    }

    private Order check(OrderId orderId, OrderCommand wouldRecord, CommandKey key) {
        InvalidInputException.requireNonNull(key, "key");
        Order order = orders.load(orderId);
        orders.decider().decide(order, wouldRecord).orThrow();
        return order;
    }

    private static PaymentRequest request(Order order, MonetaryAmount amount, CommandKey key) {
        return new PaymentRequest(order.id(), order.header().customer(), amount, key);
    }

    /**
     * The payment provider declined a capture, void or refund. Nothing was recorded on the order.
     * (A declined authorisation is not an exception: it is recorded and places a payment hold.)
     */
    public static class PaymentDeclinedException extends RuleViolationException {
        private static final long serialVersionUID = 1L;

        private final String operation;
        private final String providerReason;

        /**
         * @param orderId the order
         * @param operation {@code "capture"}, {@code "void"} or {@code "refund"}
         * @param providerReason the provider's reason
         */
        public PaymentDeclinedException(OrderId orderId, String operation, String providerReason) {
            super(orderId, "payment-provider-declined", "the payment provider declined the " + operation + ": "
                    + providerReason);
            this.operation = operation;
            this.providerReason = providerReason;
        }

        /** @return the declined operation */
        public String operation() {
            return operation;
        }

        /** @return the provider's reason */
        public String providerReason() {
            return providerReason;
        }
    }
}
