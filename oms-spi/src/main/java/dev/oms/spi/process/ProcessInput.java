package dev.oms.spi.process;

import dev.oms.spi.FulfillmentOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReturnId;
import dev.oms.spi.Sku;
import dev.oms.spi.fulfillment.CarrierGateway.TrackingUpdate;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.NewLine;
import dev.oms.spi.order.Order.Discount;
import dev.oms.spi.order.Order.HoldType;
import dev.oms.spi.order.Order.OrderHeader;
import dev.oms.spi.order.Order.ShippingCharge;
import dev.oms.spi.order.OrderEdit;
import dev.oms.spi.payment.PaymentShare;
import dev.oms.spi.process.ProcessRecord.ProcessKind;
import dev.oms.spi.returns.Inspection;
import dev.oms.spi.returns.RefundBreakdown.RefundMethod;
import java.util.List;
import java.util.Optional;

/**
 * What the host asked of a process, saved with its first record so that a resume after a crash
 * has everything it needs.
 */
public sealed interface ProcessInput {
    /**
     * Accept a new order from any channel.
     *
     * @param header channel, customer, addresses, service level, currency, time placed, tags
     * @param lines the lines
     * @param discounts order-level discounts
     * @param shippingCharges delivery charges
     * @param payments how the order is paid, share by share (see {@link PaymentShare}); empty for
     *     an order paid one way, whose grand total is authorised naming no method
     */
    record Accept(OrderHeader header, List<NewLine> lines, List<Discount> discounts,
            List<ShippingCharge> shippingCharges, List<PaymentShare> payments) implements ProcessInput {
        /** @throws InvalidInputException if a field is null or a payment share is wrong */
        public Accept {
            InvalidInputException.requireNonNull(header, "Accept.header");
            lines = List.copyOf(InvalidInputException.requireNonNull(lines, "Accept.lines"));
            discounts = List.copyOf(InvalidInputException.requireNonNull(discounts, "Accept.discounts"));
            shippingCharges = List.copyOf(InvalidInputException.requireNonNull(shippingCharges,
                    "Accept.shippingCharges"));
            payments = InvalidInputException.requireNonNull(payments, "Accept.payments").isEmpty() ? List.of()
                    : PaymentShare.requireValid(payments, header.currency(), "Accept.payments");
        }

        /**
         * An order paid one way.
         *
         * @param header channel, customer, addresses, service level, currency, time placed, tags
         * @param lines the lines
         * @param discounts order-level discounts
         * @param shippingCharges delivery charges
         */
        public Accept(OrderHeader header, List<NewLine> lines, List<Discount> discounts,
                List<ShippingCharge> shippingCharges) {
            this(header, lines, discounts, shippingCharges, List.of());
        }
    }

    /**
     * Accept an order placed by other means (the channel import, an exchange's replacement).
     *
     * @param orderId the order
     */
    record AcceptPlaced(OrderId orderId) implements ProcessInput {
        /** @throws InvalidInputException if the id is null */
        public AcceptPlaced {
            InvalidInputException.requireNonNull(orderId, "AcceptPlaced.orderId");
        }
    }

    /**
     * Cancel a whole order, or some units of lines.
     *
     * @param orderId the order
     * @param lines units per line to cancel; empty for every unshipped unit of the order
     * @param reason why
     * @param note free text (no personal data)
     */
    record Cancel(OrderId orderId, List<LineQuantity> lines, CancelReason reason, String note)
            implements ProcessInput {
        /** @throws InvalidInputException if a field is null or the note too long */
        public Cancel {
            InvalidInputException.requireNonNull(orderId, "Cancel.orderId");
            lines = List.copyOf(InvalidInputException.requireNonNull(lines, "Cancel.lines"));
            InvalidInputException.requireNonNull(reason, "Cancel.reason");
            InvalidInputException.requireText(note, "Cancel.note", 512);
        }
    }

    /**
     * Commit an edit previewed at a version of the order.
     *
     * @param orderId the order
     * @param baseVersion the order's version the preview was made at
     * @param edits the changes
     */
    record Edit(OrderId orderId, long baseVersion, List<OrderEdit> edits) implements ProcessInput {
        /** @throws InvalidInputException if a field is null or there are no changes */
        public Edit {
            InvalidInputException.requireNonNull(orderId, "Edit.orderId");
            edits = List.copyOf(InvalidInputException.requireNonNull(edits, "Edit.edits"));
            if (edits.isEmpty()) {
                throw new InvalidInputException("Edit.edits", "an edit has at least one change");
            }
        }
    }

    /**
     * Place or release a hold on an order and on its open fulfilment orders.
     *
     * @param orderId the order
     * @param type the hold's type
     * @param code the hold's code
     * @param text the reason (placing) or note (releasing)
     * @param release whether to release rather than place it
     */
    record ChangeHold(OrderId orderId, HoldType type, String code, String text, boolean release)
            implements ProcessInput {
        /** @throws InvalidInputException if a field is null or malformed */
        public ChangeHold {
            InvalidInputException.requireNonNull(orderId, "ChangeHold.orderId");
            InvalidInputException.requireNonNull(type, "ChangeHold.type");
            InvalidInputException.requireCode(code, "ChangeHold.code");
            InvalidInputException.requireText(text, "ChangeHold.text", 512);
        }
    }

    /**
     * Ship units of a packed fulfilment order.
     *
     * @param fulfillmentOrderId the fulfilment order
     * @param lines units per order line
     */
    record Ship(FulfillmentOrderId fulfillmentOrderId, List<LineQuantity> lines) implements ProcessInput {
        /** @throws InvalidInputException if a field is null */
        public Ship {
            InvalidInputException.requireNonNull(fulfillmentOrderId, "Ship.fulfillmentOrderId");
            lines = List.copyOf(InvalidInputException.requireNonNull(lines, "Ship.lines"));
        }
    }

    /**
     * Apply a carrier's update.
     *
     * @param update the update
     */
    record Track(TrackingUpdate update) implements ProcessInput {
        /** @throws InvalidInputException if the update is null */
        public Track {
            InvalidInputException.requireNonNull(update, "Track.update");
        }
    }

    /**
     * A pickup order made ready at its store, waiting for the customer.
     *
     * @param fulfillmentOrderId the pickup order
     */
    record Pickup(FulfillmentOrderId fulfillmentOrderId) implements ProcessInput {
        /** @throws InvalidInputException if the id is null */
        public Pickup {
            InvalidInputException.requireNonNull(fulfillmentOrderId, "Pickup.fulfillmentOrderId");
        }
    }

    /**
     * Receive stock, then route the orders waiting for it.
     *
     * @param sku the SKU
     * @param location where it arrived
     * @param quantity units
     * @param reference the purchase order or transfer
     */
    record Receive(Sku sku, LocationId location, Quantity quantity, Reference reference) implements ProcessInput {
        /** @throws InvalidInputException if a field is null or the quantity zero */
        public Receive {
            InvalidInputException.requireNonNull(sku, "Receive.sku");
            InvalidInputException.requireNonNull(location, "Receive.location");
            Quantity.requirePositive(quantity, "Receive.quantity");
            InvalidInputException.requireNonNull(reference, "Receive.reference");
        }
    }

    /**
     * The money record of an order (see {@link ProcessKind#PAYMENTS}).
     *
     * @param orderId the order
     */
    record Payments(OrderId orderId) implements ProcessInput {
        /** @throws InvalidInputException if the id is null */
        public Payments {
            InvalidInputException.requireNonNull(orderId, "Payments.orderId");
        }
    }

    /**
     * A step of a return, exchange or claim that has effects in other modules.
     *
     * @param returnId the return
     * @param operation {@code approve}, {@code receive}, {@code inspect}, {@code refund} or {@code exchange}
     * @param location the return location (approve)
     * @param lines units received (receive)
     * @param inspections what inspection found (inspect)
     * @param method where a refund goes (refund)
     */
    record ReturnStep(ReturnId returnId, String operation, Optional<LocationId> location, List<LineQuantity> lines,
            List<Inspection.LineInspection> inspections, Optional<RefundMethod> method) implements ProcessInput {
        /** @throws InvalidInputException if a field is null */
        public ReturnStep {
            InvalidInputException.requireNonNull(returnId, "ReturnStep.returnId");
            InvalidInputException.requireCode(operation, "ReturnStep.operation");
            InvalidInputException.requireNonNull(location, "ReturnStep.location");
            lines = List.copyOf(InvalidInputException.requireNonNull(lines, "ReturnStep.lines"));
            inspections = List.copyOf(InvalidInputException.requireNonNull(inspections, "ReturnStep.inspections"));
            InvalidInputException.requireNonNull(method, "ReturnStep.method");
        }
    }
}
