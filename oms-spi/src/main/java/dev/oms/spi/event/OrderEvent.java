package dev.oms.spi.event;

import dev.oms.spi.CommandKey;
import dev.oms.spi.EventId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.PaymentReference;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReturnId;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.NewLine;
import dev.oms.spi.order.Order.Discount;
import dev.oms.spi.order.Order.Hold;
import dev.oms.spi.order.Order.HoldType;
import dev.oms.spi.order.Order.OrderHeader;
import dev.oms.spi.order.Order.ShippingCharge;
import dev.oms.spi.order.OrderEdit;
import dev.oms.spi.payment.PaymentMethod;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.money.MonetaryAmount;

/**
 * A fact about an order: the closed family of everything that can happen to one.
 *
 * <p>Events are saved with the state change they describe, in one atomic step (the outbox), and
 * relayed at least once; consumers de-duplicate by {@link #eventId()}. Applying an order's events
 * in order, from nothing, reproduces the stored order exactly.
 *
 * <p>The events are the records nested here, in the order they are declared. Each keeps the name
 * it had as a type of its own ({@code OrderPlaced}, not {@code Placed}) because that simple name is
 * the {@code "@type"} tag of its stored and relayed JSON.
 */
public sealed interface OrderEvent {

    /** @return id, order, version, time and causing command */
    EventMetadata metadata();

    /** @return the unique id of this event */
    default EventId eventId() {
        return metadata().eventId();
    }

    /** @return the order */
    default OrderId orderId() {
        return metadata().orderId();
    }

    /** @return the order version this change produced */
    default long orderVersion() {
        return metadata().orderVersion();
    }

    /** @return when it happened */
    default Instant occurredAt() {
        return metadata().occurredAt();
    }

    /**
     * An order was placed: the first event of every order, holding everything it was placed with.
     *
     * @param metadata id, order, version, time and causing command
     * @param header channel, customer, addresses, service level, currency
     * @param lines the lines as placed
     * @param discounts order-level discounts
     * @param shippingCharges delivery charges
     */
    record OrderPlaced(EventMetadata metadata, OrderHeader header, List<NewLine> lines, List<Discount> discounts,
            List<ShippingCharge> shippingCharges) implements OrderEvent {
        /**
         * @throws InvalidInputException if a field is null, or a line's unit price or discount is
         *     not in the header's currency or finer than its pricing allows
         */
        public OrderPlaced {
            InvalidInputException.requireNonNull(metadata, "OrderPlaced.metadata");
            InvalidInputException.requireNonNull(header, "OrderPlaced.header");
            lines = List.copyOf(InvalidInputException.requireNonNull(lines, "OrderPlaced.lines"));
            for (int i = 0; i < lines.size(); i++) {
                header.pricing().requireUnitAmount(lines.get(i).unitPrice(), header.currency(),
                        "OrderPlaced.lines[" + i + "].unitPrice");
                header.pricing().requireUnitAmount(lines.get(i).unitDiscount(), header.currency(),
                        "OrderPlaced.lines[" + i + "].unitDiscount");
            }
            discounts = List.copyOf(InvalidInputException.requireNonNull(discounts, "OrderPlaced.discounts"));
            shippingCharges = List.copyOf(
                    InvalidInputException.requireNonNull(shippingCharges, "OrderPlaced.shippingCharges"));
        }
    }

    /**
     * The order was confirmed for fulfilment.
     *
     * @param metadata id, order, version, time and causing command

     */
    record OrderConfirmed(EventMetadata metadata) implements OrderEvent {
        /** @throws InvalidInputException if a field is null */
        public OrderConfirmed {
            InvalidInputException.requireNonNull(metadata, "OrderConfirmed.metadata");
        }
    }

    /**
     * A hold was placed; fulfilment is blocked while any hold is active.
     *
     * @param metadata id, order, version, time and causing command
     * @param hold the hold
     */
    record HoldPlaced(EventMetadata metadata, Hold hold) implements OrderEvent {
        /** @throws InvalidInputException if a field is null */
        public HoldPlaced {
            InvalidInputException.requireNonNull(metadata, "HoldPlaced.metadata");
            InvalidInputException.requireNonNull(hold, "HoldPlaced.hold");
        }
    }

    /**
     * A hold was released.
     *
     * @param metadata id, order, version, time and causing command
     * @param type the kind of hold
     * @param code the code within the kind
     * @param note why it was released
     */
    record HoldReleased(EventMetadata metadata, HoldType type, String code, String note) implements OrderEvent {
        /** @throws InvalidInputException if a field is null */
        public HoldReleased {
            InvalidInputException.requireNonNull(metadata, "HoldReleased.metadata");
            InvalidInputException.requireNonNull(type, "HoldReleased.type");
            InvalidInputException.requireNonNull(code, "HoldReleased.code");
            InvalidInputException.requireNonNull(note, "HoldReleased.note");
        }
    }

    /**
     * The whole order was cancelled: every unit not yet shipped (listed per line) and the order's status.
     *
     * @param metadata id, order, version, time and causing command
     * @param reason why
     * @param note free text, no personal data
     * @param lines the units each line lost (empty when a line cancellation already took the last units)
     */
    record OrderCancelled(EventMetadata metadata, CancelReason reason, String note,
            List<LineCancellation> lines) implements OrderEvent {
        /** @throws InvalidInputException if a field is null */
        public OrderCancelled {
            InvalidInputException.requireNonNull(metadata, "OrderCancelled.metadata");
            InvalidInputException.requireNonNull(reason, "OrderCancelled.reason");
            InvalidInputException.requireNonNull(note, "OrderCancelled.note");
            lines = List.copyOf(InvalidInputException.requireNonNull(lines, "OrderCancelled.lines"));
        }
    }

    /**
     * Some units of one line were cancelled.
     *
     * @param metadata id, order, version, time and causing command
     * @param reason why
     * @param note free text, no personal data
     * @param cancellation the units and the buckets they left
     */
    record LineCancelled(EventMetadata metadata, CancelReason reason, String note,
            LineCancellation cancellation) implements OrderEvent {
        /** @throws InvalidInputException if a field is null */
        public LineCancelled {
            InvalidInputException.requireNonNull(metadata, "LineCancelled.metadata");
            InvalidInputException.requireNonNull(reason, "LineCancelled.reason");
            InvalidInputException.requireNonNull(note, "LineCancelled.note");
            InvalidInputException.requireNonNull(cancellation, "LineCancelled.cancellation");
        }
    }

    /**
     * An edit was committed: its changes, applied in order, and the grand total before and after.
     *
     * @param metadata id, order, version, time and causing command
     * @param edits the changes, in order
     * @param grandTotalBefore the grand total before the edit
     * @param grandTotalAfter the grand total after it (the difference is to charge or refund)
     */
    record OrderEdited(EventMetadata metadata, List<OrderEdit> edits, MonetaryAmount grandTotalBefore,
            MonetaryAmount grandTotalAfter) implements OrderEvent {
        /** @throws InvalidInputException if a field is null */
        public OrderEdited {
            InvalidInputException.requireNonNull(metadata, "OrderEdited.metadata");
            edits = List.copyOf(InvalidInputException.requireNonNull(edits, "OrderEdited.edits"));
            InvalidInputException.requireNonNull(grandTotalBefore, "OrderEdited.grandTotalBefore");
            InvalidInputException.requireNonNull(grandTotalAfter, "OrderEdited.grandTotalAfter");
        }
    }

    /**
     * The payment provider authorised an amount of this order.
     *
     * @param metadata id, order, version, time and causing command
     * @param amount the amount, in the order's currency
     * @param reference the provider's reference
     * @param method the payment method authorised, where the order is paid several ways; empty otherwise
     */
    record PaymentAuthorised(EventMetadata metadata, MonetaryAmount amount,
            PaymentReference reference, Optional<PaymentMethod> method) implements OrderEvent {
        /** @throws InvalidInputException if a field is null */
        public PaymentAuthorised {
            InvalidInputException.requireNonNull(metadata, "PaymentAuthorised.metadata");
            InvalidInputException.requireNonNull(amount, "PaymentAuthorised.amount");
            InvalidInputException.requireNonNull(reference, "PaymentAuthorised.reference");
            InvalidInputException.requireNonNull(method, "PaymentAuthorised.method");
        }

        /**
         * A payment that names no method (the order is paid one way).
         *
         * @param metadata id, order, version, time and causing command
         * @param amount the amount, in the order's currency
         * @param reference the provider's reference
         */
        public PaymentAuthorised(EventMetadata metadata, MonetaryAmount amount, PaymentReference reference) {
            this(metadata, amount, reference, Optional.empty());
        }
    }

    /**
     * What the buyer paid against an invoice (the capture of an
     * {@link PaymentMethod.Kind#INVOICE} method), received after it was issued.
     *
     * @param metadata id, order, version, time and causing command
     * @param amount the amount, in the order's currency
     * @param reference the payment's reference (a bank transfer's, say)
     * @param method the invoice method it was paid against
     */
    record InvoiceSettled(EventMetadata metadata, MonetaryAmount amount, PaymentReference reference,
            PaymentMethod method) implements OrderEvent {
        /** @throws InvalidInputException if a field is null */
        public InvoiceSettled {
            InvalidInputException.requireNonNull(metadata, "InvoiceSettled.metadata");
            InvalidInputException.requireNonNull(amount, "InvoiceSettled.amount");
            InvalidInputException.requireNonNull(reference, "InvoiceSettled.reference");
            InvalidInputException.requireNonNull(method, "InvoiceSettled.method");
        }
    }

    /**
     * When the customer can expect these lines: promised when their production is planned, and
     * promised again when a production stage finished late and moved the date (the event to
     * notify the customer with).
     *
     * @param metadata id, order, version, time and causing command
     * @param lines the lines the promise is for
     * @param promisedBy the delivery date promised, as an instant
     * @param lateStage the production stage whose lateness moved the promise, if one did
     * @param note what the host may tell the customer (for example "assembly took 2 days longer")
     */
    record DeliveryPromised(EventMetadata metadata, List<LineId> lines, Instant promisedBy, Optional<String> lateStage,
            String note) implements OrderEvent {
        /** @throws InvalidInputException if a field is null or there are no lines */
        public DeliveryPromised {
            InvalidInputException.requireNonNull(metadata, "DeliveryPromised.metadata");
            lines = List.copyOf(InvalidInputException.requireNonNull(lines, "DeliveryPromised.lines"));
            if (lines.isEmpty()) {
                throw new InvalidInputException("DeliveryPromised.lines", "at least one line");
            }
            InvalidInputException.requireNonNull(promisedBy, "DeliveryPromised.promisedBy");
            InvalidInputException.requireNonNull(lateStage, "DeliveryPromised.lateStage");
            InvalidInputException.requireText(note, "DeliveryPromised.note", 1000);
        }
    }

    /**
     * The payment provider captured an amount of this order.
     *
     * @param metadata id, order, version, time and causing command
     * @param amount the amount, in the order's currency
     * @param reference the provider's reference
     * @param method the payment method captured, where the order is paid several ways; empty otherwise
     */
    record PaymentCaptured(EventMetadata metadata, MonetaryAmount amount,
            PaymentReference reference, Optional<PaymentMethod> method) implements OrderEvent {
        /** @throws InvalidInputException if a field is null */
        public PaymentCaptured {
            InvalidInputException.requireNonNull(metadata, "PaymentCaptured.metadata");
            InvalidInputException.requireNonNull(amount, "PaymentCaptured.amount");
            InvalidInputException.requireNonNull(reference, "PaymentCaptured.reference");
            InvalidInputException.requireNonNull(method, "PaymentCaptured.method");
        }

        /**
         * A payment that names no method (the order is paid one way).
         *
         * @param metadata id, order, version, time and causing command
         * @param amount the amount, in the order's currency
         * @param reference the provider's reference
         */
        public PaymentCaptured(EventMetadata metadata, MonetaryAmount amount, PaymentReference reference) {
            this(metadata, amount, reference, Optional.empty());
        }
    }

    /**
     * The payment provider voided an amount of this order.
     *
     * @param metadata id, order, version, time and causing command
     * @param amount the amount, in the order's currency
     * @param reference the provider's reference
     * @param method the payment method voided, where the order is paid several ways; empty otherwise
     */
    record PaymentVoided(EventMetadata metadata, MonetaryAmount amount,
            PaymentReference reference, Optional<PaymentMethod> method) implements OrderEvent {
        /** @throws InvalidInputException if a field is null */
        public PaymentVoided {
            InvalidInputException.requireNonNull(metadata, "PaymentVoided.metadata");
            InvalidInputException.requireNonNull(amount, "PaymentVoided.amount");
            InvalidInputException.requireNonNull(reference, "PaymentVoided.reference");
            InvalidInputException.requireNonNull(method, "PaymentVoided.method");
        }

        /**
         * A payment that names no method (the order is paid one way).
         *
         * @param metadata id, order, version, time and causing command
         * @param amount the amount, in the order's currency
         * @param reference the provider's reference
         */
        public PaymentVoided(EventMetadata metadata, MonetaryAmount amount, PaymentReference reference) {
            this(metadata, amount, reference, Optional.empty());
        }
    }

    /**
     * The payment provider refunded an amount of this order.
     *
     * @param metadata id, order, version, time and causing command
     * @param amount the amount, in the order's currency
     * @param reference the provider's reference
     * @param method the payment method refunded, where the order is paid several ways; empty otherwise
     */
    record PaymentRefunded(EventMetadata metadata, MonetaryAmount amount,
            PaymentReference reference, Optional<PaymentMethod> method) implements OrderEvent {
        /** @throws InvalidInputException if a field is null */
        public PaymentRefunded {
            InvalidInputException.requireNonNull(metadata, "PaymentRefunded.metadata");
            InvalidInputException.requireNonNull(amount, "PaymentRefunded.amount");
            InvalidInputException.requireNonNull(reference, "PaymentRefunded.reference");
            InvalidInputException.requireNonNull(method, "PaymentRefunded.method");
        }

        /**
         * A payment that names no method (the order is paid one way).
         *
         * @param metadata id, order, version, time and causing command
         * @param amount the amount, in the order's currency
         * @param reference the provider's reference
         */
        public PaymentRefunded(EventMetadata metadata, MonetaryAmount amount, PaymentReference reference) {
            this(metadata, amount, reference, Optional.empty());
        }
    }

    /**
     * The payment provider declined an authorisation; the order gets a payment hold.
     *
     * @param metadata id, order, version, time and causing command
     * @param amount the amount that was refused
     * @param reason the provider's reason (no card data)
     * @param method the way of paying that was declined, on an order paid several ways (so the
     *     customer can be told which to put right); empty on an order paid one way
     */
    record PaymentDeclined(EventMetadata metadata, MonetaryAmount amount, String reason,
            Optional<PaymentMethod> method) implements OrderEvent {
        /** @throws InvalidInputException if a field is null */
        public PaymentDeclined {
            InvalidInputException.requireNonNull(metadata, "PaymentDeclined.metadata");
            InvalidInputException.requireNonNull(amount, "PaymentDeclined.amount");
            InvalidInputException.requireNonNull(reason, "PaymentDeclined.reason");
            InvalidInputException.requireNonNull(method, "PaymentDeclined.method");
        }

        /**
         * A decline on an order paid one way.
         *
         * @param metadata id, order, version, time and causing command
         * @param amount the amount that was refused
         * @param reason the provider's reason (no card data)
         */
        public PaymentDeclined(EventMetadata metadata, MonetaryAmount amount, String reason) {
            this(metadata, amount, reason, Optional.empty());
        }
    }

    /**
     * Open units were allocated to a location for fulfilment.
     *
     * @param metadata id, order, version, time and causing command
     * @param location the location that fulfils them
     * @param lines units per line
     */
    record QuantitiesAllocated(EventMetadata metadata, LocationId location,
            List<LineQuantity> lines) implements OrderEvent {
        /** @throws InvalidInputException if a field is null */
        public QuantitiesAllocated {
            InvalidInputException.requireNonNull(metadata, "QuantitiesAllocated.metadata");
            InvalidInputException.requireNonNull(location, "QuantitiesAllocated.location");
            lines = List.copyOf(InvalidInputException.requireNonNull(lines, "QuantitiesAllocated.lines"));
        }
    }

    /**
     * Allocated units went back to unallocated (for re-routing).
     *
     * @param metadata id, order, version, time and causing command
     * @param location the location they were allocated to
     * @param lines units per line
     */
    record QuantitiesDeallocated(EventMetadata metadata, LocationId location,
            List<LineQuantity> lines) implements OrderEvent {
        /** @throws InvalidInputException if a field is null */
        public QuantitiesDeallocated {
            InvalidInputException.requireNonNull(metadata, "QuantitiesDeallocated.metadata");
            InvalidInputException.requireNonNull(location, "QuantitiesDeallocated.location");
            lines = List.copyOf(InvalidInputException.requireNonNull(lines, "QuantitiesDeallocated.lines"));
        }
    }

    /**
     * Allocated units were shipped and are in transit.
     *
     * @param metadata id, order, version, time and causing command
     * @param shipment the shipment carrying them
     * @param lines units per line
     */
    record QuantitiesShipped(EventMetadata metadata, ShipmentId shipment,
            List<LineQuantity> lines) implements OrderEvent {
        /** @throws InvalidInputException if a field is null */
        public QuantitiesShipped {
            InvalidInputException.requireNonNull(metadata, "QuantitiesShipped.metadata");
            InvalidInputException.requireNonNull(shipment, "QuantitiesShipped.shipment");
            lines = List.copyOf(InvalidInputException.requireNonNull(lines, "QuantitiesShipped.lines"));
        }
    }

    /**
     * Units in transit were delivered.
     *
     * @param metadata id, order, version, time and causing command
     * @param shipment the shipment that delivered them
     * @param lines units per line
     * @param deliveredAt when the carrier delivered them (or the customer collected them), never
     *     after the event was recorded; return windows run from it
     */
    record QuantitiesDelivered(EventMetadata metadata, ShipmentId shipment,
            List<LineQuantity> lines, Instant deliveredAt) implements OrderEvent {
        /** @throws InvalidInputException if a field is null */
        public QuantitiesDelivered {
            InvalidInputException.requireNonNull(metadata, "QuantitiesDelivered.metadata");
            InvalidInputException.requireNonNull(shipment, "QuantitiesDelivered.shipment");
            lines = List.copyOf(InvalidInputException.requireNonNull(lines, "QuantitiesDelivered.lines"));
            InvalidInputException.requireNonNull(deliveredAt, "QuantitiesDelivered.deliveredAt");
        }
    }

    /**
     * Units in transit were lost by the carrier: the merchant settled the claim (refund or free
     * replacement), so they will never be delivered. They count as shipped, not as delivered.
     *
     * @param metadata id, order, version, time and causing command
     * @param lines units per line
     * @param note why, for example the claim that settled it
     */
    record QuantitiesLost(EventMetadata metadata, List<LineQuantity> lines, String note) implements OrderEvent {
        /** @throws InvalidInputException if a field is null */
        public QuantitiesLost {
            InvalidInputException.requireNonNull(metadata, "QuantitiesLost.metadata");
            lines = List.copyOf(InvalidInputException.requireNonNull(lines, "QuantitiesLost.lines"));
            InvalidInputException.requireNonNull(note, "QuantitiesLost.note");
        }
    }

    /**
     * Delivered units came back.
     *
     * @param metadata id, order, version, time and causing command
     * @param returnId the return that brought them
     * @param lines units per line
     */
    record QuantitiesReturned(EventMetadata metadata, ReturnId returnId,
            List<LineQuantity> lines) implements OrderEvent {
        /** @throws InvalidInputException if a field is null */
        public QuantitiesReturned {
            InvalidInputException.requireNonNull(metadata, "QuantitiesReturned.metadata");
            InvalidInputException.requireNonNull(returnId, "QuantitiesReturned.returnId");
            lines = List.copyOf(InvalidInputException.requireNonNull(lines, "QuantitiesReturned.lines"));
        }
    }

    /**
     * Every open unit was delivered and the order was completed.
     *
     * @param metadata id, order, version, time and causing command

     */
    record OrderCompleted(EventMetadata metadata) implements OrderEvent {
        /** @throws InvalidInputException if a field is null */
        public OrderCompleted {
            InvalidInputException.requireNonNull(metadata, "OrderCompleted.metadata");
        }
    }

    /**
     * The order was archived; no further command is accepted.
     *
     * @param metadata id, order, version, time and causing command

     */
    record OrderArchived(EventMetadata metadata) implements OrderEvent {
        /** @throws InvalidInputException if a field is null */
        public OrderArchived {
            InvalidInputException.requireNonNull(metadata, "OrderArchived.metadata");
        }
    }

    /**
     * The order's personal data was erased on request (a GDPR erasure, say): its addresses keep only
     * their country, its customer reference reads {@code erased}, and every free text of the order
     * (hold reasons, notes, decline reasons) is empty, in the snapshot and in every earlier event of
     * its history, which the store rewrote with this event. Totals, quantities, payments, statuses
     * and the history itself are kept. A subscriber that keeps copies of the order's events erases
     * its own on this event.
     *
     * @param metadata id, order, version, time and causing command
     */
    record PersonalDataErased(EventMetadata metadata) implements OrderEvent {
        /** @throws InvalidInputException if a field is null */
        public PersonalDataErased {
            InvalidInputException.requireNonNull(metadata, "PersonalDataErased.metadata");
        }
    }

    /**
     * What every order event carries: its own unique id (for de-duplication), the order, the order
     * version the change produced, when it happened, and the key of the command that caused it.
     *
     * @param eventId unique id of the event
     * @param orderId the order
     * @param orderVersion the version of the order after the change; all events of one change share it
     * @param occurredAt when the change happened (from the injected clock)
     * @param commandKey the idempotency key of the causing command, if it had one
     */
    record EventMetadata(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt,
            Optional<CommandKey> commandKey) {
        /**
         * @throws InvalidInputException if a field is null or the version below 1
         */
        public EventMetadata {
            InvalidInputException.requireNonNull(eventId, "EventMetadata.eventId");
            InvalidInputException.requireNonNull(orderId, "EventMetadata.orderId");
            if (orderVersion < 1) {
                throw new InvalidInputException("EventMetadata.orderVersion", "must be at least 1 (was "
                        + orderVersion + ")");
            }
            InvalidInputException.requireNonNull(occurredAt, "EventMetadata.occurredAt");
            InvalidInputException.requireNonNull(commandKey, "EventMetadata.commandKey");
        }
    }

    /**
     * Units of one line cancelled, split by the bucket they left, so that inventory knows how many
     * allocated units it must release.
     *
     * @param lineId the line
     * @param fromUnallocated units cancelled that were not allocated
     * @param fromAllocated units cancelled that were allocated (their reservation must be released)
     */
    record LineCancellation(LineId lineId, Quantity fromUnallocated, Quantity fromAllocated) {
        /**
         * @throws InvalidInputException if a field is null or nothing is cancelled
         */
        public LineCancellation {
            InvalidInputException.requireNonNull(lineId, "LineCancellation.lineId");
            InvalidInputException.requireNonNull(fromUnallocated, "LineCancellation.fromUnallocated");
            InvalidInputException.requireNonNull(fromAllocated, "LineCancellation.fromAllocated");
            Quantity.requirePositive(fromUnallocated.plus(fromAllocated), "LineCancellation.quantity");
        }

        /** @return all units cancelled */
        public Quantity quantity() {
            return fromUnallocated.plus(fromAllocated);
        }
    }
}
