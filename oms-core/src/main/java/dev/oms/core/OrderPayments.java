package dev.oms.core;

import dev.oms.core.OrderService.CommandResult;
import dev.oms.core.TransitionTable.IllegalTransitionException;
import dev.oms.spi.Amounts;
import dev.oms.spi.CommandKey;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.OmsException;
import dev.oms.spi.OrderId;
import dev.oms.spi.PaymentReference;
import dev.oms.spi.RuleViolationException;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.PaymentLedger.MethodLedger;
import dev.oms.spi.payment.CreditCheck;
import dev.oms.spi.payment.PaymentGateway;
import dev.oms.spi.payment.PaymentGateway.PaymentRequest;
import dev.oms.spi.payment.PaymentGateway.PaymentResult;
import dev.oms.spi.payment.PaymentMethod;
import dev.oms.spi.payment.StoreCreditGateway;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 *
 * <p><b>An order paid several ways</b> ({@link #authorise(OrderId, PaymentMethod, MonetaryAmount,
 * CommandKey)} for each method) has its captures, voids and refunds spread over its methods in the
 * {@link PaymentPlan}'s order: each method takes what it can (what it can still capture, or
 * refund), the rest goes to the next. Each method's part is its own provider call and its own
 * recorded command, under a key derived from the caller's and the method's id, and names the
 * method to the provider ({@link PaymentRequest#method()}). A repeat with the same key after a
 * crash between two parts (or a provider failure that gave no answer) keeps the parts already
 * recorded, with their amounts, and moves only the rest; so the parts add up to the amount asked.
 * A declined part is an answer a provider repeats for the same key: after a
 * {@link PaymentDeclinedException} the ledger shows the parts recorded, and what is left is moved
 * under a new key. The whole amount is checked against what all methods can take before any money
 * moves.
 * Thread-safe.
 */
public final class OrderPayments {
    /** Derives the key of the void of an approval the order refused or never recorded. */
    private static final String VOID_UNRECORDED = "void-unrecorded";
    private static final PaymentReference NOT_YET_KNOWN = PaymentReference.of("not-yet-known");

    private final OrderService orders;
    private final PaymentGateway gateway;
    private final PaymentPlan plan;
    private final PaymentGateway balances;
    private final CreditCheck credit;

    /**
     * Payments under the standard plan ({@link PaymentPlan#standard()}).
     *
     * @param orders the order service that records results
     * @param gateway the host's payment provider
     */
    public OrderPayments(OrderService orders, PaymentGateway gateway) {
        this(orders, gateway, PaymentPlan.standard());
    }

    /**
     * @param orders the order service that records results
     * @param gateway the host's payment provider (for every method: it routes by {@link PaymentRequest#method()})
     * @param plan in which order captures and refunds draw on an order's payment methods
     */
    public OrderPayments(OrderService orders, PaymentGateway gateway, PaymentPlan plan) {
        this(orders, gateway, plan, null, CreditCheck.UNLIMITED);
    }

    private OrderPayments(OrderService orders, PaymentGateway gateway, PaymentPlan plan, PaymentGateway balances,
            CreditCheck credit) {
        this.orders = InvalidInputException.requireNonNull(orders, "orders");
        this.gateway = InvalidInputException.requireNonNull(gateway, "gateway");
        this.plan = InvalidInputException.requireNonNull(plan, "plan");
        this.balances = balances;
        this.credit = credit;
    }

    /**
     * @param check the host's credit limits of business accounts, asked before every
     *     authorisation of an order with {@link dev.oms.spi.order.B2bTerms}: a refusal is
     *     recorded as a decline ({@link #authorise}) or thrown ({@link #authoriseAdditional}),
     *     and the provider is not asked
     * @return these payments with it
     */
    public OrderPayments withCreditCheck(CreditCheck check) {
        return new OrderPayments(orders, gateway, plan, balances, InvalidInputException.requireNonNull(check,
                "creditCheck"));
    }

    /**
     * @param balances where the money of gift card and store credit methods goes (they hold, spend,
     *     release and credit back a balance the host keeps, never more than it has, for example
     *     {@link dev.oms.core.memory.InMemoryBalances}); the other methods still go to the gateway
     * @return these payments with it
     */
    public OrderPayments withBalances(PaymentGateway balances) {
        return new OrderPayments(orders, gateway, plan, InvalidInputException.requireNonNull(balances, "balances"),
                credit);
    }

    /**
     * Authorises an amount and records the approval or the decline. If the order refuses to
     * record an approval because it was cancelled or changed between the check and the save, the
     * approval is voided at the provider (under a key derived from this one) and the refusal is
     * thrown.
     *
     * @param orderId the order
     * @param amount positive, in the order's currency
     * @param key the command key (also the provider's idempotency key)
     * @return the order after recording
     * @throws OmsException if the order would not accept the authorisation; nothing was called
     */
    public CommandResult authorise(OrderId orderId, MonetaryAmount amount, CommandKey key) {
        return authorise(orderId, Optional.empty(), amount, key);
    }

    /**
     * Authorises an amount on one of the ways an order is paid (a gift card, then the card for the
     * rest) and records the approval or the decline; the order's later captures, voids and refunds
     * are spread over its methods by the {@link PaymentPlan}. An order is paid one way or several:
     * once a payment named a method, every one does.
     *
     * @param orderId the order
     * @param method the payment method, passed on to the provider in the request
     * @param amount positive, in the order's currency
     * @param key the command key (also the provider's idempotency key)
     * @return the order after recording
     * @throws OmsException if the order would not accept the authorisation (for example
     *     {@code payment-method-named} on an order paid one way); nothing was called
     */
    public CommandResult authorise(OrderId orderId, PaymentMethod method, MonetaryAmount amount, CommandKey key) {
        return authorise(orderId, Optional.of(InvalidInputException.requireNonNull(method, "method")), amount, key);
    }

    private CommandResult authorise(OrderId orderId, Optional<PaymentMethod> method, MonetaryAmount amount,
            CommandKey key) {
        Optional<CommandResult> done = recorded(key);
        if (done.isPresent()) {
            return done.get();
        }
        Order order = check(orderId, new OrderCommand.RecordAuthorisation(amount, NOT_YET_KNOWN, method), key);
        Optional<String> refused = creditRefusal(order, amount);
        if (refused.isPresent()) {
            return orders.handle(orderId, new OrderCommand.RecordDecline(amount, refused.get(), method), key);
        }
        PaymentGateway through = gatewayFor(method);
        PaymentResult result = through.authorise(request(order, amount, key, method));
        if (result instanceof PaymentResult.Declined declined) {
            return orders.handle(orderId, new OrderCommand.RecordDecline(amount, declined.reason(), method), key);
        }
        return recordApproval(order, method, amount, key, through, (PaymentResult.Approved) result);
    }

    /**
     * Records an approval; if the order refuses it (cancelled or changed between the check and
     * the save), voids it at the provider under the key {@link #releaseUnrecorded} uses, so no
     * money stays held that the order does not know of, and throws the refusal.
     */
    private CommandResult recordApproval(Order order, Optional<PaymentMethod> method, MonetaryAmount amount,
            CommandKey key, PaymentGateway through, PaymentResult.Approved approved) {
        try {
            return orders.handle(order.id(), new OrderCommand.RecordAuthorisation(amount, approved.reference(), method),
                    key);
        } catch (IllegalTransitionException | RuleViolationException refused) {
            through.voidAuthorisation(request(order, amount, key.derive(VOID_UNRECORDED), method));
            throw refused;
        }
    }

    /**
     * Authorises an additional amount (for example the difference of an edit) and records it;
     * a decline is thrown and records nothing, so the order is not put on a payment hold for
     * a change the customer did not pay.
     *
     * <p>If the order refuses to record the approval because it was cancelled or changed between
     * the check and the save, the authorisation is voided at the provider (under a key derived
     * from this one) and the refusal is thrown. A process that died after the provider approved
     * and before the save finds, on its repeat, an order that may now refuse (for example
     * cancelled meanwhile): it calls {@link #releaseUnrecorded} with the same key, so the
     * approval it never recorded does not stay held (on a gift card, for good).
     *
     * @param orderId the order
     * @param amount positive, in the order's currency
     * @param key the command key (also the provider's idempotency key)
     * @return the order after recording the authorisation
     * @throws PaymentDeclinedException if the provider declined; nothing was recorded
     * @throws IllegalTransitionException if the order does not accept an authorisation (any approval was voided)
     */
    public CommandResult authoriseAdditional(OrderId orderId, MonetaryAmount amount, CommandKey key) {
        return authoriseAdditional(orderId, Optional.empty(), amount, key);
    }

    /**
     * As {@link #authoriseAdditional(OrderId, MonetaryAmount, CommandKey)}, on one of the ways an
     * order paid several ways is paid (for example its card, for an edit that costs more).
     *
     * @param orderId the order
     * @param method the payment method to authorise it on
     * @param amount positive, in the order's currency
     * @param key the command key (also the provider's idempotency key)
     * @return the order after recording the authorisation
     * @throws PaymentDeclinedException if the provider declined; nothing was recorded
     * @throws IllegalTransitionException if the order does not accept an authorisation (any approval was voided)
     */
    public CommandResult authoriseAdditional(OrderId orderId, PaymentMethod method, MonetaryAmount amount,
            CommandKey key) {
        return authoriseAdditional(orderId, Optional.of(InvalidInputException.requireNonNull(method, "method")),
                amount, key);
    }

    private CommandResult authoriseAdditional(OrderId orderId, Optional<PaymentMethod> method, MonetaryAmount amount,
            CommandKey key) {
        Optional<CommandResult> done = recorded(key);
        if (done.isPresent()) {
            return done.get();
        }
        Order order = check(orderId, new OrderCommand.RecordAuthorisation(amount, NOT_YET_KNOWN, method), key);
        Optional<String> refused = creditRefusal(order, amount);
        if (refused.isPresent()) {
            throw new PaymentDeclinedException(orderId, "authorise", refused.get());
        }
        PaymentGateway through = gatewayFor(method);
        PaymentResult result = through.authorise(request(order, amount, key, method));
        if (result instanceof PaymentResult.Declined declined) {
            throw new PaymentDeclinedException(orderId, "authorise", declined.reason());
        }
        return recordApproval(order, method, amount, key, through, (PaymentResult.Approved) result);
    }

    /**
     * Releases an authorisation a dying process may have made under {@code key} and never
     * recorded, on an order that now refuses to record it (cancelled meanwhile): asks the
     * provider again under the same key and voids what it approved, under the key
     * {@link #authorise} and {@link #authoriseAdditional} void a refused record under. The
     * provider answers a repeated key as it did the first time and moves no money again; if the
     * first call never reached it, it authorises now and the void releases that at once (a
     * process cannot tell the two apart). Records nothing on the order. Nothing is asked if the
     * order recorded a payment under {@code key} (its own void or cancel releases that) or still
     * accepts an authorisation (repeat the authorisation instead).
     *
     * @param orderId the order
     * @param method the method the authorisation was asked on; empty for an order paid one way
     * @param amount what was asked, positive, in the order's currency
     * @param key the key it was asked under
     * @return the provider's answer to the void; empty if nothing was voided: the order recorded a
     *     payment under the key (its own void or cancel releases it), still accepts an
     *     authorisation, or the provider approved nothing under the key
     * @throws InvalidInputException if a field is null
     * @throws dev.oms.spi.OmsException.OrderNotFoundException if there is no such order
     */
    public Optional<PaymentResult> releaseUnrecorded(OrderId orderId, Optional<PaymentMethod> method,
            MonetaryAmount amount, CommandKey key) {
        InvalidInputException.requireNonNull(method, "method");
        if (recorded(key).isPresent()) {
            return Optional.empty();
        }
        Order order = orders.load(orderId);
        if (orders.decider().decide(order, new OrderCommand.RecordAuthorisation(amount, NOT_YET_KNOWN, method))
                .isAccepted()) {
            return Optional.empty();
        }
        PaymentGateway through = gatewayFor(method);
        if (!(through.authorise(request(order, amount, key, method)) instanceof PaymentResult.Approved)) {
            return Optional.empty();
        }
        return Optional.of(through.voidAuthorisation(request(order, amount, key.derive(VOID_UNRECORDED), method)));
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
        return move(orderId, Optional.of(InvalidInputException.requireNonNull(amount, "amount")), key, "capture", PaymentGateway::capture, OrderCommand.RecordCapture::new);
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
        return move(orderId, Optional.of(InvalidInputException.requireNonNull(amount, "amount")), key, "refund", PaymentGateway::refund, OrderCommand.RecordRefund::new);
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
        return move(orderId, Optional.of(InvalidInputException.requireNonNull(amount, "amount")), key, "store-credit", (any, request) -> storeCredit.issue(request),
                OrderCommand.RecordRefund::new);
    }

    /**
     * Records that part of what was captured left the order without the provider: an exchange's
     * credit paying its replacement order. Recorded like a refund (so every refund together stays
     * within what was captured) and, on an order paid several ways, spread over its methods in the
     * plan's refund order; no provider is called.
     *
     * @param orderId the order
     * @param amount positive, at most what is captured and not yet refunded
     * @param reference what the money paid (for example {@code exchange:<return id>})
     * @param key the command key
     * @return the order after recording it
     * @throws dev.oms.spi.RuleViolationException.PaymentLimitExceededException if above the refundable amount
     */
    public CommandResult recordTransferOut(OrderId orderId, MonetaryAmount amount, PaymentReference reference,
            CommandKey key) {
        InvalidInputException.requireNonNull(reference, "reference");
        return move(orderId, Optional.of(InvalidInputException.requireNonNull(amount, "amount")), key, "transfer",
                (any, request) -> new PaymentResult.Approved(reference), OrderCommand.RecordRefund::new);
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
        Order order = orders.load(orderId);
        if (!order.payments().methods().isEmpty()) {
            // every method voids what it can still capture (a repeat keeps the parts recorded)
            return spread(order, Optional.empty(), key, "void", PaymentGateway::voidAuthorisation, OrderCommand.RecordVoid::new);
        }
        MonetaryAmount remaining = order.payments().capturable();
        if (!remaining.isPositive()) {
            throw new RuleViolationException(orderId, "void-within-authorised",
                    "nothing is authorised and uncaptured, so nothing can be voided");
        }
        return moveMoney(orderId, remaining, key, "void", PaymentGateway::voidAuthorisation, OrderCommand.RecordVoid::new,
                Optional.empty());
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
        return move(orderId, Optional.of(InvalidInputException.requireNonNull(amount, "amount")), key, "void", PaymentGateway::voidAuthorisation, OrderCommand.RecordVoid::new);
    }

    /** A call of a gateway: the one the method's kind goes to. */
    @FunctionalInterface
    private interface Call {
        PaymentResult call(PaymentGateway gateway, PaymentRequest request);
    }

    /** The gateway a method's money goes through: balances for gift cards and store credit, if set. */
    /** The credit check's refusal of a business order's authorisation, as a decline reason. */
    private Optional<String> creditRefusal(Order order, MonetaryAmount amount) {
        return order.header().b2b().flatMap(terms -> credit.refusal(order.id(), terms.company(), amount))
                .map(reason -> {
                    String why = "credit limit of " + order.header().b2b().get().company() + ": " + reason;
                    return why.length() <= 512 ? why : why.substring(0, Character.isHighSurrogate(why.charAt(511)) ? 511 : 512);
                });
    }

    private PaymentGateway gatewayFor(Optional<PaymentMethod> method) {
        boolean balance = method.filter(m -> m.kind() == PaymentMethod.Kind.GIFT_CARD
                || m.kind() == PaymentMethod.Kind.STORE_CREDIT).isPresent();
        return balance && balances != null ? balances : gateway;
    }

    /** A payment command naming the amount, the provider's reference and the method. */
    @FunctionalInterface
    private interface Recording {
        OrderCommand record(MonetaryAmount amount, PaymentReference reference, Optional<PaymentMethod> method);
    }

    /** One movement on an order paid one way, or spread over the methods of one paid several. */
    private CommandResult move(OrderId orderId, Optional<MonetaryAmount> amount, CommandKey key, String operation,
            Call call, Recording record) {
        Optional<CommandResult> done = recorded(key);
        if (done.isPresent()) {
            return done.get();
        }
        Order order = orders.load(orderId);
        if (order.payments().methods().isEmpty()) {
            return moveMoney(orderId, amount.orElseThrow(), key, operation, call, record, Optional.empty());
        }
        return spread(order, amount, key, operation, call, record);
    }

    private CommandResult moveMoney(OrderId orderId, MonetaryAmount amount, CommandKey key, String operation,
            Call call, Recording record, Optional<PaymentMethod> method) {
        Optional<CommandResult> done = recorded(key);
        if (done.isPresent()) {
            return done.get();
        }
        Order order = check(orderId, record.record(amount, NOT_YET_KNOWN, method), key);
        PaymentResult result = call.call(gatewayFor(method), request(order, amount, key, method));
        if (result instanceof PaymentResult.Declined declined) {
            throw new PaymentDeclinedException(orderId, operation, declined.reason());
        }
        return orders.handle(orderId, record.record(amount, ((PaymentResult.Approved) result).reference(), method), key);
    }

    /**
     * Spreads a movement over an order's payment methods in the plan's order: each takes what it
     * can (all it can where no amount is given), under a key derived from the caller's and the
     * method's id. Parts recorded by an earlier attempt keep their amounts; the whole is checked
     * against what the methods can take before any part moves.
     */
    private CommandResult spread(Order order, Optional<MonetaryAmount> amount, CommandKey key, String operation,
            Call call, Recording record) {
        boolean refunding = !operation.equals("capture") && !operation.equals("void");
        amount.ifPresent(a -> Amounts.requirePositive(a, order.currency(), "amount"));
        List<MethodLedger> methods = plan.inOrder(order.payments().methods(), refunding);
        MonetaryAmount zero = Amounts.zero(order.currency());
        // what each method moved in an earlier attempt, or can move now
        List<MonetaryAmount> done = new ArrayList<>();
        MonetaryAmount room = zero;
        for (MethodLedger m : methods) {
            Optional<CommandResult> part = recorded(partKey(key, operation, m));
            MonetaryAmount moved = part.map(r -> movedIn(r, zero)).orElse(null);
            done.add(moved);
            room = room.add(moved != null ? moved : refunding ? m.ledger().refundable() : m.ledger().capturable());
        }
        if (amount.isPresent() && amount.get().isGreaterThan(room)) {
            throw new RuleViolationException.PaymentLimitExceededException(order.id(), refunding
                    ? "refund-within-captured" : operation.equals("void") ? "void-within-authorised"
                    : "capture-within-authorised", room, amount.get());
        }
        if (amount.isEmpty() && !room.isPositive()) {
            throw new RuleViolationException(order.id(), "void-within-authorised",
                    "nothing is authorised and uncaptured, so nothing can be voided");
        }
        MonetaryAmount left = amount.orElse(room);
        List<OrderEvent> events = new ArrayList<>();
        CommandResult last = null;
        boolean replayed = true;
        for (int i = 0; i < methods.size() && left.isPositive(); i++) {
            MethodLedger m = methods.get(i);
            MonetaryAmount can = done.get(i) != null ? done.get(i)
                    : refunding ? m.ledger().refundable() : m.ledger().capturable();
            MonetaryAmount part = can.isGreaterThan(left) ? left : can;
            if (!part.isPositive()) {
                continue;
            }
            CommandResult result = moveMoney(order.id(), part, partKey(key, operation, m), operation, call, record,
                    Optional.of(m.method()));
            events.addAll(result.events());
            replayed &= result.replayed() || done.get(i) != null;
            last = result;
            left = left.subtract(part);
        }
        return new CommandResult(last.order(), events, replayed);
    }

    private static CommandKey partKey(CommandKey key, String operation, MethodLedger method) {
        return key.derive(operation + ":" + method.method().id());
    }

    /** What a recorded part moved: the amount of its payment event. */
    private static MonetaryAmount movedIn(CommandResult result, MonetaryAmount zero) {
        for (OrderEvent event : result.events()) {
            if (event instanceof OrderEvent.PaymentCaptured e) {
                return e.amount();
            } else if (event instanceof OrderEvent.PaymentVoided e) {
                return e.amount();
            } else if (event instanceof OrderEvent.PaymentRefunded e) {
                return e.amount();
            }
        }
        return zero;
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
        return request(order, amount, key, Optional.empty());
    }

    private static PaymentRequest request(Order order, MonetaryAmount amount, CommandKey key,
            Optional<PaymentMethod> method) {
        return new PaymentRequest(order.id(), order.header().customer(), amount, key, method);
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
