package dev.oms.spi.internal;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.money.CurrencyQuery;
import javax.money.CurrencyUnit;
import javax.money.spi.CurrencyProviderSpi;

/**
 * A JSR-354 currency provider that knows no currency and counts how often it is asked, so a test
 * sees how often a lookup went through the providers. Registered for the tests by
 * {@code META-INF/services}.
 */
public final class CountingCurrencies implements CurrencyProviderSpi {
    static final AtomicInteger ASKED = new AtomicInteger();

    @Override
    public String getProviderName() {
        return "oms-test-counting";
    }

    @Override
    public Set<CurrencyUnit> getCurrencies(CurrencyQuery query) {
        ASKED.incrementAndGet();
        return Set.of();
    }
}
