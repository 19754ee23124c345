package dev.oms.core;

import dev.oms.spi.Amounts;
import dev.oms.spi.CommandKey;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.OrderId;
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
import dev.oms.spi.order.LineQuantity;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.money.MonetaryAmount;

/**
 * An order's events as a readable timeline for customer service screens: what happened, when,
 * at which version, and by which command (its key, when the caller gave one). Addresses and
 * customer references never appear in the texts; free text the host gave (a hold's reason, a
 * note) appears as given, until the order's personal data is erased, and a text left empty by an
 * erasure is left out. Thread-safe.
 */
public final class OrderHistory {
    private final OrderService orders;

    /** @param orders where the events are read */
    public OrderHistory(OrderService orders) {
        this.orders = InvalidInputException.requireNonNull(orders, "orders");
    }

    /**
     * One line of the timeline.
     *
     * @param at when it happened
     * @param version the order version it produced
     * @param event the event's type ({@code "OrderConfirmed"})
     * @param what what happened, in words
     * @param command the key of the command that caused it, if it had one
     */
    public record Entry(Instant at, long version, String event, String what, Optional<CommandKey> command) {
        @Override
        public String toString() {
            return at + "  v" + version + "  " + what + command.map(k -> "  [" + k + "]").orElse("");
        }
    }

    /**
     * @param orderId an order
     * @return its timeline, oldest first
     * @throws dev.oms.spi.OmsException.OrderNotFoundException if there is no such order
     */
    public List<Entry> timeline(OrderId orderId) {
        orders.load(orderId);
        return orders.history(orderId).stream().map(OrderHistory::entry).toList();
    }

    /**
     * @param event an order event
     * @return its line of the timeline
     */
    public static Entry entry(OrderEvent event) {
        return new Entry(event.occurredAt(), event.orderVersion(), event.getClass().getSimpleName(), describe(event),
                event.metadata().commandKey());
    }

    /**
     * @param event an order event
     * @return what it means, in words
     */
    public static String describe(OrderEvent event) {
        if (event instanceof OrderPlaced e) {
            long units = e.lines().stream().mapToLong(l -> l.quantity().value()).sum();
            return "Placed from " + e.header().channel() + " (" + e.header().externalOrderId() + "): " + e.lines().size()
                    + (e.lines().size() == 1 ? " line, " : " lines, ") + units + (units == 1 ? " unit" : " units")
                    + ", " + e.header().serviceLevel().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
        if (event instanceof OrderConfirmed) {
            return "Confirmed";
        }
        if (event instanceof HoldPlaced e) {
            return "Put on hold (" + words(e.hold().type().name()) + ")" + text(e.hold().reason());
        }
        if (event instanceof HoldReleased e) {
            return "Hold released (" + words(e.type().name()) + ")" + text(e.note());
        }
        if (event instanceof OrderCancelled e) {
            return "Cancelled (" + words(e.reason().name()) + ")" + text(e.note());
        }
        if (event instanceof LineCancelled e) {
            LineCancellation c = e.cancellation();
            return "Line " + c.lineId() + ": " + (c.fromUnallocated().value() + c.fromAllocated().value())
                    + " cancelled (" + words(e.reason().name()) + ")";
        }
        if (event instanceof OrderEdited e) {
            return "Edited (" + e.edits().size() + (e.edits().size() == 1 ? " change" : " changes") + "): total "
                    + money(e.grandTotalBefore()) + " -> " + money(e.grandTotalAfter());
        }
        if (event instanceof PaymentAuthorised e) {
            return "Payment authorised: " + money(e.amount());
        }
        if (event instanceof PaymentDeclined e) {
            return "Payment declined: " + money(e.amount()) + e.method().map(m -> " on " + m.id()).orElse("")
                    + (e.reason().isBlank() ? "" : " (" + e.reason() + ")");
        }
        if (event instanceof PaymentCaptured e) {
            return "Payment captured: " + money(e.amount());
        }
        if (event instanceof dev.oms.spi.event.OrderEvent.DeliveryPromised e) {
            return "Delivery promised by " + e.promisedBy() + " for lines " + e.lines()
                    + e.lateStage().map(stage -> ", after " + stage + " finished late").orElse("")
                    + (e.note().isBlank() ? "" : " (" + e.note() + ")");
        }
        if (event instanceof dev.oms.spi.event.OrderEvent.InvoiceSettled e) {
            return "Invoice settled: " + money(e.amount()) + " on " + e.method().id();
        }
        if (event instanceof PaymentVoided e) {
            return "Authorisation voided: " + money(e.amount());
        }
        if (event instanceof PaymentRefunded e) {
            return "Refunded: " + money(e.amount());
        }
        if (event instanceof QuantitiesAllocated e) {
            return "Allocated to " + e.location() + ": " + units(e.lines());
        }
        if (event instanceof QuantitiesDeallocated e) {
            return "Taken back from " + e.location() + ": " + units(e.lines());
        }
        if (event instanceof QuantitiesShipped e) {
            return "Shipped in " + e.shipment() + ": " + units(e.lines());
        }
        if (event instanceof QuantitiesDelivered e) {
            return "Delivered (" + e.shipment() + "): " + units(e.lines());
        }
        if (event instanceof QuantitiesLost e) {
            return "Lost in transit" + (e.note().isBlank() ? "" : " (" + e.note() + ")") + ": " + units(e.lines());
        }
        if (event instanceof QuantitiesReturned e) {
            return "Returned (" + e.returnId() + "): " + units(e.lines());
        }
        if (event instanceof OrderCompleted) {
            return "Completed";
        }
        if (event instanceof OrderArchived) {
            return "Archived";
        }
        if (event instanceof PersonalDataErased) {
            return "Personal data erased";
        }
        throw new IllegalStateException("no description for " + event.getClass());
    }

    private static String units(List<LineQuantity> lines) {
        return lines.stream().map(l -> l.quantity() + " of line " + l.lineId()).collect(Collectors.joining(", "));
    }

    private static String money(MonetaryAmount amount) {
        return Amounts.format(amount);
    }

    /** {@code ": " + text}, or nothing for an empty text (an erased one, say). */
    private static String text(String text) {
        return text.isBlank() ? "" : ": " + text;
    }

    private static String words(String constant) {
        return constant.toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
