package dev.oms.spi.order;

import dev.oms.spi.Amounts;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.OrderId;
import dev.oms.spi.UnknownLineException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
 * unique; every amount in the header's currency and not negative. (Whole minor units are checked
 * where amounts enter: {@link NewLine}, {@link Discount}, {@link ShippingCharge}, the payment
 * commands; a snapshot is rebuilt on every transition, so it keeps its own check cheap.)
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
        checkAmounts(header.currency(), lines, discounts, shippingCharges, payments);
    }

    /**
     * Runs on every new snapshot, so it allocates nothing while the order is valid: field names for
     * errors are built only when something is wrong.
     */
    private static void checkAmounts(CurrencyUnit currency, List<OrderLine> lines, List<Discount> discounts,
            List<ShippingCharge> shippingCharges, PaymentLedger payments) {
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
            if (!fits(line.unitPrice(), currency) || !fits(line.unitDiscount(), currency)
                    || !fits(line.unitTax(), currency)) {
                Amounts.requireCurrencyAndSign(line.unitPrice(), currency, "Order.lines[" + i + "].unitPrice");
                Amounts.requireCurrencyAndSign(line.unitDiscount(), currency, "Order.lines[" + i + "].unitDiscount");
                Amounts.requireCurrencyAndSign(line.unitTax(), currency, "Order.lines[" + i + "].unitTax");
            }
        }
        for (int i = 0; i < discounts.size(); i++) {
            if (!fits(discounts.get(i).amount(), currency)) {
                Amounts.requireCurrencyAndSign(discounts.get(i).amount(), currency, "Order.discounts[" + i + "].amount");
            }
        }
        for (int i = 0; i < shippingCharges.size(); i++) {
            ShippingCharge charge = shippingCharges.get(i);
            if (!fits(charge.amount(), currency) || !fits(charge.tax(), currency)) {
                Amounts.requireCurrencyAndSign(charge.amount(), currency, "Order.shippingCharges[" + i + "].amount");
                Amounts.requireCurrencyAndSign(charge.tax(), currency, "Order.shippingCharges[" + i + "].tax");
            }
        }
        Amounts.requireCurrencyAndSign(payments.authorised(), currency, "Order.payments");
    }

    private static boolean usedBefore(List<OrderLine> lines, int i) {
        for (int j = 0; j < i; j++) {
            if (lines.get(j).id().equals(lines.get(i).id())) {
                return true;
            }
        }
        return false;
    }

    private static boolean fits(MonetaryAmount amount, CurrencyUnit currency) {
        return amount != null && amount.getCurrency().equals(currency) && !amount.isNegative();
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
}
