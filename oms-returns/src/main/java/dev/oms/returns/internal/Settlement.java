package dev.oms.returns.internal;

import dev.oms.core.OrderCommand;
import dev.oms.core.OrderPayments;
import dev.oms.core.OrderService;
import dev.oms.core.OrderService.CommandResult;
import dev.oms.core.OrderTotals;
import dev.oms.returns.ReturnCommand;
import dev.oms.returns.ReturnCommand.ReturnCommandKind;
import dev.oms.returns.ReturnDecider;
import dev.oms.returns.ReturnDecider.ReturnRuleException;
import dev.oms.returns.ReturnPolicy.RestockingFee;
import dev.oms.returns.ReturnReasons.ReturnReason;
import dev.oms.returns.internal.RefundCalculator;
import dev.oms.spi.CommandKey;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.OmsException.CommandKeyConflictException;
import dev.oms.spi.OrderId;
import dev.oms.spi.PaymentReference;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReturnId;
import dev.oms.spi.RuleViolationException.PaymentLimitExceededException;
import dev.oms.spi.StaleVersionException.ReturnConflictException;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.event.OrderEvent.PaymentRefunded;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.payment.StoreCreditGateway;
import dev.oms.spi.returns.RefundAccount;
import dev.oms.spi.returns.RefundBreakdown;
import dev.oms.spi.returns.RefundBreakdown.RefundMethod;
import dev.oms.spi.returns.ReturnEvent;
import dev.oms.spi.returns.ReturnRequest;
import dev.oms.spi.returns.ReturnRequest.ReturnKind;
import dev.oms.spi.returns.ReturnRequest.ReturnLine;
import dev.oms.spi.returns.ReturnRequest.ShippingPayer;
import dev.oms.spi.returns.ReturnStore;
import dev.oms.spi.returns.ReturnStore.ReturnChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.money.MonetaryAmount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The money of returns: what a refund would pay, counting it against the order's refund account
 * and paying it (to the original payment or as store credit), and settling exchanges and claims
 * (the credit, the difference, the replacement order), with the units a claim reports lost.
 */
public final class Settlement {
    private static final Logger LOG = LoggerFactory.getLogger(Settlement.class);
    private static final int MAX_ATTEMPTS = ReturnSteps.MAX_ATTEMPTS;

    private final ReturnSteps steps;
    private final ReturnStore store;
    private final ReturnDecider decider;
    private final OrderService orders;
    private final OrderPayments payments;
    private final dev.oms.returns.ReturnPolicy policy;
    private final Optional<StoreCreditGateway> storeCredit;

    /**
     * @param steps the steps' plumbing
     * @param store where returns live
     * @param decider decides the steps
     * @param orders the order service
     * @param payments moves money through the host's provider
     * @param policy the return policy (fees, shipping refunds)
     * @param storeCredit the host's store credit, if any
     */
    public Settlement(ReturnSteps steps, ReturnStore store, ReturnDecider decider, OrderService orders,
            OrderPayments payments, dev.oms.returns.ReturnPolicy policy, Optional<StoreCreditGateway> storeCredit) {
        this.steps = steps;
        this.store = store;
        this.decider = decider;
        this.orders = orders;
        this.payments = payments;
        this.policy = policy;
        this.storeCredit = storeCredit;
    }

    /**
     * What {@link #refund} would pay now, without counting or saving anything: for showing the
     * customer or an agent before they confirm.
     *
     * @param id the return (inspected, or an approved refund claim)
     * @param method where the money would go
     * @return the refund, line by line
     */
    public RefundBreakdown previewRefund(ReturnId id, RefundMethod method) {
        ReturnRequest r = steps.load(id);
        if (r.refund().isPresent()) {
            return r.refund().get();
        }
        decider.requireAllowed(r, ReturnCommandKind.CALCULATE_REFUND);
        return calculation(r, method, store.refundAccount(r.orderId())).breakdown();
    }


    /**
     * Refunds an inspected return or an approved refund claim: calculates the refund, counts it
     * against the order's refund account, pays it and records it on the order.
     *
     * @param id the return
     * @param method to the original payment or as store credit
     * @param key the idempotency key
     * @return the return, refunded
     * @throws PaymentLimitExceededException ({@code refund-within-captured}) if the refund exceeds
     *     what was captured and not yet refunded; nothing was counted or paid
     * @throws dev.oms.core.OrderPayments.PaymentDeclinedException if the provider declined; the refund stays
     *     calculated and a retry pays it
     */
    public ReturnRequest refund(ReturnId id, RefundMethod method, CommandKey key) {
        requirePayout(method);
        InvalidInputException.requireNonNull(key, "key");
        if (store.findCommand(ReturnSteps.derived(key, "refunded")).isPresent()) {
            return steps.load(id);
        }
        decider.requireAllowed(steps.load(id), ReturnCommandKind.REFUND);
        ReturnRequest r = calculated(id, method, key);
        recordLostUnits(r, key);
        RefundBreakdown refund = r.refund().orElseThrow();
        if (refund.method() != method) {
            throw new ReturnRuleException(r, "refund-matches-calculation", "the refund was calculated for "
                    + refund.method() + ", not " + method);
        }
        Optional<PaymentReference> reference = Optional.empty();
        if (refund.total().isPositive()) {
            CommandResult paid = method == RefundMethod.STORE_CREDIT
                    ? payments.refundAsStoreCredit(r.orderId(), refund.total(), storeCredit.orElseThrow(() ->
                            new InvalidInputException("storeCredit", "no StoreCreditGateway is configured")),
                            ReturnSteps.derived(key, "pay"))
                    : payments.refund(r.orderId(), refund.total(), ReturnSteps.derived(key, "pay"));
            reference = refundReference(paid);
        }
        Optional<PaymentReference> ref = reference;
        return steps.step(id, key, "refunded", method, current -> new ReturnCommand.RecordRefunded(refund.total(), method, ref));
    }


    /**
     * Settles an inspected exchange, or sends an approved replacement claim's free replacement.
     *
     * <p>An exchange's returned units are valued like a refund without restocking or return
     * shipping fees (the credit). If the replacement shipped first, its price was authorised at
     * approval and the credit is now refunded to the original payment. Otherwise the credit pays
     * the replacement (recorded as a refund of the original order and a payment of the
     * replacement, both with the reference {@code exchange:<return id>}); the customer pays the
     * difference if the replacement costs more, or gets it back if it costs less; and the
     * replacement order is confirmed.
     *
     * @param id the exchange or claim
     * @param key the idempotency key
     * @return it, exchanged
     */
    public ReturnRequest exchange(ReturnId id, CommandKey key) {
        InvalidInputException.requireNonNull(key, "key");
        if (store.findCommand(ReturnSteps.derived(key, "exchanged")).isPresent()) {
            return steps.load(id);
        }
        ReturnRequest r = steps.load(id);
        MonetaryAmount none = zero(r);
        if (r.kind() == ReturnKind.RETURN) {
            throw new ReturnRuleException(r, "replacement-for-kind", "a return is refunded, not exchanged");
        }
        if (r.kind() == ReturnKind.CLAIM) {
            decider.requireAllowed(r, ReturnCommandKind.EXCHANGE);
            r = steps.placeReplacement(r, key);
            OrderId replacement = r.replacement().orElseThrow().orderId().orElseThrow();
            orders.handle(replacement, new OrderCommand.Confirm(), ReturnSteps.derived(key, "replacement-confirm"));
            return steps.step(id, key, "exchanged", "claim", current -> new ReturnCommand.RecordExchanged(none, none, none));
        }
        decider.requireAllowed(r, ReturnCommandKind.EXCHANGE);
        r = calculated(id, RefundMethod.EXCHANGE_CREDIT, key);
        recordLostUnits(r, key);
        MonetaryAmount credit = r.refund().orElseThrow().total();
        OrderId replacementId = r.replacement().orElseThrow().orderId().orElseThrow();
        MonetaryAmount price = OrderTotals.of(orders.load(replacementId)).grandTotal();
        MonetaryAmount transferred = none;
        MonetaryAmount charged = none;
        MonetaryAmount refunded = none;
        if (r.replacement().get().shipFirst()) {
            if (credit.isPositive()) {
                payments.refund(r.orderId(), credit, ReturnSteps.derived(key, "credit-refund"));
            }
            refunded = credit;
        } else {
            transferred = credit.isGreaterThan(price) ? price : credit;
            if (transferred.isPositive()) {
                PaymentReference ref = PaymentReference.of("exchange:" + r.id());
                payments.recordTransferOut(r.orderId(), transferred, ref, ReturnSteps.derived(key, "credit-out"));
                orders.handle(replacementId, new OrderCommand.RecordAuthorisation(transferred, ref),
                        ReturnSteps.derived(key, "credit-in"));
                orders.handle(replacementId, new OrderCommand.RecordCapture(transferred, ref),
                        ReturnSteps.derived(key, "credit-captured"));
            }
            if (price.isGreaterThan(credit)) {
                charged = price.subtract(credit);
                payments.authorise(replacementId, charged, ReturnSteps.derived(key, "difference-charge"));
            } else if (credit.isGreaterThan(price)) {
                refunded = credit.subtract(price);
                payments.refund(r.orderId(), refunded, ReturnSteps.derived(key, "difference-refund"));
            }
            orders.handle(replacementId, new OrderCommand.Confirm(), ReturnSteps.derived(key, "replacement-confirm"));
        }
        MonetaryAmount t = transferred;
        MonetaryAmount c = charged;
        MonetaryAmount f = refunded;
        return steps.step(id, key, "exchanged", "exchange", current -> new ReturnCommand.RecordExchanged(t, c, f));
    }


    /**
     * Settling a claim for units that never arrived records them lost on the order (what of them
     * is still in transit: a parcel that turned up after all is delivered, not lost), so the order
     * can complete. Idempotent by a key derived from the caller's.
     */
    void recordLostUnits(ReturnRequest r, CommandKey key) {
        if (r.kind() != ReturnKind.CLAIM) {
            return;
        }
        Order order = orders.load(r.orderId());
        List<LineQuantity> lost = new ArrayList<>();
        for (ReturnLine line : r.lines()) {
            if (undelivered(line)) {
                long inTransit = order.requireLine(line.lineId()).quantities().inTransit().value();
                long units = Math.min(line.quantity().value(), inTransit);
                if (units > 0) {
                    lost.add(new LineQuantity(line.lineId(), Quantity.of(units)));
                }
            }
        }
        if (!lost.isEmpty() && orders.load(r.orderId()).status() == dev.oms.spi.order.Order.OrderStatus.PROCESSING) {
            orders.handle(r.orderId(), new OrderCommand.RecordLoss(lost, "claim " + r.id()), ReturnSteps.derived(key, "lost"));
        }
    }


    /**
     * @param line a line of a claim
     * @return whether its reason says the units never arrived
     */
    public boolean undelivered(ReturnLine line) {
        return policy.reasons().find(line.reason()).filter(reason -> reason.use() == ReturnReason.Use.CLAIM_UNDELIVERED)
                .isPresent();
    }


    /**
     * @param method where a refund's money goes
     * @throws InvalidInputException if it is null or exchange credit (which only exchanges use)
     */
    public static void requirePayout(RefundMethod method) {
        InvalidInputException.requireNonNull(method, "method");
        if (method == RefundMethod.EXCHANGE_CREDIT) {
            throw new InvalidInputException("method", "exchange credit is for exchanges; use exchange()");
        }
    }

    /**
     * An early guard on what was paid so far (the order's payment ledger is the final one).
     *
     * @param order the order as it is now
     * @param refund a refund about to be counted
     * @throws PaymentLimitExceededException ({@code refund-within-captured}) if it exceeds what was
     *     captured and not yet refunded
     */
    public void requireRefundable(Order order, RefundBreakdown refund) {
        MonetaryAmount refundable = order.payments().refundable();
        if (refund.total().isGreaterThan(refundable)) {
            throw new PaymentLimitExceededException(order.id(), "refund-within-captured", refundable, refund.total());
        }
    }

    /** Calculates and counts the refund once; a later call returns the counted one. */
    private ReturnRequest calculated(ReturnId id, RefundMethod method, CommandKey key) {
        for (int attempt = 1; ; attempt++) {
            ReturnRequest r = steps.load(id);
            if (r.refund().isPresent()) {
                return r;
            }
            decider.requireAllowed(r, ReturnCommandKind.CALCULATE_REFUND);
            var account = store.refundAccount(r.orderId());
            RefundCalculator.Result result = calculation(r, method, account);
            RefundBreakdown refund = result.breakdown();
            Order order = orders.load(r.orderId());
            // An early guard on what was paid so far; the order's payment ledger is the final one
            // (a refund counted here but beyond the ledger when paid is refused there, and stays
            // calculated for a later attempt).
            if (refund.total().isGreaterThan(order.payments().refundable())) {
                if (store.refundAccount(r.orderId()).version() != account.version()) {
                    continue; // another refund was counted (and maybe paid) meanwhile: calculate again
                }
                requireRefundable(order, refund);
            }
            ReturnCommand.RecordRefundCalculated command = new ReturnCommand.RecordRefundCalculated(refund);
            List<ReturnEvent> events = decider.decide(r, command);
            ReturnRequest next = decider.evolveAll(r, events);
            try {
                store.save(new ReturnChange(next, r.version(), events,
                        Optional.of(new ReturnChange.AccountWrite(result.accountAfter(), account.version())),
                        Optional.of(ReturnSteps.record(ReturnSteps.derived(key, "calculate"), List.of("calculate", method), next, events))));
                LOG.debug("return {} of order {}: refund {} calculated", id, r.orderId(), refund.total());
                return next;
            } catch (ReturnConflictException | CommandKeyConflictException raced) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw raced;
                }
            }
        }
    }


    private RefundCalculator.Result calculation(ReturnRequest r, RefundMethod method, RefundAccount account) {
        Order order = orders.load(r.orderId());
        boolean isReturn = r.kind() == ReturnKind.RETURN;
        List<RefundCalculator.RefundUnits> units = new ArrayList<>();
        for (ReturnLine line : r.lines()) {
            Quantity q = r.kind() == ReturnKind.CLAIM ? line.quantity() : line.received();
            if (q.isPositive()) {
                units.add(new RefundCalculator.RefundUnits(line.lineId(), q, policy.refundsShipping(line.reason()),
                        isReturn && !policy.waivesRestockingFee(line.reason())));
            }
        }
        if (units.isEmpty()) {
            throw new ReturnRuleException(r, "refund-for-kind", "no unit of the return was received, so nothing is "
                    + "refunded; close it instead");
        }
        MonetaryAmount fee = isReturn && r.shippingPaidBy() == ShippingPayer.CUSTOMER
                ? policy.returnShippingFee(order) : zero(r, order);
        return RefundCalculator.calculate(order, units, account,
                isReturn ? policy.restockingFee() : RestockingFee.none(), fee,
                fee.isZero() ? Optional.empty() : policy.returnShippingFeeTax(order), method, policy.refundConventions());
    }


    private static Optional<PaymentReference> refundReference(CommandResult paid) {
        for (OrderEvent event : paid.events()) {
            if (event instanceof PaymentRefunded refunded) {
                return Optional.of(refunded.reference());
            }
        }
        return Optional.empty();
    }


    private MonetaryAmount zero(ReturnRequest r) {
        return zero(r, orders.load(r.orderId()));
    }


    private static MonetaryAmount zero(ReturnRequest r, Order order) {
        return dev.oms.spi.Amounts.zero(order.currency());
    }
}
