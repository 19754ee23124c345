package dev.oms.flow.internal;

import dev.oms.core.OrderCommand;
import dev.oms.core.OrderTotals;
import dev.oms.core.PaymentDeclinedException;
import dev.oms.core.ShippedValue;
import dev.oms.spi.Amounts;
import dev.oms.spi.OmsException;
import dev.oms.spi.OrderId;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.event.PaymentCaptured;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.OrderStatus;
import dev.oms.spi.order.OrderLine;
import dev.oms.spi.process.ProcessStep;
import dev.oms.spi.process.StepLine;
import dev.oms.spi.returns.RefundMethod;
import java.util.List;
import java.util.Optional;
import javax.money.MonetaryAmount;

/**
 * The flow's money: captures, refunds of price changes, voids, and the completion that ends an
 * order.
 *
 * <p>What a process captures is the change of the order's shipped value (ShippedValue) that its
 * own events caused, replaying the order's history: every event changes the value by
 * {@code after - before}, and the changes of all events add up to the value now. So a capture per
 * process never takes more than the value shipped in total, whatever another process's provider
 * did before timing out, and a cancellation that moves an order discount onto shipped units
 * refunds exactly the difference. Money prepaid by an exchange's credit (captures recorded with a
 * reference {@code exchange:...}) covers the first part of the value: the measure is
 * {@code max(0, shipped value - credit)}.
 *
 * <p>Each movement is two steps: the decision (the amount) is recorded first, then the provider is
 * called with a key derived from it, so a resume calls it again with the same amount and key.
 * Voids happen only when the order has ended (cancelled or completed): then no other process can
 * capture any more.
 */
final class Money {
    private static final String DECIDED = "money:";
    private static final String MOVED = "moved:";

    private final Engines e;

    Money(Engines engines) {
        this.e = engines;
    }

    /** Captures (or refunds) what this process's events changed of the shipped value, once. */
    void settle(Run run, OrderId orderId) {
        finishDecided(run);
        Order order = e.orders().load(orderId);
        MonetaryAmount change = valueChangedBy(run, e.orders().history(orderId));
        MonetaryAmount moved = Amounts.zero(order.currency());
        for (ProcessStep s : run.steps(DECIDED)) {
            MonetaryAmount a = s.amount().orElseThrow();
            moved = s.name().contains(":capture:") ? moved.add(a) : s.name().contains(":refund:") ? moved.subtract(a)
                    : moved;
        }
        MonetaryAmount toMove = change.subtract(moved);
        int n = run.count(DECIDED) + 1;
        if (toMove.isPositive()) {
            MonetaryAmount capturable = order.payments().capturable();
            MonetaryAmount amount = toMove.isGreaterThan(capturable) ? capturable : toMove;
            if (amount.isPositive()) {
                move(run, n, "capture", amount);
            }
            if (toMove.isGreaterThan(amount)) {
                run.once("not-done:capture:" + n, () -> new ProcessStep("not-done:capture:" + n, List.of(),
                        Optional.of(toMove.subtract(amount)), "shipped value of " + toMove.subtract(amount)
                        + " is not authorised, so it was not captured"));
            }
        } else if (toMove.isNegative()) {
            MonetaryAmount owed = toMove.negate();
            MonetaryAmount refundable = order.payments().refundable();
            MonetaryAmount amount = owed.isGreaterThan(refundable) ? refundable : owed;
            if (amount.isPositive()) {
                move(run, n, "refund", amount);
            }
        }
    }

    /** Moves the money of decisions recorded before a crash whose movement is not recorded. */
    private void finishDecided(Run run) {
        for (ProcessStep decided : run.steps(DECIDED)) {
            String rest = decided.name().substring(DECIDED.length());
            if (!rest.equals("void") && !run.done(MOVED + rest)) {
                String[] kindAndN = rest.split(":");
                move(run, Integer.parseInt(kindAndN[1]), kindAndN[0], decided.amount().orElseThrow());
            }
        }
    }

    /** Voids what is authorised and not captured, once the order has ended (cancelled or completed). */
    void releaseIfEnded(Run run, OrderId orderId) {
        Order order = e.orders().load(orderId);
        boolean ended = order.status() == OrderStatus.CANCELLED || order.status() == OrderStatus.COMPLETED;
        if (!ended || !e.policy().voidUnneeded() || run.done(MOVED + "void")) {
            return;
        }
        MonetaryAmount capturable = order.payments().capturable();
        if (capturable.isPositive() || run.done(DECIDED + "void")) {
            ProcessStep decided = run.once(DECIDED + "void", () -> new ProcessStep(DECIDED + "void", List.of(),
                    Optional.of(capturable), "the order ended; what it no longer needs is released"));
            run.once(MOVED + "void", () -> {
                try {
                    e.payments().voidAmount(orderId, decided.amount().orElseThrow(), run.key("void"));
                    return ProcessStep.done(MOVED + "void");
                } catch (PaymentDeclinedException | dev.oms.spi.PaymentLimitExceededException refused) {
                    return new ProcessStep(MOVED + "void", List.of(), Optional.empty(), "not voided: "
                            + refused.getMessage());
                }
            });
        }
    }

    /**
     * Completes the order once every open unit is delivered or lost (and something was), then
     * releases what it no longer needs.
     */
    void completeIfDone(Run run, OrderId orderId) {
        Order order = e.orders().load(orderId);
        if (order.status() == OrderStatus.PROCESSING && settled(order)) {
            run.once("complete", () -> {
                e.orders().handle(orderId, new OrderCommand.Complete(), run.key("complete"));
                return ProcessStep.done("complete");
            });
        }
        releaseIfEnded(run, orderId);
    }

    private static boolean settled(Order order) {
        boolean any = false;
        for (OrderLine line : order.lines()) {
            if (!line.quantities().settled().equals(line.quantities().open())) {
                return false;
            }
            any |= line.quantities().open().isPositive();
        }
        return any;
    }

    private void move(Run run, int n, String kind, MonetaryAmount amount) {
        String name = DECIDED + kind + ":" + n;
        ProcessStep decided = run.once(name, () -> new ProcessStep(name, List.of(), Optional.of(amount), kind));
        OrderId orderId = run.record().orderId().orElseThrow();
        run.once(MOVED + kind + ":" + n, () -> {
            MonetaryAmount a = decided.amount().orElseThrow();
            try {
                if (kind.equals("capture")) {
                    e.payments().capture(orderId, a, run.key(kind + ":" + n));
                } else if (e.policy().adjustmentRefunds() == RefundMethod.STORE_CREDIT && e.storeCredit().isPresent()) {
                    e.payments().refundAsStoreCredit(orderId, a, e.storeCredit().get(), run.key(kind + ":" + n));
                } else {
                    e.payments().refund(orderId, a, run.key(kind + ":" + n));
                }
                return ProcessStep.done(MOVED + kind + ":" + n);
            } catch (PaymentDeclinedException declined) {
                return new ProcessStep(MOVED + kind + ":" + n, List.<StepLine>of(), Optional.of(a), "declined: "
                        + declined.getMessage());
            }
        });
    }

    /**
     * The change of {@code max(0, shipped value - exchange credit)} caused by the process's own
     * events.
     */
    static MonetaryAmount valueChangedBy(Run run, List<OrderEvent> history) {
        Order order = null;
        MonetaryAmount credit = null;
        MonetaryAmount before = null;
        MonetaryAmount change = null;
        dev.oms.core.OrderDecider replay = dev.oms.core.OrderDecider.builder().build();
        for (OrderEvent event : history) {
            order = replay.evolve(order, event);
            if (credit == null) {
                credit = Amounts.zero(order.currency());
                before = credit;
                change = credit;
            }
            if (event instanceof PaymentCaptured captured && captured.reference().value().startsWith("exchange:")) {
                credit = credit.add(captured.amount());
            }
            MonetaryAmount after = ShippedValue.of(order).subtract(credit);
            after = after.isNegative() ? Amounts.zero(order.currency()) : after;
            if (run.caused(event)) {
                change = change.add(after.subtract(before));
            }
            before = after;
        }
        return change;
    }

    /** @return what the order's money is now (for results): its grand total */
    static MonetaryAmount grandTotal(Order order) {
        return OrderTotals.of(order).grandTotal();
    }

    /** @return whether a refusal is a typed one oms made on purpose (not a failure of a gateway or store) */
    static boolean refusal(RuntimeException e) {
        return e instanceof OmsException;
    }
}
