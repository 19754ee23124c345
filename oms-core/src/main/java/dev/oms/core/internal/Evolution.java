package dev.oms.core.internal;

import dev.oms.core.TransitionTable;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.InvalidInputException.UnknownLineException;
import dev.oms.spi.Quantity;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.event.OrderEvent.HoldPlaced;
import dev.oms.spi.event.OrderEvent.HoldReleased;
import dev.oms.spi.event.OrderEvent.LineCancellation;
import dev.oms.spi.event.OrderEvent.LineCancelled;
import dev.oms.spi.event.OrderEvent.OrderArchived;
import dev.oms.spi.event.OrderEvent.OrderCancelled;
import dev.oms.spi.event.OrderEvent.OrderCompleted;
import dev.oms.spi.event.OrderEvent.OrderConfirmed;
import dev.oms.spi.event.OrderEvent.OrderEdited;
import dev.oms.spi.event.OrderEvent.OrderPlaced;
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
import dev.oms.spi.internal.PersonalData;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.Hold;
import dev.oms.spi.order.Order.LineQuantities;
import dev.oms.spi.order.Order.OrderLine;
import dev.oms.spi.order.Order.PaymentLedger;
import dev.oms.spi.order.OrderEdit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/** The order's evolution: one event applied to an order, the pure half of the decider. */
public final class Evolution {
    private Evolution() {
    }

    /**
     * See {@link dev.oms.core.OrderDecider#evolve}.
     *
     * @param order the order before the event; {@code null} exactly when the event is a placement
     * @param event the event
     * @return the order after it
     */
    public static Order evolve(Order order, OrderEvent event) {
        InvalidInputException.requireNonNull(event, "event");
        if (event instanceof OrderPlaced p) {
            if (order != null) {
                throw new InvalidInputException("event", "order " + order.id() + " is already placed");
            }
            List<OrderLine> lines = new ArrayList<>(p.lines().size());
            p.lines().forEach(line -> lines.add(OrderLine.from(line)));
            return new Order(p.orderId(), p.orderVersion(), p.header(), lines, p.discounts(), p.shippingCharges(),
                    TransitionTable.initialStatus(), PaymentLedger.empty(p.header().currency()), List.of(),
                    p.occurredAt());
        }
        if (order == null) {
            throw new InvalidInputException("event", "the first event of an order must be OrderPlaced, not "
                    + event.getClass().getSimpleName());
        }
        if (!order.id().equals(event.orderId())) {
            throw new InvalidInputException("event", "event " + event.eventId() + " belongs to order "
                    + event.orderId() + ", not " + order.id());
        }
        Order o = order.at(event.orderVersion(), event.occurredAt(), TransitionTable.statusAfter(order.status(),
                event));
        if (event instanceof OrderConfirmed || event instanceof OrderCompleted || event instanceof OrderArchived
                || event instanceof PaymentDeclined || event instanceof dev.oms.spi.event.OrderEvent.DeliveryPromised) {
            return o;
        }
        if (event instanceof PersonalDataErased) {
            return PersonalData.erased(o);
        }
        if (event instanceof HoldPlaced h) {
            List<Hold> holds = new ArrayList<>(o.holds());
            holds.add(h.hold());
            return o.withHolds(holds);
        } else if (event instanceof HoldReleased h) {
            return o.withHolds(o.holds().stream().filter(hold -> !hold.is(h.type(), h.code())).toList());
        } else if (event instanceof OrderCancelled c) {
            Order cancelled = o;
            for (LineCancellation lc : c.lines()) {
                cancelled = cancelLine(cancelled, lc);
            }
            return cancelled;
        } else if (event instanceof LineCancelled c) {
            return cancelLine(o, c.cancellation());
        } else if (event instanceof OrderEdited edited) {
            Order next = o;
            for (OrderEdit edit : edited.edits()) {
                next = Edits.apply(next, edit);
            }
            return next;
        } else if (event instanceof PaymentAuthorised p) {
            return o.withPayments(o.payments().authorise(p.amount(), p.method()));
        } else if (event instanceof PaymentCaptured p) {
            return o.withPayments(o.payments().capture(p.amount(), p.method()));
        } else if (event instanceof dev.oms.spi.event.OrderEvent.InvoiceSettled p) {
            return o.withPayments(o.payments().settle(p.amount(), Optional.of(p.method())));
        } else if (event instanceof PaymentVoided p) {
            return o.withPayments(o.payments().voidAuthorisation(p.amount(), p.method()));
        } else if (event instanceof PaymentRefunded p) {
            return o.withPayments(o.payments().refund(p.amount(), p.method()));
        } else if (event instanceof QuantitiesAllocated a) {
            return moveQuantities(o, a.lines(), LineQuantities::allocate);
        } else if (event instanceof QuantitiesDeallocated d) {
            return moveQuantities(o, d.lines(), LineQuantities::deallocate);
        } else if (event instanceof QuantitiesShipped s) {
            return moveQuantities(o, s.lines(), LineQuantities::ship);
        } else if (event instanceof QuantitiesDelivered d) {
            return moveQuantities(o, d.lines(), LineQuantities::deliver);
        } else if (event instanceof QuantitiesLost l) {
            return moveQuantities(o, l.lines(), LineQuantities::lose);
        } else if (event instanceof QuantitiesReturned r) {
            return moveQuantities(o, r.lines(), LineQuantities::markReturned);
        }
        throw new IllegalStateException("unhandled event " + event.getClass().getName());
    }

    private static Order cancelLine(Order o, LineCancellation lc) {
        return moveQuantities(o, List.of(new LineQuantity(lc.lineId(), lc.quantity())),
                (q, ignored) -> q.cancel(lc.fromUnallocated(), lc.fromAllocated()));
    }

    private static Order moveQuantities(Order o, List<LineQuantity> moves,
            BiFunction<LineQuantities, Quantity, LineQuantities> move) {
        List<OrderLine> lines = new ArrayList<>(o.lines());
        for (LineQuantity lq : moves) {
            int index = indexOf(o, lines, lq);
            OrderLine line = lines.get(index);
            lines.set(index, line.withQuantities(move.apply(line.quantities(), lq.quantity())));
        }
        return o.withLines(lines);
    }

    private static int indexOf(Order o, List<OrderLine> lines, LineQuantity lq) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).id().equals(lq.lineId())) {
                return i;
            }
        }
        throw new UnknownLineException(o.id(), lq.lineId());
    }
}
