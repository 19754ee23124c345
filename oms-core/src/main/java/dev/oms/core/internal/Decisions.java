package dev.oms.core.internal;

import dev.oms.core.OrderCommand;
import dev.oms.core.OrderCommand.Allocate;
import dev.oms.core.OrderCommand.Archive;
import dev.oms.core.OrderCommand.Cancel;
import dev.oms.core.OrderCommand.CancelLine;
import dev.oms.core.OrderCommand.Complete;
import dev.oms.core.OrderCommand.Confirm;
import dev.oms.core.OrderCommand.Deallocate;
import dev.oms.core.OrderCommand.Deliver;
import dev.oms.core.OrderCommand.Edit;
import dev.oms.core.OrderCommand.PlaceHold;
import dev.oms.core.OrderCommand.RecordAuthorisation;
import dev.oms.core.OrderCommand.RecordCapture;
import dev.oms.core.OrderCommand.RecordDecline;
import dev.oms.core.OrderCommand.RecordLoss;
import dev.oms.core.OrderCommand.RecordRefund;
import dev.oms.core.OrderCommand.RecordReturn;
import dev.oms.core.OrderCommand.RecordVoid;
import dev.oms.core.OrderCommand.ReleaseHold;
import dev.oms.core.OrderCommand.Ship;
import dev.oms.core.OrderDecider;
import dev.oms.core.OrderTotals;
import dev.oms.spi.Amounts;
import dev.oms.spi.CommandKey;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.RuleViolationException;
import dev.oms.spi.RuleViolationException.AllocatedUnitsException;
import dev.oms.spi.RuleViolationException.OrderOnHoldException;
import dev.oms.spi.RuleViolationException.PaymentLimitExceededException;
import dev.oms.spi.RuleViolationException.QuantityUnavailableException;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.event.OrderEvent.EventMetadata;
import dev.oms.spi.event.OrderEvent.HoldPlaced;
import dev.oms.spi.event.OrderEvent.HoldReleased;
import dev.oms.spi.event.OrderEvent.LineCancellation;
import dev.oms.spi.event.OrderEvent.LineCancelled;
import dev.oms.spi.event.OrderEvent.OrderArchived;
import dev.oms.spi.event.OrderEvent.OrderCancelled;
import dev.oms.spi.event.OrderEvent.OrderCompleted;
import dev.oms.spi.event.OrderEvent.OrderConfirmed;
import dev.oms.spi.event.OrderEvent.OrderEdited;
import dev.oms.spi.event.OrderEvent.PaymentAuthorised;
import dev.oms.spi.event.OrderEvent.PaymentCaptured;
import dev.oms.spi.event.OrderEvent.PaymentDeclined;
import dev.oms.spi.event.OrderEvent.PaymentRefunded;
import dev.oms.spi.event.OrderEvent.PaymentVoided;
import dev.oms.spi.event.OrderEvent.PersonalDataErased;
import dev.oms.spi.event.OrderEvent.QuantitiesAllocated;
import dev.oms.spi.event.OrderEvent.QuantitiesDeallocated;
import dev.oms.spi.event.OrderEvent.QuantitiesDelivered;
import dev.oms.spi.event.OrderEvent.QuantitiesLost;
import dev.oms.spi.event.OrderEvent.QuantitiesReturned;
import dev.oms.spi.event.OrderEvent.QuantitiesShipped;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.Order;
import dev.oms.spi.LineId;
import dev.oms.spi.order.Order.Hold;
import dev.oms.spi.order.Order.HoldType;
import dev.oms.spi.order.Order.LineQuantities;
import dev.oms.spi.order.Order.OrderLine;
import dev.oms.spi.order.OrderEdit;
import dev.oms.spi.order.Order.PaymentLedger;
import dev.oms.spi.payment.PaymentMethod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.money.MonetaryAmount;

/** The order's decisions: what events each command makes of an order, the rules half of the decider. */
public final class Decisions {
    private Decisions() {
    }

    /**
     * Decides one command on an order into its events (the transition table and the guards were
     * checked before).
     *
     * @param o the order
     * @param command the command
     * @param e where the events go
     */
    public static void decideInto(Order o, OrderCommand command, Events e) {
        if (command instanceof Confirm) {
            e.add(new OrderConfirmed(e.next()));
        } else if (command instanceof PlaceHold c) {
            if (o.hold(c.type(), c.code()).isPresent()) {
                throw new RuleViolationException(o.id(), "hold-already-active",
                        "hold " + c.type() + "/" + c.code() + " is already active");
            }
            e.add(new HoldPlaced(e.next(), new Hold(c.type(), c.code(), c.reason(), e.at)));
        } else if (command instanceof ReleaseHold c) {
            if (o.hold(c.type(), c.code()).isEmpty()) {
                throw new RuleViolationException(o.id(), "hold-not-active",
                        "hold " + c.type() + "/" + c.code() + " is not active");
            }
            e.add(new HoldReleased(e.next(), c.type(), c.code(), c.note()));
        } else if (command instanceof Cancel c) {
            decideCancel(o, c, e);
        } else if (command instanceof CancelLine c) {
            decideCancelLine(o, c, e);
        } else if (command instanceof Edit c) {
            Order edited = applyEdits(o, c.edits());
            e.add(new OrderEdited(e.next(), c.edits(), OrderTotals.of(o).grandTotal(),
                    OrderTotals.of(edited).grandTotal()));
        } else if (command instanceof RecordAuthorisation c) {
            MonetaryAmount amount = Amounts.requirePositive(c.amount(), o.currency(), "RecordAuthorisation.amount");
            requireMethod(o, c.method(), true);
            e.add(new PaymentAuthorised(e.next(), amount, c.reference(), c.method()));
            if (o.hold(HoldType.PAYMENT, OrderDecider.DECLINE_HOLD_CODE).isPresent()) {
                e.add(new HoldReleased(e.next(), HoldType.PAYMENT, OrderDecider.DECLINE_HOLD_CODE,
                        "payment authorised"));
            }
        } else if (command instanceof RecordDecline c) {
            MonetaryAmount amount = Amounts.requirePositive(c.amount(), o.currency(), "RecordDecline.amount");
            e.add(new PaymentDeclined(e.next(), amount, c.reason(), c.method()));
            if (o.hold(HoldType.PAYMENT, OrderDecider.DECLINE_HOLD_CODE).isEmpty()) {
                e.add(new HoldPlaced(e.next(),
                        new Hold(HoldType.PAYMENT, OrderDecider.DECLINE_HOLD_CODE, "payment declined: " + c.reason(),
                                e.at)));
            }
        } else if (command instanceof RecordCapture c) {
            PaymentLedger ledger = requireMethod(o, c.method(), false);
            MonetaryAmount amount = requirePayment(o, c.amount(), ledger.capturable(),
                    "capture-within-authorised", "RecordCapture.amount");
            e.add(new PaymentCaptured(e.next(), amount, c.reference(), c.method()));
        } else if (command instanceof OrderCommand.RecordSettlement c) {
            if (c.method().kind() != dev.oms.spi.payment.PaymentMethod.Kind.INVOICE) {
                throw new RuleViolationException(o.id(), "settlement-of-an-invoice", "payment method " + c.method().id()
                        + " is a " + c.method().kind() + "; only an invoice is settled after its capture");
            }
            PaymentLedger ledger = requireMethod(o, Optional.of(c.method()), false);
            MonetaryAmount amount = requirePayment(o, c.amount(), ledger.captured().subtract(ledger.settled()),
                    "settlement-within-invoiced", "RecordSettlement.amount");
            e.add(new dev.oms.spi.event.OrderEvent.InvoiceSettled(e.next(), amount, c.reference(), c.method()));
        } else if (command instanceof RecordVoid c) {
            PaymentLedger ledger = requireMethod(o, c.method(), false);
            MonetaryAmount amount = requirePayment(o, c.amount(), ledger.capturable(),
                    "void-within-authorised", "RecordVoid.amount");
            e.add(new PaymentVoided(e.next(), amount, c.reference(), c.method()));
        } else if (command instanceof RecordRefund c) {
            PaymentLedger ledger = requireMethod(o, c.method(), false);
            MonetaryAmount amount = requirePayment(o, c.amount(), ledger.refundable(),
                    "refund-within-captured", "RecordRefund.amount");
            e.add(new PaymentRefunded(e.next(), amount, c.reference(), c.method()));
        } else if (command instanceof Allocate c) {
            requireNoHolds(o);
            requireAvailable(o, c.lines(), "unallocated", LineQuantities::unallocated);
            e.add(new QuantitiesAllocated(e.next(), c.location(), c.lines()));
        } else if (command instanceof Deallocate c) {
            requireAvailable(o, c.lines(), "allocated", LineQuantities::allocated);
            e.add(new QuantitiesDeallocated(e.next(), c.location(), c.lines()));
        } else if (command instanceof Ship c) {
            // Holds stop fulfilment before a parcel leaves (allocation here, picking to labelling in
            // oms-fulfillment); a parcel that has left is recorded whatever was placed since.
            requireAvailable(o, c.lines(), "allocated", LineQuantities::allocated);
            e.add(new QuantitiesShipped(e.next(), c.shipment(), c.lines()));
        } else if (command instanceof Deliver c) {
            requireAvailable(o, c.lines(), "inTransit", LineQuantities::inTransit);
            Instant at = c.deliveredAt().filter(t -> !t.isAfter(e.at)).orElse(e.at);
            e.add(new QuantitiesDelivered(e.next(), c.shipment(), c.lines(), at));
        } else if (command instanceof RecordLoss c) {
            requireAvailable(o, c.lines(), "inTransit", LineQuantities::inTransit);
            e.add(new QuantitiesLost(e.next(), c.lines(), c.note()));
        } else if (command instanceof RecordReturn c) {
            requireAvailable(o, c.lines(), "returnable", q -> q.delivered().minus(q.returned()));
            e.add(new QuantitiesReturned(e.next(), c.returnId(), c.lines()));
        } else if (command instanceof Complete) {
            for (OrderLine line : o.lines()) {
                LineQuantities q = line.quantities();
                if (!q.settled().equals(q.open())) {
                    throw new RuleViolationException(o.id(), "complete-requires-delivery", "line " + line.id()
                            + " has " + q.open() + " open but only " + q.delivered() + " delivered"
                            + (q.lost().isPositive() ? " and " + q.lost() + " lost" : ""));
                }
            }
            e.add(new OrderCompleted(e.next()));
        } else if (command instanceof Archive) {
            e.add(new OrderArchived(e.next()));
        } else if (command instanceof OrderCommand.PromiseDelivery c) {
            for (LineId line : c.lines()) {
                LineQuantities q = o.requireLine(line).quantities();
                if (!q.unshipped().isPositive()) {
                    throw new RuleViolationException(o.id(), "promise-open-lines", "line " + line
                            + " has nothing left to deliver");
                }
            }
            e.add(new dev.oms.spi.event.OrderEvent.DeliveryPromised(e.next(), c.lines(), c.promisedBy(), c.lateStage(),
                    c.note()));
        } else if (command instanceof OrderCommand.ErasePersonalData) {
            e.add(new PersonalDataErased(e.next()));
        } else {
            throw new IllegalStateException("unhandled command " + command.kind());
        }
    }

    private static void decideCancel(Order o, Cancel c, Events e) {
        List<LineCancellation> cancellations = new ArrayList<>();
        for (OrderLine line : o.lines()) {
            LineQuantities q = line.quantities();
            if (q.shipped().isPositive()) {
                throw new RuleViolationException(o.id(), "cancel-before-shipment", "line " + line.id() + " has "
                        + q.shipped() + " shipped; cancel the remaining quantity line by line instead");
            }
        }
        for (OrderLine line : o.lines()) {
            LineQuantities q = line.quantities();
            if (q.allocated().isPositive()) {
                throw new AllocatedUnitsException(o.id(), line.id(), q.allocated().value());
            }
            if (q.unallocated().isPositive()) {
                cancellations.add(new LineCancellation(line.id(), q.unallocated(), Quantity.ZERO));
            }
        }
        e.add(new OrderCancelled(e.next(), c.reason(), c.note(), cancellations));
    }

    private static void decideCancelLine(Order o, CancelLine c, Events e) {
        LineQuantities q = o.requireLine(c.lineId()).quantities();
        if (c.quantity().isGreaterThan(q.unshipped())) {
            throw new QuantityUnavailableException(o.id(), c.lineId(), "unshipped", q.unshipped().value(),
                    c.quantity().value());
        }
        if (c.quantity().isGreaterThan(q.unallocated())) {
            throw new AllocatedUnitsException(o.id(), c.lineId(), q.allocated().value());
        }
        e.add(new LineCancelled(e.next(), c.reason(), c.note(),
                new LineCancellation(c.lineId(), c.quantity(), Quantity.ZERO)));
        long openLeft = -c.quantity().value();
        for (OrderLine line : o.lines()) {
            openLeft += line.quantities().open().value();
        }
        if (openLeft == 0) {
            e.add(new OrderCancelled(e.next(), c.reason(), c.note(), List.of()));
        }
    }

    private static Order applyEdits(Order order, List<OrderEdit> edits) {
        Order edited = order;
        for (OrderEdit edit : edits) {
            edited = Edits.apply(edited, edit);
        }
        boolean anyOpen = false;
        for (OrderLine line : edited.lines()) {
            anyOpen |= line.quantities().open().isPositive();
        }
        if (!anyOpen) {
            throw new RuleViolationException(order.id(), "edit-keeps-an-open-line",
                    "an edit must leave at least one line with open quantity; cancel the order instead");
        }
        return edited;
    }

    /**
     * The ledger a payment moves: the method's own where it names one (its limits are the
     * method's, within the order's), the order's where it names none. An order is paid either one
     * way (no payment names a method) or several (every payment names one); a method keeps its
     * kind; a capture, void or refund names a method that was authorised.
     */
    private static PaymentLedger requireMethod(Order o, Optional<PaymentMethod> method, boolean authorising) {
        PaymentLedger ledger = o.payments();
        boolean unnamedBefore = ledger.methods().isEmpty() && ledger.authorised().isPositive();
        if (method.isEmpty()) {
            if (!ledger.methods().isEmpty()) {
                throw new RuleViolationException(o.id(), "payment-method-named", "order " + o.id() + " is paid by "
                        + ledger.methods().size() + " payment methods; a payment names which one");
            }
            return ledger;
        }
        PaymentMethod m = method.get();
        if (unnamedBefore) {
            throw new RuleViolationException(o.id(), "payment-method-named", "order " + o.id() + " was paid without "
                    + "naming a payment method; its payments cannot name one (" + m.id() + ") now");
        }
        Optional<PaymentLedger.MethodLedger> own = ledger.method(m.id());
        if (own.isPresent() && own.get().method().kind() != m.kind()) {
            throw new RuleViolationException(o.id(), "payment-method-kind", "payment method " + m.id() + " is a "
                    + own.get().method().kind() + ", not a " + m.kind());
        }
        if (own.isEmpty() && !authorising) {
            throw new RuleViolationException(o.id(), "payment-method-authorised", "payment method " + m.id()
                    + " authorised nothing on order " + o.id());
        }
        return own.map(PaymentLedger.MethodLedger::ledger).orElse(ledger);
    }

    private static MonetaryAmount requirePayment(Order o, MonetaryAmount amount, MonetaryAmount limit, String rule,
            String field) {
        Amounts.requirePositive(amount, o.currency(), field);
        if (amount.isGreaterThan(limit)) {
            throw new PaymentLimitExceededException(o.id(), rule, limit, amount);
        }
        return amount;
    }

    private static void requireNoHolds(Order o) {
        if (o.isOnHold()) {
            throw new OrderOnHoldException(o.id(), o.holds());
        }
    }

    private static void requireAvailable(Order o, List<LineQuantity> lines, String bucket,
            Function<LineQuantities, Quantity> available) {
        for (LineQuantity lq : lines) {
            Quantity in = available.apply(o.requireLine(lq.lineId()).quantities());
            if (lq.quantity().isGreaterThan(in)) {
                throw new QuantityUnavailableException(o.id(), lq.lineId(), bucket, in.value(), lq.quantity().value());
            }
        }
    }

    /** Collects the events of one decision; all share the new version, time and key. */
    public static final class Events {
        private final IdGenerator ids;
        private final OrderId orderId;
        private final long version;
        /** @return when the decision is made: the time of its events */
        final Instant at;
        private final Optional<CommandKey> key;
        private final List<OrderEvent> list = new ArrayList<>(2);

        /**
         * @param ids where event ids come from
         * @param orderId the order
         * @param version the version the decision makes
         * @param at the decision's time
         * @param key the command key, if any
         */
        public Events(IdGenerator ids, OrderId orderId, long version, Instant at, Optional<CommandKey> key) {
            this.ids = ids;
            this.orderId = orderId;
            this.version = version;
            this.at = at;
            this.key = key;
        }

        EventMetadata next() {
            return new EventMetadata(ids.newEventId(), orderId, version, at, key);
        }

        void add(OrderEvent event) {
            list.add(event);
        }

        /** @return the decided events, in order */
        public List<OrderEvent> events() {
            return list;
        }
    }
}
