package dev.oms.flow.internal;

import dev.oms.core.FraudScreening;
import dev.oms.core.OrderCommand;
import dev.oms.core.OrderTotals;
import dev.oms.core.PlaceOrder;
import dev.oms.core.TransitionTable.IllegalTransitionException;
import dev.oms.spi.OrderId;
import dev.oms.spi.RuleViolationException;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.HoldType;
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.payment.PaymentMethod;
import dev.oms.spi.payment.PaymentShare;
import dev.oms.spi.process.ProcessInput;
import dev.oms.spi.process.ProcessRecord.ProcessStep;
import dev.oms.spi.process.ProcessRecord.StepLine;
import dev.oms.spi.process.ProcessRecord.WaitReason;
import java.util.List;
import java.util.Optional;
import javax.money.MonetaryAmount;

/**
 * Accepting an order: place (if it is a placement), fraud screen, authorise what the order needs,
 * confirm, route and reserve into fulfilment orders, and make what is made to order
 * ({@link ProductionSteps}). It waits for a fraud review, for a payment after a decline, for a hold
 * to be released, for the stages of production, or for stock for units no location could take (a
 * backorder, routed again in the order the processes started when stock arrives); each wake-up
 * starts a new round of the steps that repeat (authorise, route).
 */
final class AcceptScript implements Script {
    private final Engines e;
    private final Routing routing;
    private final ProductionSteps production;

    AcceptScript(Engines engines) {
        this.e = engines;
        this.routing = new Routing(engines);
        this.production = new ProductionSteps(engines, routing);
    }

    @Override
    public void run(Run run) {
        OrderId id = placed(run);
        String round = String.valueOf(run.count("wake-") + 1);
        Order order = e.orders().load(id);
        if (ended(order)) {
            // ended (cancelled, say) while this process lay crashed between reserving at a planned
            // location and creating its fulfilment order: that stock goes back; or between an
            // authorisation and its record: that money is released
            routing.giveBackUnfinished(run);
            releaseUnrecorded(run, id, order);
            QuoteHolds.giveBackUntaken(e, run);
            return;
        }
        if (!run.done("screen")) {
            boolean screen = order.status() == OrderStatus.PENDING
                    && order.hold(HoldType.FRAUD_REVIEW, FraudScreening.HOLD_CODE).isEmpty();
            OrderStatus was = order.status();
            run.once("screen", () -> screen
                    ? new ProcessStep("screen", List.of(), Optional.empty(),
                            e.fraud().screen(id, run.key("screen")).verdict().outcome().name())
                    : new ProcessStep("screen", List.of(), Optional.empty(), "not screened: already " + was));
            order = e.orders().load(id);
        }
        if (ended(order)) {
            QuoteHolds.giveBackUntaken(e, run);
            return; // rejected by the screen
        }
        if (order.hold(HoldType.FRAUD_REVIEW, FraudScreening.HOLD_CODE).isPresent()) {
            run.park(WaitReason.FRAUD_REVIEW, Optional.empty());
        }
        if (!run.done("approval")) {
            Order screened = order;
            run.once("approval", () -> approval(run, id, screened));
            order = e.orders().load(id);
        }
        order = authorise(run, id, order, round);
        if (ended(order)) {
            QuoteHolds.giveBackUntaken(e, run);
            return; // cancelled while it was authorised
        }
        if (order.status() == OrderStatus.PENDING) {
            run.once("confirm", () -> e.orders().handle(id, new OrderCommand.Confirm(), run.key("confirm")));
            order = e.orders().load(id);
        }
        if (order.isOnHold()) {
            // A plan recorded before the hold (a crash may have stopped it between reserving and
            // creating a fulfilment order) finishes its locations first: routing plans nothing new
            // while the order is on hold, and stock it allocated is never left without its
            // fulfilment order (which a cancellation would then not find to give it back).
            routing.route(run, id, round);
            run.park(WaitReason.HOLD, Optional.empty());
        }
        List<StepLine> notRouted = routing.route(run, id, round);
        run.once("not-routed@" + round, () -> new ProcessStep("not-routed@" + round, notRouted, Optional.empty(),
                notRouted.isEmpty() ? "everything routed" : "waiting for stock"));
        boolean producing = production.advance(run, id);
        order = e.orders().load(id);
        if (order.isOnHold() && (routing.unrouted(order) > 0 || producing)) {
            run.park(WaitReason.HOLD, Optional.empty());
        }
        if (!ended(order) && producing) {
            run.park(WaitReason.PRODUCTION, Optional.empty());
        }
        if (!ended(order) && routing.unrouted(order) > 0) {
            run.park(WaitReason.STOCK, e.policy().backorderAfter().map(d -> run.record().startedAt().plus(d)));
        }
    }

    /**
     * Puts a business order its host's approval policy names an approver for on an approval hold
     * (the approver's reference its code); it is still authorised and confirmed, and waits on the
     * hold before routing, like any held order, until {@code OrderFlow.approve} releases it.
     */
    private ProcessStep approval(Run run, OrderId id, Order order) {
        if (order.header().b2b().isEmpty() || order.status() != OrderStatus.PENDING) {
            return new ProcessStep("approval", List.of(), Optional.empty(), "not needed");
        }
        if (order.holds().stream().anyMatch(h -> h.type() == HoldType.APPROVAL)) {
            return new ProcessStep("approval", List.of(), Optional.empty(), "waits already (an edit asked)");
        }
        Optional<String> approver = approverAtTotal(e, order);
        if (approver.isEmpty()) {
            return new ProcessStep("approval", List.of(), Optional.empty(), "within the buyer's limit");
        }
        String code = approver.get();
        e.orders().handle(id, new OrderCommand.PlaceHold(HoldType.APPROVAL, code, "waits for approval by " + code),
                run.key("approval"));
        return new ProcessStep("approval", List.of(), Optional.empty(), "waits for " + code);
    }

    /**
     * @return the approver the host's policy names for a business order at its grand total (a code),
     *     if it names one; asked at acceptance and after an edit that raised the total
     */
    static Optional<String> approverAtTotal(Engines e, Order order) {
        return e.approvals().approverFor(order, OrderTotals.of(order).grandTotal())
                .map(approver -> dev.oms.spi.InvalidInputException.requireCode(approver, "approver"));
    }

    /** The order: placed by the first step of a placement, or given. */
    private OrderId placed(Run run) {
        if (run.record().input() instanceof ProcessInput.Accept a) {
            ProcessStep step = run.once("place", () -> {
                PlaceOrder command = new PlaceOrder(a.header(), a.lines(), a.discounts(), a.shippingCharges());
                return new ProcessStep("place", List.of(), Optional.empty(),
                        e.orders().place(command, run.record().key()).order().id().value());
            });
            OrderId id = OrderId.of(step.note());
            run.orderIs(id);
            return id;
        }
        OrderId id = ((ProcessInput.AcceptPlaced) run.record().input()).orderId();
        run.orderIs(id);
        return id;
    }

    /**
     * Authorises what the order needs and is not authorised yet (once per round): by its payment
     * shares in their order if it was accepted with some, else in one amount (on an order paid
     * several ways, on {@link Money#topUpMethod}); waits for a payment after a decline.
     */
    private Order authorise(Run run, OrderId id, Order order, String round) {
        List<PaymentShare> shares = Money.sharesOf(run.record());
        boolean declined = order.hold(HoldType.PAYMENT, dev.oms.core.OrderDecider.DECLINE_HOLD_CODE).isPresent();
        boolean attempt = !declined || !round.equals("1");
        if (shares.isEmpty()) {
            MonetaryAmount needed = OrderTotals.of(order).grandTotal()
                    .subtract(order.payments().authorised().subtract(order.payments().voided()));
            Optional<PaymentMethod> method = Money.topUpMethod(order);
            authoriseOnce(run, id, "authorise@" + round, needed.isPositive() && attempt, needed, method);
            order = e.orders().load(id);
        } else {
            MonetaryAmount left = OrderTotals.of(order).grandTotal();
            for (PaymentShare share : shares) {
                MonetaryAmount rest = left;
                MonetaryAmount target = share.upTo().filter(upTo -> upTo.isLessThan(rest)).orElse(rest);
                MonetaryAmount held = order.payments().method(share.method().id())
                        .map(m -> m.ledger().authorised().subtract(m.ledger().voided())).orElse(target.multiply(0));
                MonetaryAmount needed = target.subtract(held);
                String name = "authorise@" + round + "/" + share.method().id();
                authoriseOnce(run, id, name, needed.isPositive() && attempt, needed, Optional.of(share.method()));
                // what the share covers: its target, or more if it holds more, never more than is left
                MonetaryAmount covers = held.isGreaterThan(target) ? (held.isLessThan(rest) ? held : rest) : target;
                left = left.subtract(covers);
                order = e.orders().load(id);
                if (ended(order) || run.recorded(outcomeOf(name))
                        .filter(outcome -> outcome.note().equals("declined")).isPresent()) {
                    break; // the shares after one declined in this round wait for the retry
                }
            }
        }
        if (order.hold(HoldType.PAYMENT, dev.oms.core.OrderDecider.DECLINE_HOLD_CODE).isPresent()) {
            run.park(WaitReason.PAYMENT, e.policy().unpaidAfter().map(d -> run.now().plus(d)));
        }
        return order;
    }

    /**
     * Decides an amount to authorise (recorded first, so a resume authorises what was decided
     * even if the order changed since) and authorises it, unless neither is to be done.
     */
    private void authoriseOnce(Run run, OrderId id, String name, boolean due, MonetaryAmount needed,
            Optional<PaymentMethod> method) {
        if (!due && !run.done(name)) {
            return;
        }
        ProcessStep decided = run.once(name, () -> new ProcessStep(name, List.of(), Optional.of(needed), "to authorise"));
        String outcome = outcomeOf(name);
        run.once(outcome, () -> {
            MonetaryAmount amount = decided.amount().orElseThrow();
            Order after;
            try {
                after = (method.isPresent() ? e.payments().authorise(id, method.get(), amount, run.key(name))
                        : e.payments().authorise(id, amount, run.key(name))).order();
            } catch (IllegalTransitionException | RuleViolationException refused) {
                if (!ended(e.orders().load(id))) {
                    throw refused;
                }
                // cancelled meanwhile: nothing was asked, or what was approved is voided already
                return new ProcessStep(outcome, List.of(), decided.amount(), "refused: " + refused.getMessage());
            }
            boolean ok = after.hold(HoldType.PAYMENT, dev.oms.core.OrderDecider.DECLINE_HOLD_CODE).isEmpty();
            return new ProcessStep(outcome, List.of(), decided.amount(), ok ? "authorised" : "declined");
        });
    }

    /**
     * Releases what a crash may have left authorised at the provider and never recorded: each
     * decided authorisation without its outcome, on an order that ended meanwhile (see
     * {@code OrderPayments.releaseUnrecorded}).
     */
    private void releaseUnrecorded(Run run, OrderId id, Order order) {
        List<PaymentShare> shares = Money.sharesOf(run.record());
        for (ProcessStep decided : run.steps("authorise@")) {
            String suffix = decided.name().substring("authorise".length());
            if (run.done(outcomeOf(decided.name()))) {
                continue;
            }
            int slash = suffix.indexOf('/');
            Optional<PaymentMethod> method = slash < 0 ? Money.topUpMethod(order) : shares.stream()
                    .map(PaymentShare::method).filter(m -> m.id().equals(suffix.substring(slash + 1))).findFirst();
            if (slash >= 0 && method.isEmpty()) {
                continue; // not a share of this acceptance: nothing was asked on it
            }
            run.once("released" + suffix, () -> new ProcessStep("released" + suffix, List.of(), decided.amount(),
                    Money.describeRelease(e.payments().releaseUnrecorded(id, method, decided.amount().orElseThrow(),
                            run.key(decided.name())))));
        }
    }

    /** @return the step recording the outcome of a decided authorisation ({@code authorise@1/gift} to {@code authorised@1/gift}) */
    private static String outcomeOf(String decided) {
        return "authorised" + decided.substring("authorise".length());
    }

    static boolean ended(Order order) {
        return order.status() == OrderStatus.CANCELLED || order.status() == OrderStatus.COMPLETED
                || order.status() == OrderStatus.ARCHIVED;
    }
}
