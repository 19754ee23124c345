package dev.oms.fakes;

import dev.oms.spi.CommandKey;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.PaymentReference;
import dev.oms.spi.payment.PaymentGateway.PaymentRequest;
import dev.oms.spi.payment.PaymentGateway.PaymentResult;
import dev.oms.spi.payment.StoreCreditGateway;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.money.MonetaryAmount;

/**
 * Store credit for tests and examples: idempotent by key, a running balance per customer and
 * currency, deterministic references ({@code credit-1}, ...). Thread-safe.
 */
public final class FakeStoreCredit implements StoreCreditGateway {
    private final Map<CommandKey, PaymentResult> byKey = new ConcurrentHashMap<>();
    private final Map<String, MonetaryAmount> balances = new ConcurrentHashMap<>();
    private final AtomicLong references = new AtomicLong();

    /** Creates store credit with no balance. */
    public FakeStoreCredit() {
    }

    @Override
    public PaymentResult issue(PaymentRequest request) {
        InvalidInputException.requireNonNull(request, "request");
        return byKey.computeIfAbsent(request.idempotencyKey(), key -> {
            balances.merge(account(request.customer(), request.amount().getCurrency().getCurrencyCode()),
                    request.amount(), MonetaryAmount::add);
            return new PaymentResult.Approved(PaymentReference.of("credit-" + references.incrementAndGet()));
        });
    }

    /**
     * @param customer a customer
     * @param currencyCode a currency
     * @return the credit issued to the customer in that currency, if any
     */
    public java.util.Optional<MonetaryAmount> balance(CustomerRef customer, String currencyCode) {
        return java.util.Optional.ofNullable(balances.get(account(customer, currencyCode)));
    }

    private static String account(CustomerRef customer, String currencyCode) {
        return customer.value() + "/" + currencyCode;
    }
}
