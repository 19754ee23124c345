package dev.oms.flow.internal;

import dev.oms.core.OrderCommand;
import dev.oms.core.OrderPayments.PaymentDeclinedException;
import dev.oms.core.internal.shared.ShippedValue;
import dev.oms.spi.Amounts;
import dev.oms.spi.CommandKey;
import dev.oms.spi.OrderId;
import dev.oms.spi.RuleViolationException.PaymentLimitExceededException;
import dev.oms.spi.StaleVersionException.ProcessConflictException;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.event.OrderEvent.PaymentCaptured;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.OrderLine;
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.payment.PaymentMethod;
import dev.oms.spi.payment.PaymentShare;
import dev.oms.spi.process.ProcessId;
import dev.oms.spi.process.ProcessInput;
import dev.oms.spi.process.ProcessRecord;
import dev.oms.spi.process.ProcessRecord.ProcessKind;
import dev.oms.spi.process.ProcessRecord.ProcessStatus;
import dev.oms.spi.process.ProcessRecord.ProcessStep;
import dev.oms.spi.process.ProcessRecord.WaitReason;
import dev.oms.spi.returns.RefundBreakdown.RefundMethod;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.money.MonetaryAmount;

/**
 * The flow's money: captures, refunds, voids, and the completion that ends an order.
 *
 * <p>Every process of an order moves money through one record, the order's money record (a
 * process record of kind {@link ProcessKind#PAYMENTS}), whose version serialises the decisions of
 * all of them, in this JVM or any other. A decision (capture, refund or void, with its amount) is
 * recorded there before the provider is called with a key derived from it, and marked once it is
 * carried out; whoever settles next carries out a decision a crash left pending, with the same
 * key, so the provider moves the money once.
 *
 * <p>What is decided follows the target {@code max(0, shipped value - exchange credit)}
 * ({@link ShippedValue}; an exchange's prepaid credit covers the first part of the value): while
 * the decided captures are below it, the difference is captured (within what is authorised);
 * while the order runs, captures are never taken back, so a value that dips (an edit moves an
 * order discount onto shipped units) and rises again is not refunded and captured twice; once
 * nothing is left to ship, or the order ended, decided money above the target is refunded, and an
 * ended order voids what is authorised and not captured. Because decisions count before the
 * provider answers, a provider that took the money and timed out never leads to a second capture
 * of it: the captures decided never exceed the most the shipped units were worth.
 */
final class Money {
    private static final int ATTEMPTS = 32;

    private final Engines e;

    Money(Engines engines) {
        this.e = engines;
    }

    /**
     * The method an order paid several ways authorises more on (an edit that costs more, a grand
     * total that accepting finds not fully authorised): its first card, else its first invoice or
     * bank transfer, else its last balance (whose gateway declines what the balance cannot hold).
     *
     * @param order the order
     * @return the method; empty for an order paid one way
     */
    static Optional<PaymentMethod> topUpMethod(Order order) {
        return topUpMethod(order.payments().methods().stream().map(m -> m.method()).toList());
    }

    /**
     * As {@link #topUpMethod(Order)}, for an order accepted with payment shares: chosen among the
     * shares' methods (so its card, the share for the rest, even while a declined share left the
     * ledger without it), else among the ledger's.
     *
     * @param order the order
     * @return the method; empty for an order paid one way
     */
    Optional<PaymentMethod> topUpMethodOf(Order order) {
        List<PaymentMethod> shares = e.processes().load(Processes.acceptanceOf(order)).map(Money::sharesOf)
                .orElse(List.of()).stream().map(PaymentShare::method).toList();
        return shares.isEmpty() ? topUpMethod(order) : topUpMethod(shares);
    }

    /**
     * @param acceptance an order's accepting process
     * @return the payment shares it was accepted with; empty for one paid one way or placed by other means
     */
    static List<PaymentShare> sharesOf(ProcessRecord acceptance) {
        return acceptance.input() instanceof ProcessInput.Accept a ? a.payments() : List.of();
    }

    /**
     * @param voided the provider's answer to the void of an approval never recorded, if there was one
     * @return what a process step says of it
     */
    static String describeRelease(Optional<dev.oms.spi.payment.PaymentGateway.PaymentResult> voided) {
        return voided.map(v -> v instanceof dev.oms.spi.payment.PaymentGateway.PaymentResult.Declined d
                ? "approved and never recorded; the provider declined its void: " + d.reason()
                : "approved and never recorded: voided").orElse("nothing held");
    }

    private static Optional<PaymentMethod> topUpMethod(List<PaymentMethod> methods) {
        return methods.stream().filter(m -> m.kind() == PaymentMethod.Kind.CARD).findFirst()
                .or(() -> methods.stream().filter(m -> m.kind() == PaymentMethod.Kind.INVOICE
                        || m.kind() == PaymentMethod.Kind.BANK_TRANSFER).findFirst())
                .or(() -> methods.isEmpty() ? Optional.empty() : Optional.of(methods.get(methods.size() - 1)));
    }

    /** @return the id of an order's money record */
    static ProcessId recordOf(OrderId orderId) {
        return Processes.idOf("payments\u0000" + orderId);
    }

    /**
     * Brings the money of the order to what its state says: carries out pending decisions, then
     * decides and carries out what is due, until nothing is.
     *
     * @param run the process that settles (named in the decisions it makes)
     * @param orderId the order
     */
    void settle(Run run, OrderId orderId) {
        ProcessRecord ledger = load(orderId);
        java.util.Set<String> refused = new java.util.HashSet<>();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<ProcessStep> pending = pending(ledger);
            if (pending.isPresent()) {
                ledger = carryOut(ledger, pending.get(), orderId);
                String n = pending.get().name().substring(1, pending.get().name().indexOf(':'));
                if (ledger.step("x" + n).filter(x -> x.note().startsWith("refused")).isPresent()) {
                    refused.add(pending.get().name().substring(pending.get().name().indexOf(':') + 1));
                }
                continue;
            }
            Optional<ProcessStep> due = decide(ledger, orderId, run)
                    .filter(d -> !refused.contains(d.name().substring(d.name().indexOf(':') + 1)));
            if (due.isEmpty()) {
                finishIfEnded(ledger, orderId);
                return;
            }
            ledger = save(ledger, due.get(), orderId);
        }
        throw new IllegalStateException("the money of order " + orderId + " did not settle in " + ATTEMPTS
                + " attempts");
    }

    /**
     * Completes the order once every open unit is delivered or lost (and something was), then
     * settles its money. What is still to capture is captured first: a completed order takes no
     * capture any more (only voids and refunds).
     */
    void completeIfDone(Run run, OrderId orderId) {
        Order order = e.orders().load(orderId);
        if (order.status() == OrderStatus.PROCESSING && settled(order)) {
            settle(run, orderId);
            run.once("complete", () -> {
                e.orders().handle(orderId, new OrderCommand.Complete(), run.key("complete"));
                return ProcessStep.done("complete");
            });
        }
        settle(run, orderId);
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

    /** The next decision due, if any. */
    private Optional<ProcessStep> decide(ProcessRecord ledger, OrderId orderId, Run run) {
        Order order = e.orders().load(orderId);
        MonetaryAmount target = target(order, e.orders().history(orderId));
        MonetaryAmount decided = decidedNet(ledger, order);
        boolean ended = order.status() == OrderStatus.CANCELLED || order.status() == OrderStatus.COMPLETED
                || order.status() == OrderStatus.ARCHIVED;
        boolean nothingToShip = order.lines().stream().allMatch(l -> l.quantities().unshipped().isZero());
        int n = decisions(ledger) + 1;
        String by = run.record().id().value();
        if (target.isGreaterThan(decided)) {
            MonetaryAmount owed = target.subtract(decided);
            MonetaryAmount capturable = order.payments().capturable();
            MonetaryAmount amount = owed.isGreaterThan(capturable) ? capturable : owed;
            if (amount.isPositive()) {
                return Optional.of(new ProcessStep("d" + n + ":capture", List.of(), Optional.of(amount), by));
            }
            run.once("not-done:capture", () -> new ProcessStep("not-done:capture", List.of(), Optional.of(owed),
                    "shipped value of " + owed + " is not authorised, so it is not captured"));
        } else if (decided.isGreaterThan(target) && (ended || nothingToShip)) {
            MonetaryAmount owed = decided.subtract(target);
            MonetaryAmount refundable = order.payments().refundable();
            MonetaryAmount amount = owed.isGreaterThan(refundable) ? refundable : owed;
            if (amount.isPositive()) {
                return Optional.of(new ProcessStep("d" + n + ":refund", List.of(), Optional.of(amount), by));
            }
        } else if (ended && e.policy().voidUnneeded() && order.payments().capturable().isPositive()
                && ledger.steps().stream().noneMatch(s -> s.name().startsWith("d") && s.name().endsWith(":void"))) {
            return Optional.of(new ProcessStep("d" + n + ":void", List.of(), Optional.of(order.payments().capturable()),
                    by));
        }
        return Optional.empty();
    }

    /** Carries out a recorded decision with its own key, then marks it done (or refused) on the record. */
    private ProcessRecord carryOut(ProcessRecord ledger, ProcessStep decision, OrderId orderId) {
        String n = decision.name().substring(1, decision.name().indexOf(':'));
        String kind = decision.name().substring(decision.name().indexOf(':') + 1);
        MonetaryAmount amount = decision.amount().orElseThrow();
        CommandKey key = CommandKey.reserved(ledger.id().value(), decision.name());
        String outcome = "";
        try {
            switch (kind) {
                case "capture" -> e.payments().capture(orderId, amount, key);
                case "void" -> e.payments().voidAmount(orderId, amount, key);
                default -> {
                    if (e.policy().adjustmentRefunds() == RefundMethod.STORE_CREDIT) {
                        e.payments().refundAsStoreCredit(orderId, amount, e.storeCredit().orElseThrow(), key);
                    } else {
                        e.payments().refund(orderId, amount, key);
                    }
                }
            }
        } catch (PaymentDeclinedException | PaymentLimitExceededException refused) {
            outcome = "refused: " + refused.getMessage();
        }
        return save(ledger, new ProcessStep("x" + n, List.of(), Optional.empty(), outcome.length() > 1000
                ? outcome.substring(0, 1000) : outcome), orderId);
    }

    private static Optional<ProcessStep> pending(ProcessRecord ledger) {
        for (ProcessStep s : ledger.steps()) {
            if (s.name().startsWith("d") && ledger.step("x" + s.name().substring(1, s.name().indexOf(':'))).isEmpty()) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    private static int decisions(ProcessRecord ledger) {
        return (int) ledger.steps().stream().filter(s -> s.name().startsWith("d")).count();
    }

    /** Captures minus refunds decided and not refused by the provider. */
    private static MonetaryAmount decidedNet(ProcessRecord ledger, Order order) {
        MonetaryAmount net = Amounts.zero(order.currency());
        for (ProcessStep s : ledger.steps()) {
            if (!s.name().startsWith("d")) {
                continue;
            }
            String n = s.name().substring(1, s.name().indexOf(':'));
            boolean refused = ledger.step("x" + n).filter(x -> x.note().startsWith("refused")).isPresent();
            if (refused) {
                continue;
            }
            if (s.name().endsWith(":capture")) {
                net = net.add(s.amount().orElseThrow());
            } else if (s.name().endsWith(":refund")) {
                net = net.subtract(s.amount().orElseThrow());
            }
        }
        return net;
    }

    /** {@code max(0, shipped value - exchange credit)}: what the flow is to have captured net. */
    static MonetaryAmount target(Order order, List<OrderEvent> history) {
        MonetaryAmount credit = Amounts.zero(order.currency());
        for (OrderEvent event : history) {
            if (event instanceof PaymentCaptured captured && captured.reference().value().startsWith("exchange:")) {
                credit = credit.add(captured.amount());
            }
        }
        MonetaryAmount value = ShippedValue.of(order).subtract(credit);
        return value.isNegative() ? Amounts.zero(order.currency()) : value;
    }

    /** An ended order's money record, settled, ends too. */
    private void finishIfEnded(ProcessRecord ledger, OrderId orderId) {
        Order order = e.orders().load(orderId);
        boolean ended = order.status() == OrderStatus.CANCELLED || order.status() == OrderStatus.COMPLETED
                || order.status() == OrderStatus.ARCHIVED;
        if (ended && ledger.status() != ProcessStatus.DONE) {
            try {
                e.processes().save(ledger.with(ProcessStatus.DONE, Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), e.clock().instant()));
            } catch (ProcessConflictException raced) {
                // another settler changed it; it finishes it when it is done
            }
        }
    }

    /** Appends a step to the money record, or, if another settler saved first, returns the record as it is now. */
    private ProcessRecord save(ProcessRecord ledger, ProcessStep step, OrderId orderId) {
        try {
            ProcessRecord next = ledger.withStep(step, e.clock().instant());
            e.processes().save(reopened(next));
            return reopened(next);
        } catch (ProcessConflictException raced) {
            return load(orderId);
        }
    }

    /** A money record that takes a step waits for its order to end again (a return after completion refunds). */
    private static ProcessRecord reopened(ProcessRecord r) {
        return r.status() == ProcessStatus.WAITING ? r : new ProcessRecord(r.id(), r.kind(), r.key(), r.fingerprint(),
                r.input(), r.orderId(), ProcessStatus.WAITING, Optional.of(WaitReason.ORDER_END), Optional.empty(),
                r.steps(), r.next(), r.failure(), r.attempts(), r.startedAt(), r.updatedAt(), r.version());
    }

    /** The order's money record, created on first use. */
    ProcessRecord load(OrderId orderId) {
        ProcessId id = recordOf(orderId);
        Optional<ProcessRecord> found = e.processes().load(id);
        if (found.isPresent()) {
            return found.get();
        }
        Instant now = e.clock().instant();
        ProcessRecord created = new ProcessRecord(id, ProcessKind.PAYMENTS, CommandKey.reserved(id.value(), "money"),
                "payments", new ProcessInput.Payments(orderId), Optional.of(orderId), ProcessStatus.WAITING,
                Optional.of(WaitReason.ORDER_END), Optional.empty(), List.of(), Optional.empty(), Optional.empty(), 0,
                now, now, 1);
        try {
            e.processes().save(created);
            return created;
        } catch (ProcessConflictException raced) {
            return e.processes().load(id).orElseThrow();
        }
    }
}
