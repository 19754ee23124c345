package dev.oms.returns.internal;

import dev.oms.core.OrderService;
import dev.oms.core.internal.shared.CommandFingerprint;
import dev.oms.core.internal.shared.Idempotency;
import dev.oms.returns.ReturnDecider;
import dev.oms.returns.ReturnDraft;
import dev.oms.returns.ReturnDraft.LineToReturn;
import dev.oms.returns.ReturnPolicy;
import dev.oms.returns.ReturnPolicy.PolicyViolation;
import dev.oms.returns.ReturnPolicy.ReturnRefusedException;
import dev.oms.returns.internal.ReturnSteps;
import dev.oms.returns.internal.Settlement;
import dev.oms.spi.CommandKey;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.InvalidInputException.CurrencyMismatchException;
import dev.oms.spi.LineId;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReturnId;
import dev.oms.spi.StaleVersionException.ReturnConflictException;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.event.OrderEvent.PersonalDataErased;
import dev.oms.spi.event.OrderEvent.QuantitiesDelivered;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.LineTax;
import dev.oms.spi.order.NewLine;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.OrderLine;
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.returns.ReturnEvent;
import dev.oms.spi.returns.ReturnRequest;
import dev.oms.spi.returns.ReturnRequest.ClaimResolution;
import dev.oms.spi.returns.ReturnRequest.Replacement;
import dev.oms.spi.returns.ReturnRequest.ReturnKind;
import dev.oms.spi.returns.ReturnRequest.ReturnLine;
import dev.oms.spi.returns.ReturnRequest.ReturnStatus;
import dev.oms.spi.returns.ReturnRequest.ShippingPayer;
import dev.oms.spi.returns.ReturnStore;
import dev.oms.spi.returns.ReturnStore.ReturnChange;
import dev.oms.spi.store.CommandRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.money.MonetaryAmount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Taking a return, exchange or claim in: the request checked against the policy (window,
 * returnable units, what other open requests hold, an archived or erased order), the new return
 * with its lines and, for an exchange or claim, the free replacement it asks for, counted against
 * the order's refund account so concurrent requests are decided one after the other.
 */
public final class Intake {
    private static final Logger LOG = LoggerFactory.getLogger(Intake.class);
    private static final int MAX_ATTEMPTS = ReturnSteps.MAX_ATTEMPTS;

    private final ReturnSteps steps;
    private final Settlement settlement;
    private final ReturnStore store;
    private final ReturnDecider decider;
    private final OrderService orders;
    private final ReturnPolicy policy;
    private final Clock clock;

    /**
     * @param steps the steps' plumbing
     * @param settlement what a claim's reasons mean
     * @param store where returns live
     * @param decider decides the steps
     * @param orders the order service
     * @param policy the return policy
     * @param clock the time requests are made at
     */
    public Intake(ReturnSteps steps, Settlement settlement, ReturnStore store, ReturnDecider decider,
            OrderService orders, ReturnPolicy policy, Clock clock) {
        this.steps = steps;
        this.settlement = settlement;
        this.store = store;
        this.decider = decider;
        this.orders = orders;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * Asks for a return, an exchange or a claim.
     *
     * @param draft what is asked
     * @param key the idempotency key; the return's id is derived from it
     * @return the request, {@link ReturnStatus#REQUESTED}
     * @throws ReturnRefusedException with every policy violation; nothing was saved
     * @throws CurrencyMismatchException if replacement prices are in another currency than the order
     */
    public ReturnRequest request(ReturnDraft draft, CommandKey key) {
        InvalidInputException.requireNonNull(draft, "draft");
        InvalidInputException.requireNonNull(key, "key");
        ReturnId id = ReturnId.of("rma-" + CommandFingerprint.ofKey(key).substring(0, 20));
        List<Object> content = List.of("request", draft);
        String fingerprint = CommandFingerprint.of(content);
        Idempotency.Recorded<ReturnRequest> recorded = () -> store.findCommand(key).map(done -> {
            ReturnSteps.requireSameCommand(done, content);
            return steps.load(id);
        });
        return Idempotency.run(() -> "return " + id + " request", recorded, MAX_ATTEMPTS, ReturnConflictException.class,
                () -> requestOnce(id, draft, key, fingerprint));
    }

    /** One attempt: the policy's checks on the fresh order, then the new return with its account write. */
    private ReturnRequest requestOnce(ReturnId id, ReturnDraft draft, CommandKey key, String fingerprint) {
        // The account first: if another request lands after this read, the save below conflicts.
        var account = store.refundAccount(draft.orderId());
        Order order = orders.load(draft.orderId());
        Instant now = clock.instant();
        List<OrderEvent> history = orders.history(order.id());
        List<PolicyViolation> violations = new ArrayList<>(policy.check(order, draft.kind(), draft.lines(),
                deliveredAt(history), held(store.ofOrder(order.id())), now));
        // an archived order takes no return; an erased one neither: its customer and addresses are gone
        String refused = order.status() == OrderStatus.ARCHIVED ? "order-not-archived"
                : history.stream().anyMatch(PersonalDataErased.class::isInstance) ? "order-not-erased" : null;
        if (refused != null) {
            for (LineToReturn line : draft.lines()) {
                violations.add(new PolicyViolation(refused, line.lineId(), "order " + order.id() + " is "
                        + (refused.equals("order-not-archived") ? "archived" : "erased (its personal data)")));
            }
        }
        if (!violations.isEmpty()) {
            throw new ReturnRefusedException(order.id(), violations);
        }
        ReturnRequest created = newRequest(id, order, draft, now);
        ReturnEvent.Requested event = decider.request(created);
        store.save(new ReturnChange(created, 0, List.of(event),
                Optional.of(new ReturnChange.AccountWrite(account.next(), account.version())),
                Optional.of(new CommandRecord(key, fingerprint, order.id(), 1, List.of(event.eventId())))));
        LOG.debug("return {} requested for order {}: {} {}", id, order.id(), draft.kind(), draft.lines());
        return created;
    }

    /**
     * What {@link #grantGoodwill} would give now, line by line, without counting or saving anything.
     *
     * @param goodwill what is given
     * @param method where the money would go
     * @return the goodwill refund
     */
    public dev.oms.spi.returns.RefundBreakdown previewGoodwill(dev.oms.returns.Goodwill goodwill,
            dev.oms.spi.returns.RefundBreakdown.RefundMethod method) {
        InvalidInputException.requireNonNull(goodwill, "goodwill");
        Settlement.requirePayout(method);
        return RefundCalculator.goodwill(orders.load(goodwill.orderId()), goodwill,
                store.refundAccount(goodwill.orderId()), method, policy.refundConventions()).breakdown();
    }

    /**
     * Creates a goodwill request, approved, with its refund calculated and counted against the
     * order's refund account in one save; {@code Settlement.refund} then pays it. Its id is
     * derived from the key, so a repeat after a crash finds it.
     *
     * @param goodwill what is given
     * @param method where the money goes
     * @param key the caller's idempotency key
     * @return the goodwill request, approved, its refund calculated
     */
    public ReturnRequest grantGoodwill(dev.oms.returns.Goodwill goodwill,
            dev.oms.spi.returns.RefundBreakdown.RefundMethod method, CommandKey key) {
        InvalidInputException.requireNonNull(goodwill, "goodwill");
        Settlement.requirePayout(method);
        InvalidInputException.requireNonNull(key, "key");
        ReturnId id = ReturnId.of("gw-" + CommandFingerprint.ofKey(key).substring(0, 20));
        CommandKey grantKey = ReturnSteps.derived(key, "goodwill");
        List<Object> content = List.of("goodwill", goodwill, method);
        String fingerprint = CommandFingerprint.of(content);
        Idempotency.Recorded<ReturnRequest> recorded = () -> store.findCommand(grantKey).map(done -> {
            ReturnSteps.requireSameCommand(done, content);
            return steps.load(id);
        });
        return Idempotency.run(() -> "goodwill " + id, recorded, MAX_ATTEMPTS, ReturnConflictException.class, () -> {
            var account = store.refundAccount(goodwill.orderId());
            Order order = orders.load(goodwill.orderId());
            requireOpenToGoodwill(order);
            RefundCalculator.Result result = RefundCalculator.goodwill(order, goodwill, account, method,
                    policy.refundConventions());
            dev.oms.spi.returns.RefundBreakdown refund = result.breakdown();
            settlement.requireRefundable(order, refund);
            List<ReturnLine> lines = new ArrayList<>();
            for (dev.oms.spi.returns.RefundBreakdown.RefundLine given : refund.lines()) {
                OrderLine line = order.requireLine(given.lineId());
                long unrefunded = result.accountAfter().shares().get(line.id()).units()
                        - account.of(line.id()).units();
                lines.add(ReturnLine.requested(line.id(), line.sku(), Quantity.of(unrefunded), goodwill.reason()));
            }
            Instant now = clock.instant();
            ReturnRequest created = new ReturnRequest(id, order.id(), order.header().customer(), ReturnKind.GOODWILL,
                    ReturnStatus.APPROVED, lines, ShippingPayer.MERCHANT, Optional.empty(), Optional.empty(),
                    Optional.of(refund), Optional.empty(), Optional.empty(), "", now, now, 1);
            ReturnEvent.Requested event = decider.goodwill(created);
            store.save(new ReturnChange(created, 0, List.of(event),
                    Optional.of(new ReturnChange.AccountWrite(result.accountAfter(), account.version())),
                    Optional.of(new CommandRecord(grantKey, fingerprint, order.id(), 1, List.of(event.eventId())))));
            LOG.debug("goodwill {} of order {}: {} calculated", id, order.id(), refund.total());
            return created;
        });
    }

    /** An archived order takes no goodwill, and an erased one neither: its customer is gone. */
    private void requireOpenToGoodwill(Order order) {
        if (order.status() == OrderStatus.ARCHIVED) {
            throw new dev.oms.spi.RuleViolationException(order.id(), "order-not-archived", "order " + order.id()
                    + " is archived");
        }
        if (orders.history(order.id()).stream().anyMatch(PersonalDataErased.class::isInstance)) {
            throw new dev.oms.spi.RuleViolationException(order.id(), "order-not-erased", "order " + order.id()
                    + " is erased (its personal data)");
        }
    }

    private ReturnRequest newRequest(ReturnId id, Order order, ReturnDraft draft, Instant now) {
        List<ReturnLine> lines = new ArrayList<>();
        for (LineToReturn asked : draft.lines()) {
            OrderLine line = order.requireLine(asked.lineId());
            lines.add(ReturnLine.requested(line.id(), line.sku(), asked.quantity(), asked.reason()));
        }
        ShippingPayer payer = draft.kind() == ReturnKind.CLAIM ? ShippingPayer.MERCHANT
                : policy.shippingPayer(draft.lines().stream().map(LineToReturn::reason).toList());
        Optional<Replacement> replacement = Optional.empty();
        if (draft.kind() == ReturnKind.EXCHANGE) {
            for (int i = 0; i < draft.replacementLines().size(); i++) {
                NewLine l = draft.replacementLines().get(i);
                if (!l.unitPrice().getCurrency().equals(order.currency())) {
                    throw new CurrencyMismatchException("ReturnDraft.replacementLines", order.currency(),
                            l.unitPrice().getCurrency());
                }
                // the replacement order takes the original's tax policy, so its lines must fit it
                l.tax().requireFits(order.header().taxPolicy(), order.currency(),
                        "ReturnDraft.replacementLines[" + i + "].tax");
            }
            // and they must make an order the engine accepts (one rate per tax code, taxes within
            // gross prices, ...): decided now, stored only when the exchange places it
            orders.decider().place(ReturnSteps.replacement(order, id, draft.kind(), draft.replacementLines(), now))
                    .orThrow();
            replacement = Optional.of(new Replacement(draft.replacementLines(), draft.shipReplacementFirst(),
                    Optional.empty()));
        } else if (draft.claimResolution().filter(c -> c == ClaimResolution.REPLACEMENT).isPresent()) {
            replacement = Optional.of(new Replacement(freeCopies(order, lines), false, Optional.empty()));
        }
        return new ReturnRequest(id, order.id(), order.header().customer(), draft.kind(), ReturnStatus.REQUESTED,
                lines, payer, Optional.empty(), Optional.empty(), Optional.empty(), replacement,
                draft.claimResolution(), "", now, now, 1);
    }


    /** The claimed units again, free of charge. */
    private static List<NewLine> freeCopies(Order order, List<ReturnLine> lines) {
        MonetaryAmount zero = dev.oms.spi.Amounts.zero(order.currency());
        List<NewLine> copies = new ArrayList<>();
        for (ReturnLine l : lines) {
            copies.add(new NewLine(l.lineId(), l.sku(), l.quantity(), zero, zero, LineTax.none()));
        }
        return copies;
    }


    /**
     * Units other open requests hold against the order's delivered and in-transit units. A claim
     * for lost units stops holding them once settled: the order then records them lost.
     */
    private ReturnPolicy.Held held(List<ReturnRequest> existing) {
        Map<LineId, Quantity> delivered = new HashMap<>();
        Map<LineId, Quantity> inTransit = new HashMap<>();
        for (ReturnRequest r : existing) {
            if (!r.holdsUnits()) {
                continue;
            }
            for (ReturnLine line : r.lines()) {
                if (r.kind() == ReturnKind.CLAIM) {
                    boolean lost = settlement.undelivered(line);
                    boolean settled = r.status() == ReturnStatus.REFUNDED || r.status() == ReturnStatus.EXCHANGED
                            || r.status() == ReturnStatus.CLOSED;
                    if (lost && settled) {
                        continue;
                    }
                    (lost ? inTransit : delivered).merge(line.lineId(), line.quantity(), Quantity::plus);
                } else if (r.status() != ReturnStatus.CLOSED) {
                    // received units are already returned on the order; only those still expected are held
                    delivered.merge(line.lineId(), line.quantity().minus(line.received()), Quantity::plus);
                }
            }
        }
        return new ReturnPolicy.Held(delivered, inTransit);
    }


    /** When each line was last delivered (the carrier's time), from the order's events. */
    private static Map<LineId, Instant> deliveredAt(List<OrderEvent> history) {
        Map<LineId, Instant> at = new HashMap<>();
        for (OrderEvent event : history) {
            if (event instanceof QuantitiesDelivered delivered) {
                for (LineQuantity lq : delivered.lines()) {
                    at.merge(lq.lineId(), delivered.deliveredAt(), (a, b) -> a.isAfter(b) ? a : b);
                }
            }
        }
        return at;
    }
}
