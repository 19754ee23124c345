package dev.oms.spi.order;

import dev.oms.spi.Address;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.InvalidInputException.UnknownLineException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.order.TaxPolicy.TaxSource;
import dev.oms.spi.payment.PaymentMethod;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import javax.money.CurrencyUnit;
import javax.money.MonetaryAmount;

/**
 * An order as stored: a plain, immutable snapshot at one version.
 *
 * <p>Stores persist it as it is; oms-core produces new snapshots by applying events to old ones.
 * Statuses live in separate dimensions: {@link #status()} is the lifecycle state, the
 * {@link #fulfillmentStatus()} is derived from line quantities and the payment status from the
 * {@link #payments()} ledger and the totals (see oms-core's {@code OrderTotals}).
 *
 * <p>Invariants checked on construction: version {@code >= 1}; at least one line; line ids
 * unique; every amount in the header's currency, not negative and in whole minor units of it
 * (unit prices and discounts at most as fine as the header's {@link Pricing} allows), so a stored
 * snapshot cannot carry a price the Java API would refuse; every line's and shipping
 * charge's tax of the kind the header's {@link TaxPolicy} says ({@link LineTax#fits}), and under
 * tax from rates one rate per tax code. (A snapshot is rebuilt on
 * every transition, so the check looks at each amount's currency, sign and scale and does the
 * full {@link Amounts#requireNonNegative} only when one of them is off.)
 *
 * @param id the order id
 * @param version increases by one with every saved change, starting at 1
 * @param header channel, customer, addresses, service level, currency
 * @param lines the lines, in the order they were added
 * @param discounts order-level discounts
 * @param shippingCharges delivery charges
 * @param status the lifecycle state
 * @param payments authorised, captured, voided and refunded amounts
 * @param holds the active holds; any of them blocks fulfilment
 * @param updatedAt when the last change happened
 */
public record Order(OrderId id, long version, OrderHeader header, List<OrderLine> lines, List<Discount> discounts,
        List<ShippingCharge> shippingCharges, OrderStatus status, PaymentLedger payments, List<Hold> holds,
        Instant updatedAt) {
    /**
     * @throws InvalidInputException if a field is null or an invariant above is broken
     */
    public Order {
        InvalidInputException.requireNonNull(id, "Order.id");
        if (version < 1) {
            throw new InvalidInputException("Order.version", "must be at least 1 (was " + version + ")");
        }
        InvalidInputException.requireNonNull(header, "Order.header");
        lines = List.copyOf(InvalidInputException.requireNonNull(lines, "Order.lines"));
        discounts = List.copyOf(InvalidInputException.requireNonNull(discounts, "Order.discounts"));
        shippingCharges = List.copyOf(InvalidInputException.requireNonNull(shippingCharges, "Order.shippingCharges"));
        InvalidInputException.requireNonNull(status, "Order.status");
        InvalidInputException.requireNonNull(payments, "Order.payments");
        holds = List.copyOf(InvalidInputException.requireNonNull(holds, "Order.holds"));
        InvalidInputException.requireNonNull(updatedAt, "Order.updatedAt");
        checkAmounts(header, lines, discounts, shippingCharges, payments);
    }

    /**
     * Runs on every new snapshot, so it allocates nothing while the order is valid (but for the map
     * of one rate per code on an order taxed by rates): field names for errors are built only when
     * something is wrong.
     */
    private static void checkAmounts(OrderHeader header, List<OrderLine> lines, List<Discount> discounts,
            List<ShippingCharge> shippingCharges, PaymentLedger payments) {
        CurrencyUnit currency = header.currency();
        TaxPolicy policy = header.taxPolicy();
        int unitDigits = header.pricing().unitDigits(currency);
        if (lines.isEmpty()) {
            throw new InvalidInputException("Order.lines", "an order has at least one line");
        }
        java.util.Set<LineId> seen = lines.size() > 16 ? new java.util.HashSet<>() : null;
        for (int i = 0; i < lines.size(); i++) {
            OrderLine line = lines.get(i);
            boolean twice = seen != null ? !seen.add(line.id()) : usedBefore(lines, i);
            if (twice) {
                throw new InvalidInputException("Order.lines[" + i + "].id", "line id " + line.id()
                        + " is used twice");
            }
            if (!fits(line.unitPrice(), currency, unitDigits) || !fits(line.unitDiscount(), currency, unitDigits)
                    || !fits(line.tax(), currency)) {
                Amounts.requireNonNegative(line.unitPrice(), currency, unitDigits, "Order.lines[" + i + "].unitPrice");
                Amounts.requireNonNegative(line.unitDiscount(), currency, unitDigits,
                        "Order.lines[" + i + "].unitDiscount");
                line.tax().requireAmountsIn(currency, "Order.lines[" + i + "].tax");
            }
            if (!line.tax().fits(policy.source())) {
                line.tax().requireFits(policy, currency, "Order.lines[" + i + "].tax");
            }
        }
        for (int i = 0; i < discounts.size(); i++) {
            if (!fits(discounts.get(i).amount(), currency)) {
                Amounts.requireNonNegative(discounts.get(i).amount(), currency, "Order.discounts[" + i + "].amount");
            }
        }
        for (int i = 0; i < shippingCharges.size(); i++) {
            ShippingCharge charge = shippingCharges.get(i);
            if (!fits(charge.amount(), currency) || !fits(charge.tax(), currency)) {
                Amounts.requireNonNegative(charge.amount(), currency, "Order.shippingCharges[" + i + "].amount");
                charge.tax().requireAmountsIn(currency, "Order.shippingCharges[" + i + "].tax");
            }
            if (!charge.tax().fits(policy.source())) {
                charge.tax().requireFits(policy, currency, "Order.shippingCharges[" + i + "].tax");
            }
        }
        if (policy.source() == TaxSource.RATES) {
            requireOneRatePerCode(lines, shippingCharges);
        }
        if (!payments.authorised().getCurrency().equals(currency)) {
            Amounts.requireNonNegative(payments.authorised(), currency, "Order.payments");
        }
    }

    private static boolean usedBefore(List<OrderLine> lines, int i) {
        for (int j = 0; j < i; j++) {
            if (lines.get(j).id().equals(lines.get(i).id())) {
                return true;
            }
        }
        return false;
    }

    /** Tax by rates is reported by code, so a code means one rate throughout an order. */
    private static void requireOneRatePerCode(List<OrderLine> lines, List<ShippingCharge> shippingCharges) {
        java.util.Map<String, TaxRate> byCode = new java.util.HashMap<>();
        for (OrderLine line : lines) {
            requireOneRatePerCode(line.tax(), byCode);
        }
        for (ShippingCharge charge : shippingCharges) {
            requireOneRatePerCode(charge.tax(), byCode);
        }
    }

    private static void requireOneRatePerCode(LineTax tax, java.util.Map<String, TaxRate> byCode) {
        if (!(tax instanceof LineTax.Rates rates)) {
            return; // an empty Supplied: untaxed
        }
        for (TaxRate rate : rates.rates()) {
            TaxRate before = byCode.putIfAbsent(rate.code(), rate);
            if (before != null && !before.equals(rate)) {
                throw new InvalidInputException("Order.taxRates", "tax code " + rate.code() + " has two rates in one"
                        + " order: " + Amounts.describe(before.percent()) + " % and "
                        + Amounts.describe(rate.percent()) + " %");
            }
        }
    }

    private static boolean fits(LineTax tax, CurrencyUnit currency) {
        if (tax instanceof LineTax.Supplied supplied) {
            for (TaxLine line : supplied.taxes()) {
                if (!fits(line.amount(), currency)) {
                    return false;
                }
            }
        }
        return tax != null;
    }

    private static boolean fits(MonetaryAmount amount, CurrencyUnit currency) {
        return fits(amount, currency, Math.max(0, currency.getDefaultFractionDigits()));
    }

    private static boolean fits(MonetaryAmount amount, CurrencyUnit currency, int digits) {
        return amount != null && amount.getCurrency().equals(currency) && !amount.isNegative()
                && amount.getNumber().getScale() <= digits;
    }

    /** @return the order's currency */
    public CurrencyUnit currency() {
        return header.currency();
    }

    /**
     * @param lineId a line id
     * @return the line, if the order has it
     */
    public Optional<OrderLine> line(LineId lineId) {
        for (OrderLine line : lines) {
            if (line.id().equals(lineId)) {
                return Optional.of(line);
            }
        }
        return Optional.empty();
    }

    /**
     * @param lineId a line id
     * @return the line
     * @throws UnknownLineException if the order has no such line
     */
    public OrderLine requireLine(LineId lineId) {
        return line(lineId).orElseThrow(() -> new UnknownLineException(id, lineId));
    }

    /** @return the status derived from the lines' quantities */
    public FulfillmentStatus fulfillmentStatus() {
        return FulfillmentStatus.of(lines);
    }

    /**
     * @param type the kind of hold
     * @param code the code within the kind
     * @return the active hold, if there is one
     */
    public Optional<Hold> hold(HoldType type, String code) {
        return holds.stream().filter(h -> h.is(type, code)).findFirst();
    }

    /** @return whether any hold is active (which blocks fulfilment) */
    public boolean isOnHold() {
        return !holds.isEmpty();
    }

    /**
     * The next snapshot: same id and header unless given, version and time from the change.
     *
     * @param nextVersion the version of the change
     * @param at when the change happened
     * @return a builder-like copy; see the {@code with...} methods
     */
    public Order at(long nextVersion, Instant at) {
        return new Order(id, nextVersion, header, lines, discounts, shippingCharges, status, payments, holds, at);
    }

    /**
     * The snapshot after a change that only moves the lifecycle state: one copy where
     * {@code at(...).withStatus(...)} makes two.
     *
     * @param nextVersion the version of the change
     * @param at when the change happened
     * @param nextStatus the lifecycle state after it
     * @return the new snapshot
     */
    public Order at(long nextVersion, Instant at, OrderStatus nextStatus) {
        return new Order(id, nextVersion, header, lines, discounts, shippingCharges, nextStatus, payments, holds, at);
    }

    /** @return this snapshot with another header */
    public Order withHeader(OrderHeader next) {
        return new Order(id, version, next, lines, discounts, shippingCharges, status, payments, holds, updatedAt);
    }

    /** @return this snapshot with other lines */
    public Order withLines(List<OrderLine> next) {
        return new Order(id, version, header, next, discounts, shippingCharges, status, payments, holds, updatedAt);
    }

    /** @return this snapshot in another lifecycle state */
    public Order withStatus(OrderStatus next) {
        return new Order(id, version, header, lines, discounts, shippingCharges, next, payments, holds, updatedAt);
    }

    /** @return this snapshot with another payment ledger */
    public Order withPayments(PaymentLedger next) {
        return new Order(id, version, header, lines, discounts, shippingCharges, status, next, holds, updatedAt);
    }

    /** @return this snapshot with other active holds */
    public Order withHolds(List<Hold> next) {
        return new Order(id, version, header, lines, discounts, shippingCharges, status, payments, next, updatedAt);
    }

    /**
     * One line of an order: a product variant, its per-unit prices and its quantity buckets.
     *
     * <p>Prices are per unit, net or gross as the order's {@link TaxPolicy} says (see
     * {@link NewLine}); the line's values follow from multiplying by the open quantity, so they are
     * exact. Its tax depends on the policy and, for rounding per order, on the other lines: oms-core's
     * {@code OrderTotals} computes it.
     *
     * @param id the line id, unique within the order
     * @param sku the product variant
     * @param unitPrice the price of one unit before discount
     * @param unitDiscount the discount on one unit
     * @param tax how the line is taxed
     * @param quantities the quantity buckets
     * @param attributes the line's custom attributes
     */
    public record OrderLine(LineId id, Sku sku, MonetaryAmount unitPrice, MonetaryAmount unitDiscount,
            LineTax tax, LineQuantities quantities, Attributes attributes) {
        /**
         * @throws InvalidInputException if a field is null
         */
        public OrderLine {
            InvalidInputException.requireNonNull(attributes, "OrderLine.attributes");
            InvalidInputException.requireNonNull(id, "OrderLine.id");
            InvalidInputException.requireNonNull(sku, "OrderLine.sku");
            InvalidInputException.requireNonNull(unitPrice, "OrderLine.unitPrice");
            InvalidInputException.requireNonNull(unitDiscount, "OrderLine.unitDiscount");
            InvalidInputException.requireNonNull(tax, "OrderLine.tax");
            InvalidInputException.requireNonNull(quantities, "OrderLine.quantities");
        }

        /**
         * @param line the line as placed
         * @return the line with everything open and unallocated
         */
        public static OrderLine from(NewLine line) {
            return new OrderLine(line.id(), line.sku(), line.unitPrice(), line.unitDiscount(), line.tax(),
                    LineQuantities.ordered(line.quantity()), line.attributes());
        }

        /**
         * @param next the new buckets
         * @return this line with other quantities
         */
        public OrderLine withQuantities(LineQuantities next) {
            return new OrderLine(id, sku, unitPrice, unitDiscount, tax, next, attributes);
        }

        /**
         * @param next the line's custom attributes
         * @return this line with them
         */
        public OrderLine withAttributes(Attributes next) {
            return new OrderLine(id, sku, unitPrice, unitDiscount, tax, quantities, next);
        }

        /**
         * @param pricing the order's pricing ({@link OrderHeader#pricing()})
         * @return unit price times open quantity, rounded to the minor unit as the pricing says
         */
        public MonetaryAmount subtotal(Pricing pricing) {
            return pricing.lineAmount(unitPrice, quantities.open().value());
        }

        /**
         * @param pricing the order's pricing
         * @return unit discount times open quantity, rounded to the minor unit as the pricing says
         */
        public MonetaryAmount discount(Pricing pricing) {
            return pricing.lineAmount(unitDiscount, quantities.open().value());
        }

        /**
         * @param pricing the order's pricing
         * @return subtotal minus discount: the merchandise value before order-level discounts
         */
        public MonetaryAmount netMerchandise(Pricing pricing) {
            return subtotal(pricing).subtract(discount(pricing));
        }
    }

    /**
     * Where an order is in its lifecycle. Kept apart from the payment and fulfilment statuses, which
     * are derived from amounts and quantities.
     */
    public enum OrderStatus {
        /** Placed, not yet confirmed (payment and fraud checks may still run). */
        PENDING,
        /** Accepted for fulfilment; nothing allocated yet, so it can still be edited. */
        CONFIRMED,
        /** Fulfilment started: some quantity is allocated to a location or shipped. */
        PROCESSING,
        /** Every open unit was delivered and the order was completed. Returns may still follow. */
        COMPLETED,
        /** Every unit was cancelled. */
        CANCELLED,
        /** Closed for good; no command is accepted. */
        ARCHIVED
    }

    /**
     * The fulfilment status of an order, derived from its lines' quantity buckets; never set by hand.
     * Cancelled units do not count: an order of 3 with 1 cancelled and 2 delivered is delivered.
     * Lost units (a settled claim) count as shipped and close the order like delivered ones: an order
     * of 3 with 1 lost and 2 delivered is delivered; one whose every unit was lost stays fulfilled.
     */
    public enum FulfillmentStatus {
        /** Nothing shipped. */
        UNFULFILLED,
        /** Some open units shipped. */
        PARTIALLY_FULFILLED,
        /** Every open unit shipped, none delivered yet. */
        FULFILLED,
        /** Some open units delivered. */
        PARTIALLY_DELIVERED,
        /** Every open unit delivered (or lost, with some delivered). */
        DELIVERED,
        /** Some delivered units returned. */
        PARTIALLY_RETURNED,
        /** Every open unit returned. */
        RETURNED;

        /**
         * @param lines the order's lines
         * @return the status their quantities mean
         */
        public static FulfillmentStatus of(List<OrderLine> lines) {
            long open = 0;
            long shipped = 0;
            long delivered = 0;
            long lost = 0;
            long returned = 0;
            for (OrderLine line : lines) {
                LineQuantities q = line.quantities();
                open += q.open().value();
                shipped += q.shipped().value();
                delivered += q.delivered().value();
                lost += q.lost().value();
                returned += q.returned().value();
            }
            if (returned > 0) {
                return returned == open ? RETURNED : PARTIALLY_RETURNED;
            }
            if (delivered > 0) {
                return delivered + lost == open ? DELIVERED : PARTIALLY_DELIVERED;
            }
            if (shipped > 0) {
                return shipped == open ? FULFILLED : PARTIALLY_FULFILLED;
            }
            return UNFULFILLED;
        }
    }

    /**
     * The payment status of an order, derived from its {@link PaymentLedger} and its grand total;
     * never set by hand.
     */
    public enum PaymentStatus {
        /** Nothing authorised. */
        UNPAID,
        /** Authorised, nothing captured. */
        AUTHORISED,
        /** Captured less than the grand total. */
        PARTIALLY_CAPTURED,
        /** Captured at least the grand total, nothing refunded. */
        PAID,
        /** Some of the captured amount refunded. */
        PARTIALLY_REFUNDED,
        /** All of the captured amount refunded. */
        REFUNDED,
        /** The authorisation was voided before anything was captured. */
        VOIDED;

        /**
         * @param ledger the order's payment amounts
         * @param grandTotal the order's grand total
         * @return the status these amounts mean
         */
        public static PaymentStatus of(PaymentLedger ledger, MonetaryAmount grandTotal) {
            if (ledger.refunded().isPositive()) {
                return ledger.refunded().isEqualTo(ledger.captured()) ? REFUNDED : PARTIALLY_REFUNDED;
            }
            if (ledger.captured().isPositive()) {
                return ledger.captured().isGreaterThanOrEqualTo(grandTotal) ? PAID : PARTIALLY_CAPTURED;
            }
            if (ledger.voided().isPositive()) {
                return VOIDED;
            }
            return ledger.authorised().isPositive() ? AUTHORISED : UNPAID;
        }
    }

    /**
     * Running payment amounts of an order, all in the order's currency.
     *
     * <p>Invariants, checked on construction: {@code captured + voided <= authorised},
     * {@code refunded <= captured} and {@code settled <= captured}. So captured never exceeds
     * authorised and neither refunded nor settled exceeds captured.
     *
     * <p>For an invoice (a {@link PaymentMethod.Kind#INVOICE} method) the capture is the invoice,
     * and {@code settled} is what the buyer has paid against it since ({@link #unsettled()} is what
     * it still asks for); for every other method it stays zero.
     *
     * <p>An order paid several ways (a gift card and a card) keeps one ledger per
     * {@link PaymentMethod} in {@link #methods}, each under the same invariants, and the totals
     * above are their sums; so no method captures more than it authorised or refunds more than it
     * captured, and neither does the order. An order whose payments name no method (one way to pay,
     * as every order had before methods) has none.
     *
     * @param authorised sum of all authorisations
     * @param captured sum of all captures
     * @param voided authorised amounts released without capture
     * @param refunded sum of all refunds
     * @param settled sum of what was paid against invoices
     * @param methods per payment method, its own ledger (with no methods of its own), in the order
     *     first authorised; empty when payments name no method
     */
    public record PaymentLedger(MonetaryAmount authorised, MonetaryAmount captured, MonetaryAmount voided,
            MonetaryAmount refunded, MonetaryAmount settled, List<MethodLedger> methods) {
        /**
         * @throws InvalidInputException if an amount is null, negative, in another currency, an
         *     invariant is broken, or the methods repeat one or do not add up to the totals
         */
        public PaymentLedger {
            InvalidInputException.requireNonNull(authorised, "PaymentLedger.authorised");
            CurrencyUnit currency = authorised.getCurrency();
            Amounts.requireNonNegative(authorised, currency, "PaymentLedger.authorised");
            Amounts.requireNonNegative(captured, currency, "PaymentLedger.captured");
            Amounts.requireNonNegative(voided, currency, "PaymentLedger.voided");
            Amounts.requireNonNegative(refunded, currency, "PaymentLedger.refunded");
            Amounts.requireNonNegative(settled, currency, "PaymentLedger.settled");
            if (settled.isGreaterThan(captured)) {
                throw new InvalidInputException("PaymentLedger", "settled " + settled + " exceeds captured " + captured);
            }
            if (captured.add(voided).isGreaterThan(authorised)) {
                throw new InvalidInputException("PaymentLedger",
                        "captured " + captured + " + voided " + voided + " exceeds authorised " + authorised);
            }
            if (refunded.isGreaterThan(captured)) {
                throw new InvalidInputException("PaymentLedger", "refunded " + refunded + " exceeds captured "
                        + captured);
            }
            methods = List.copyOf(InvalidInputException.requireNonNull(methods, "PaymentLedger.methods"));
            if (!methods.isEmpty()) {
                java.util.Set<String> ids = new java.util.HashSet<>();
                PaymentLedger sum = empty(currency);
                for (MethodLedger m : methods) {
                    if (!ids.add(m.method().id())) {
                        throw new InvalidInputException("PaymentLedger.methods", "payment method " + m.method().id()
                                + " appears twice");
                    }
                    if (!m.ledger().methods().isEmpty() || !m.ledger().authorised().getCurrency().equals(currency)) {
                        throw new InvalidInputException("PaymentLedger.methods", "payment method " + m.method().id()
                                + " has a ledger of its own methods or in another currency");
                    }
                    sum = new PaymentLedger(sum.authorised.add(m.ledger().authorised), sum.captured.add(m.ledger()
                            .captured), sum.voided.add(m.ledger().voided), sum.refunded.add(m.ledger().refunded),
                            sum.settled.add(m.ledger().settled), List.of());
                }
                if (!sum.authorised.isEqualTo(authorised) || !sum.captured.isEqualTo(captured)
                        || !sum.voided.isEqualTo(voided) || !sum.refunded.isEqualTo(refunded)
                        || !sum.settled.isEqualTo(settled)) {
                    throw new InvalidInputException("PaymentLedger.methods", "the methods' ledgers add up to "
                            + sum.brief() + ", not " + brief());
                }
            }
        }

        /**
         * A ledger whose payments name no method.
         *
         * @param authorised sum of all authorisations
         * @param captured sum of all captures
         * @param voided authorised amounts released without capture
         * @param refunded sum of all refunds
         */
        public PaymentLedger(MonetaryAmount authorised, MonetaryAmount captured, MonetaryAmount voided,
                MonetaryAmount refunded) {
            this(authorised, captured, voided, refunded, List.of());
        }

        /**
         * A ledger with nothing settled (no invoice paid yet, or none at all).
         *
         * @param authorised sum of all authorisations
         * @param captured sum of all captures
         * @param voided authorised amounts released without capture
         * @param refunded sum of all refunds
         * @param methods per payment method, its own ledger
         */
        public PaymentLedger(MonetaryAmount authorised, MonetaryAmount captured, MonetaryAmount voided,
                MonetaryAmount refunded, List<MethodLedger> methods) {
            this(authorised, captured, voided, refunded, InvalidInputException.requireNonNull(authorised,
                    "PaymentLedger.authorised").multiply(0), methods);
        }

        /**
         * One payment method's own ledger.
         *
         * @param method the method
         * @param ledger its amounts (with no methods of its own)
         */
        public record MethodLedger(PaymentMethod method, PaymentLedger ledger) {
            /** @throws InvalidInputException if a field is null */
            public MethodLedger {
                InvalidInputException.requireNonNull(method, "MethodLedger.method");
                InvalidInputException.requireNonNull(ledger, "MethodLedger.ledger");
            }
        }

        /**
         * @param currency the order's currency
         * @return a ledger with nothing authorised
         */
        public static PaymentLedger empty(CurrencyUnit currency) {
            MonetaryAmount zero = Amounts.zero(currency);
            return new PaymentLedger(zero, zero, zero, zero);
        }

        /** @return authorised minus captured minus voided: what can still be captured */
        public MonetaryAmount capturable() {
            return authorised.subtract(captured).subtract(voided);
        }

        /**
         * @return what invoices still ask for: captured less refunded (a credit note) and less
         *     settled (paid), never below zero
         */
        public MonetaryAmount unsettled() {
            MonetaryAmount open = captured.subtract(refunded).subtract(settled);
            return open.isNegative() ? open.multiply(0) : open;
        }

        /** @return captured minus refunded: what can still be refunded */
        public MonetaryAmount refundable() {
            return captured.subtract(refunded);
        }

        /**
         * @param id a payment method's id
         * @return its ledger, if the order was paid by it
         */
        public Optional<MethodLedger> method(String id) {
            return methods.stream().filter(m -> m.method().id().equals(id)).findFirst();
        }

        /** @return this ledger after an authorisation of {@code amount} */
        public PaymentLedger authorise(MonetaryAmount amount) {
            return authorise(amount, Optional.empty());
        }

        /** @return this ledger after a capture of {@code amount} */
        public PaymentLedger capture(MonetaryAmount amount) {
            return capture(amount, Optional.empty());
        }

        /** @return this ledger after voiding {@code amount} of the authorisation */
        public PaymentLedger voidAuthorisation(MonetaryAmount amount) {
            return voidAuthorisation(amount, Optional.empty());
        }

        /** @return this ledger after a refund of {@code amount} */
        public PaymentLedger refund(MonetaryAmount amount) {
            return refund(amount, Optional.empty());
        }

        /**
         * @param amount the amount
         * @param method the method authorised, if the payment names one (a new one is added last)
         * @return this ledger after the authorisation
         * @throws InvalidInputException if the ledger would break an invariant
         */
        public PaymentLedger authorise(MonetaryAmount amount, Optional<PaymentMethod> method) {
            return move(method, amount, Column.AUTHORISED);
        }

        /**
         * @param amount the amount
         * @param method the method captured, if the payment names one
         * @return this ledger after the capture
         * @throws InvalidInputException if the ledger would break an invariant
         */
        public PaymentLedger capture(MonetaryAmount amount, Optional<PaymentMethod> method) {
            return move(method, amount, Column.CAPTURED);
        }

        /**
         * @param amount the amount
         * @param method the method whose authorisation is voided, if the payment names one
         * @return this ledger after the void
         * @throws InvalidInputException if the ledger would break an invariant
         */
        public PaymentLedger voidAuthorisation(MonetaryAmount amount, Optional<PaymentMethod> method) {
            return move(method, amount, Column.VOIDED);
        }

        /**
         * @param amount the amount
         * @param method the method refunded, if the payment names one
         * @return this ledger after the refund
         * @throws InvalidInputException if the ledger would break an invariant
         */
        public PaymentLedger refund(MonetaryAmount amount, Optional<PaymentMethod> method) {
            return move(method, amount, Column.REFUNDED);
        }

        /**
         * @param amount the amount paid against the method's invoice
         * @param method the invoice method
         * @return this ledger after recording it as settled
         * @throws InvalidInputException if the ledger would break an invariant (settled above captured)
         */
        public PaymentLedger settle(MonetaryAmount amount, Optional<PaymentMethod> method) {
            return move(method, amount, Column.SETTLED);
        }

        /** The five running amounts. */
        private enum Column { AUTHORISED, CAPTURED, VOIDED, REFUNDED, SETTLED }

        /** This ledger with {@code amount} added to one column, and the given methods. */
        private PaymentLedger plus(Column column, MonetaryAmount amount, List<MethodLedger> next) {
            return new PaymentLedger(column == Column.AUTHORISED ? authorised.add(amount) : authorised,
                    column == Column.CAPTURED ? captured.add(amount) : captured,
                    column == Column.VOIDED ? voided.add(amount) : voided,
                    column == Column.REFUNDED ? refunded.add(amount) : refunded,
                    column == Column.SETTLED ? settled.add(amount) : settled, next);
        }

        /** Adds {@code amount} to a column of the totals and, if it names one, of the method's ledger. */
        private PaymentLedger move(Optional<PaymentMethod> method, MonetaryAmount amount, Column column) {
            InvalidInputException.requireNonNull(method, "method");
            if (method.isEmpty()) {
                return plus(column, amount, methods);
            }
            List<MethodLedger> next = new java.util.ArrayList<>(methods);
            Optional<MethodLedger> own = method(method.get().id());
            MethodLedger moved = new MethodLedger(method.get(), own.map(MethodLedger::ledger)
                    .orElseGet(() -> empty(authorised.getCurrency())).plus(column, amount, List.of()));
            if (own.isPresent()) {
                next.set(next.indexOf(own.get()), moved);
            } else {
                next.add(moved);
            }
            return plus(column, amount, next);
        }

        private String brief() {
            return "authorised " + authorised + ", captured " + captured + ", voided " + voided + ", refunded "
                    + refunded + ", settled " + settled;
        }
    }

    /**
     * The buckets of one line's quantity. They always add up:
     * <pre>
     * ordered   = cancelled + open
     * open      = unallocated + allocated + shipped
     * shipped   = inTransit + delivered + lost
     * delivered &gt;= returned
     * </pre>
     * The constructor refuses any combination that breaks a sum, so an instance is always
     * consistent. Moves between buckets return a new instance and throw
     * {@link dev.oms.spi.InvalidInputException.InvalidQuantityException} if the source bucket is
     *     too small; oms-core checks
     * first and reports a {@link dev.oms.spi.RuleViolationException.QuantityUnavailableException}
     *     that names the order and
     * line.
     *
     * @param ordered units the customer ordered (changed only by an edit)
     * @param cancelled units cancelled
     * @param unallocated open units not yet assigned to a location
     * @param allocated open units assigned to a location, not yet shipped
     * @param inTransit units shipped and not yet delivered
     * @param delivered units delivered
     * @param returned delivered units that came back
     * @param lost shipped units the carrier lost (recorded when the merchant settles the claim)
     */
    public record LineQuantities(Quantity ordered, Quantity cancelled, Quantity unallocated, Quantity allocated,
            Quantity inTransit, Quantity delivered, Quantity returned, Quantity lost) {
        /**
         * @throws InvalidInputException if a bucket is null or the sums do not hold
         */
        public LineQuantities {
            InvalidInputException.requireNonNull(ordered, "LineQuantities.ordered");
            InvalidInputException.requireNonNull(cancelled, "LineQuantities.cancelled");
            InvalidInputException.requireNonNull(unallocated, "LineQuantities.unallocated");
            InvalidInputException.requireNonNull(allocated, "LineQuantities.allocated");
            InvalidInputException.requireNonNull(inTransit, "LineQuantities.inTransit");
            InvalidInputException.requireNonNull(delivered, "LineQuantities.delivered");
            InvalidInputException.requireNonNull(returned, "LineQuantities.returned");
            InvalidInputException.requireNonNull(lost, "LineQuantities.lost");
            Quantity sum = cancelled.plus(unallocated).plus(allocated).plus(inTransit).plus(delivered).plus(lost);
            if (!sum.equals(ordered)) {
                throw new InvalidInputException("LineQuantities", "ordered " + ordered
                        + " != cancelled + unallocated + allocated + inTransit + delivered + lost = " + sum);
            }
            if (returned.isGreaterThan(delivered)) {
                throw new InvalidInputException("LineQuantities",
                        "returned " + returned + " exceeds delivered " + delivered);
            }
        }

        /**
         * A freshly ordered line: everything open and unallocated.
         *
         * @param ordered units ordered
         * @return the buckets
         */
        public static LineQuantities ordered(Quantity ordered) {
            return new LineQuantities(ordered, Quantity.ZERO, ordered, Quantity.ZERO, Quantity.ZERO, Quantity.ZERO,
                    Quantity.ZERO, Quantity.ZERO);
        }

        /** @return ordered minus cancelled: the units the customer still gets */
        public Quantity open() {
            return ordered.minus(cancelled);
        }

        /** @return in transit plus delivered plus lost */
        public Quantity shipped() {
            return inTransit.plus(delivered).plus(lost);
        }

        /** @return delivered plus lost: the open units that will not move any more (all of them once complete) */
        public Quantity settled() {
            return delivered.plus(lost);
        }

        /** @return open units that have not shipped: unallocated plus allocated */
        public Quantity unshipped() {
            return unallocated.plus(allocated);
        }

        /**
         * @param fromUnallocated units cancelled from unallocated
         * @param fromAllocated units cancelled from allocated (their reservation must be released)
         * @return the buckets after the cancellation
         */
        public LineQuantities cancel(Quantity fromUnallocated, Quantity fromAllocated) {
            return new LineQuantities(ordered, cancelled.plus(fromUnallocated).plus(fromAllocated),
                    unallocated.minus(fromUnallocated), allocated.minus(fromAllocated), inTransit, delivered,
                    returned, lost);
        }

        /** @return the buckets after moving {@code q} from unallocated to allocated */
        public LineQuantities allocate(Quantity q) {
            return new LineQuantities(ordered, cancelled, unallocated.minus(q), allocated.plus(q), inTransit, delivered,
                    returned, lost);
        }

        /** @return the buckets after moving {@code q} from allocated back to unallocated */
        public LineQuantities deallocate(Quantity q) {
            return new LineQuantities(ordered, cancelled, unallocated.plus(q), allocated.minus(q), inTransit, delivered,
                    returned, lost);
        }

        /** @return the buckets after moving {@code q} from allocated to in transit */
        public LineQuantities ship(Quantity q) {
            return new LineQuantities(ordered, cancelled, unallocated, allocated.minus(q), inTransit.plus(q), delivered,
                    returned, lost);
        }

        /** @return the buckets after moving {@code q} from in transit to delivered */
        public LineQuantities deliver(Quantity q) {
            return new LineQuantities(ordered, cancelled, unallocated, allocated, inTransit.minus(q), delivered.plus(q),
                    returned, lost);
        }

        /** @return the buckets after moving {@code q} from in transit to lost */
        public LineQuantities lose(Quantity q) {
            return new LineQuantities(ordered, cancelled, unallocated, allocated, inTransit.minus(q), delivered,
                    returned, lost.plus(q));
        }

        /** @return the buckets after {@code q} delivered units came back */
        public LineQuantities markReturned(Quantity q) {
            return new LineQuantities(ordered, cancelled, unallocated, allocated, inTransit, delivered,
                    returned.plus(q), lost);
        }

        /**
         * An edit of the open quantity: the ordered quantity becomes cancelled plus the new open
         * quantity, and only unallocated units change. Units already allocated or shipped stay as
         * they are, so the new open quantity must be at least their sum.
         *
         * @param newOpen the new open quantity
         * @return the buckets after the edit
         * @throws InvalidInputException if the new open quantity is below the allocated and shipped units
         */
        public LineQuantities resizeOpen(Quantity newOpen) {
            Quantity fulfilling = allocated.plus(shipped());
            if (fulfilling.isGreaterThan(newOpen)) {
                throw new InvalidInputException("LineQuantities", "the open quantity cannot go below the " + fulfilling
                        + " units allocated or shipped (was to be " + newOpen + ")");
            }
            return new LineQuantities(cancelled.plus(newOpen), cancelled, newOpen.minus(fulfilling), allocated,
                    inTransit, delivered, returned, lost);
        }
    }

    /**
     * An active hold on an order. An order may carry several at once; it is identified by its type
     * and code, so two custom holds with different codes can coexist.
     *
     * @param type the kind of hold
     * @param code names the hold within its type; for the built-in types usually the type's name
     * @param reason why it was placed (free text, no personal data)
     * @param placedAt when it was placed
     */
    public record Hold(HoldType type, String code, String reason, Instant placedAt) {
        /**
         * @throws InvalidInputException if a field is null or the code is blank
         */
        public Hold {
            InvalidInputException.requireNonNull(type, "Hold.type");
            InvalidInputException.requireCode(code, "Hold.code");
            InvalidInputException.requireText(reason, "Hold.reason", 512);
            InvalidInputException.requireNonNull(placedAt, "Hold.placedAt");
        }

        /**
         * @param type the kind of hold
         * @param code the code within the type
         * @return whether this hold is the one named
         */
        public boolean is(HoldType type, String code) {
            return this.type == type && this.code.equals(code);
        }
    }

    /**
     * The kind of a hold. Any active hold, of any kind, blocks fulfilment (allocation and shipment).
     */
    public enum HoldType {
        /** Payment not authorised or declined. */
        PAYMENT,
        /** The fraud screen asked for a manual review. */
        FRAUD_REVIEW,
        /** The address needs checking. */
        ADDRESS,
        /** The customer asked to wait. */
        CUSTOMER_REQUEST,
        /** A host-defined hold; its code names it. */
        CUSTOM,
        /** A business order above its buyer's limit waits for an approver; the code names the approver. */
        APPROVAL
    }

    /**
     * An order-level discount (a coupon, a promotion). Line-level discounts live on the line.
     *
     * <p>The amount is taken off the merchandise after line discounts, never below zero; where it
     * must be attributed to lines (refunds) it is allocated exactly by line value.
     *
     * @param code the promotion or coupon code
     * @param amount the discount, not negative, in whole minor units of the order's currency
     */
    public record Discount(String code, MonetaryAmount amount) {
        /**
         * @throws InvalidInputException if a field is null, the code blank, or the amount negative or
         *     finer than its currency's minor unit
         */
        public Discount {
            InvalidInputException.requireCode(code, "Discount.code");
            InvalidInputException.requireNonNull(amount, "Discount.amount");
            Amounts.requireNonNegative(amount, amount.getCurrency(), "Discount.amount");
        }
    }

    /**
     * What the customer pays for delivery, and how it is taxed: like a line of one unit.
     *
     * <p>A discount on the charge (a free or half-price shipping coupon) is part of it: the customer
     * pays {@link #charged()}, the amount less the discount, and that is what is taxed (with rates;
     * a host that supplies the tax supplies it on the discounted charge), captured and refunded. It
     * never takes anything off the merchandise.
     *
     * @param code the shipping method or rate code (for example {@code "express"})
     * @param amount the charge before its discount, net or gross as the order's {@link TaxPolicy}
     *     says, not negative
     * @param tax its rates, or the host's amounts for it (for one unit)
     * @param discount a discount on this charge, at most its amount; empty if none
     */
    public record ShippingCharge(String code, MonetaryAmount amount, LineTax tax, Optional<Discount> discount) {
        /**
         * @throws InvalidInputException if a field is null, the code blank, an amount negative or finer
         *     than the minor unit, a tax amount in another currency, or the discount in another
         *     currency or above the amount
         */
        public ShippingCharge {
            InvalidInputException.requireCode(code, "ShippingCharge.code");
            InvalidInputException.requireNonNull(amount, "ShippingCharge.amount");
            Amounts.requireNonNegative(amount, amount.getCurrency(), "ShippingCharge.amount");
            InvalidInputException.requireNonNull(tax, "ShippingCharge.tax").requireAmountsIn(amount.getCurrency(),
                    "ShippingCharge.tax");
            if (tax instanceof LineTax.Supplied supplied && supplied.units() != 1) {
                throw new InvalidInputException("ShippingCharge.tax", "a shipping charge's supplied tax is for one "
                        + "unit, the charge (was for " + supplied.units() + ")");
            }
            InvalidInputException.requireNonNull(discount, "ShippingCharge.discount");
            if (discount.isPresent()) {
                MonetaryAmount off = discount.get().amount();
                if (!off.getCurrency().equals(amount.getCurrency())) {
                    throw new InvalidInputException.CurrencyMismatchException("ShippingCharge.discount",
                            amount.getCurrency(), off.getCurrency());
                }
                if (off.isGreaterThan(amount)) {
                    throw new InvalidInputException("ShippingCharge.discount", "discount " + off + " on shipping "
                            + code + " exceeds its amount " + amount);
                }
            }
        }

        /**
         * A charge without a discount.
         *
         * @param code the shipping method or rate code
         * @param amount the charge, not negative
         * @param tax its rates, or the host's amounts for it
         * @throws InvalidInputException as the canonical constructor
         */
        public ShippingCharge(String code, MonetaryAmount amount, LineTax tax) {
            this(code, amount, tax, Optional.empty());
        }

        /** @return what the customer pays for it: the amount less its discount */
        public MonetaryAmount charged() {
            return discount.isPresent() ? amount.subtract(discount.get().amount()) : amount;
        }

        /**
         * @param next its tax
         * @return this charge with it, the discount kept
         */
        public ShippingCharge withTax(LineTax next) {
            return new ShippingCharge(code, amount, next, discount);
        }

        /**
         * @param next a discount on this charge
         * @return this charge with it
         */
        public ShippingCharge withDiscount(Discount next) {
            return new ShippingCharge(code, amount, tax, Optional.of(InvalidInputException.requireNonNull(next,
                    "ShippingCharge.discount")));
        }

        /**
         * A charge with the host's tax on it.
         *
         * @param code the shipping rate code
         * @param amount the charge
         * @param tax the tax on it, under the code {@code "TAX"} ({@link LineTax#perUnit})
         * @return the charge
         */
        public static ShippingCharge of(String code, MonetaryAmount amount, MonetaryAmount tax) {
            return new ShippingCharge(code, amount, LineTax.perUnit(tax));
        }
    }

    /**
     * Who ordered what way, through which channel: the parts of an order that do not change with its
     * lifecycle (except the shipping address, by an edit).
     *
     * @param channel the sales channel
     * @param externalOrderId the order's id in that channel
     * @param customer the host's customer reference
     * @param billingAddress the billing address
     * @param shippingAddress where to deliver (for pickup orders, the customer's address of record)
     * @param serviceLevel how the customer receives the order
     * @param pickupLocation the store to collect from; present exactly when the service level is
     *     {@link ServiceLevel#PICKUP_IN_STORE}
     * @param currency the order's currency; every amount of the order is in it
     * @param taxPolicy how its prices are taxed (set by the channel)
     * @param pricing how fine its unit prices are and whether its amount due is cash-rounded
     * @param placedAt when the customer placed the order in the channel
     * @param tags free labels (for example {@code "gift"}, {@code "vip"}); kept sorted
     * @param attributes the order's custom attributes
     * @param b2b a business buyer's account, purchase order and payment terms, if it is one's
     */
    public record OrderHeader(ChannelId channel, ExternalOrderId externalOrderId, CustomerRef customer,
            Address billingAddress, Address shippingAddress, ServiceLevel serviceLevel,
            Optional<LocationId> pickupLocation, CurrencyUnit currency, TaxPolicy taxPolicy, Pricing pricing,
            Instant placedAt, Set<String> tags, Attributes attributes, Optional<B2bTerms> b2b) {
        /**
         * @throws InvalidInputException if a field is null, a tag is blank, or the pickup location
         *     does not match the service level
         */
        public OrderHeader {
            InvalidInputException.requireNonNull(channel, "OrderHeader.channel");
            InvalidInputException.requireNonNull(externalOrderId, "OrderHeader.externalOrderId");
            InvalidInputException.requireNonNull(customer, "OrderHeader.customer");
            InvalidInputException.requireNonNull(billingAddress, "OrderHeader.billingAddress");
            InvalidInputException.requireNonNull(shippingAddress, "OrderHeader.shippingAddress");
            InvalidInputException.requireNonNull(serviceLevel, "OrderHeader.serviceLevel");
            InvalidInputException.requireNonNull(pickupLocation, "OrderHeader.pickupLocation");
            if ((serviceLevel == ServiceLevel.PICKUP_IN_STORE) != pickupLocation.isPresent()) {
                throw new InvalidInputException("OrderHeader.pickupLocation",
                        "must be present exactly when the service level is PICKUP_IN_STORE");
            }
            InvalidInputException.requireNonNull(currency, "OrderHeader.currency");
            InvalidInputException.requireNonNull(taxPolicy, "OrderHeader.taxPolicy");
            InvalidInputException.requireNonNull(pricing, "OrderHeader.pricing").requireFits(currency,
                    "OrderHeader.pricing");
            InvalidInputException.requireNonNull(placedAt, "OrderHeader.placedAt");
            InvalidInputException.requireNonNull(tags, "OrderHeader.tags");
            SortedSet<String> sorted = new TreeSet<>();
            for (String tag : tags) {
                sorted.add(InvalidInputException.requireCode(tag, "OrderHeader.tags"));
            }
            tags = Collections.unmodifiableSortedSet(sorted);
            InvalidInputException.requireNonNull(attributes, "OrderHeader.attributes");
            InvalidInputException.requireNonNull(b2b, "OrderHeader.b2b");
        }

        /**
         * @param address the new shipping address
         * @return this header with another shipping address
         */
        public OrderHeader withShippingAddress(Address address) {
            return new OrderHeader(channel, externalOrderId, customer, billingAddress, address, serviceLevel,
                    pickupLocation, currency, taxPolicy, pricing, placedAt, tags, attributes, b2b);
        }

        /**
         * @param next the order's custom attributes
         * @return this header with them
         */
        public OrderHeader withAttributes(Attributes next) {
            return new OrderHeader(channel, externalOrderId, customer, billingAddress, shippingAddress, serviceLevel,
                    pickupLocation, currency, taxPolicy, pricing, placedAt, tags, next, b2b);
        }
    }
}
