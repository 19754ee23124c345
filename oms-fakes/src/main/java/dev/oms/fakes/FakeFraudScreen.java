package dev.oms.fakes;

import dev.oms.spi.Amounts;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.order.Order;
import dev.oms.spi.payment.FraudScreen;
import dev.oms.spi.payment.FraudScreen.FraudVerdict;
import dev.oms.spi.payment.FraudScreen.FraudVerdict.Outcome;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.money.MonetaryAmount;

/**
 * A fraud screen in memory: rejects or reviews chosen customers, reviews orders whose merchandise
 * value (the lines' subtotals: unit price times open quantity, before discounts, tax and shipping) is
 * above a threshold, accepts the rest. Thread-safe.
 */
public final class FakeFraudScreen implements FraudScreen {
    private final Map<CustomerRef, Outcome> byCustomer = new ConcurrentHashMap<>();
    private volatile MonetaryAmount reviewAbove;

    /** A screen that accepts everything. */
    public FakeFraudScreen() {
    }

    /** @param customer always sent to review @return this screen */
    public FakeFraudScreen review(CustomerRef customer) {
        byCustomer.put(InvalidInputException.requireNonNull(customer, "customer"), Outcome.REVIEW);
        return this;
    }

    /** @param customer always rejected @return this screen */
    public FakeFraudScreen reject(CustomerRef customer) {
        byCustomer.put(InvalidInputException.requireNonNull(customer, "customer"), Outcome.REJECT);
        return this;
    }

    /** @param threshold orders with a larger merchandise value go to review @return this screen */
    public FakeFraudScreen reviewAbove(MonetaryAmount threshold) {
        this.reviewAbove = InvalidInputException.requireNonNull(threshold, "threshold");
        return this;
    }

    @Override
    public FraudVerdict screen(Order order) {
        Outcome forCustomer = byCustomer.get(order.header().customer());
        if (forCustomer != null) {
            return new FraudVerdict(forCustomer, "customer rule: " + forCustomer.name().toLowerCase(java.util.Locale.ROOT));
        }
        MonetaryAmount threshold = reviewAbove;
        if (threshold != null && threshold.getCurrency().equals(order.currency())
                && merchandise(order).isGreaterThan(threshold)) {
            return new FraudVerdict(Outcome.REVIEW, "merchandise value above " + threshold);
        }
        return new FraudVerdict(Outcome.ACCEPT, "no rule matched");
    }

    private static MonetaryAmount merchandise(Order order) {
        MonetaryAmount value = Amounts.zero(order.currency());
        for (Order.OrderLine line : order.lines()) {
            value = value.add(line.subtotal(order.header().pricing()));
        }
        return value;
    }
}
