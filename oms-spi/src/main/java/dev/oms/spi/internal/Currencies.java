package dev.oms.spi.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.money.CurrencyUnit;
import javax.money.Monetary;

/**
 * Currencies by code, each looked up in JSR-354 once: {@code Monetary.getCurrency} asks every
 * currency provider on every call (a twentieth of the flow's accept path, in a profile, went to
 * it from {@code Amounts.of}; a JSON document with many amounts paid for it on each). Only codes
 * JSR-354 knows are kept (an unknown one throws as it did), so the map is bounded by what the
 * providers know; a code keeps the currency it was first found as, so a currency provider a host
 * registers later does not replace a currency already used.
 */
public final class Currencies {
    private static final Map<String, CurrencyUnit> KNOWN = new ConcurrentHashMap<>();

    private Currencies() {
    }

    /**
     * @param code a currency code
     * @return its currency
     * @throws javax.money.UnknownCurrencyException if JSR-354 knows none by that code
     */
    public static CurrencyUnit of(String code) {
        CurrencyUnit known = KNOWN.get(code);
        if (known != null) {
            return known;
        }
        CurrencyUnit found = Monetary.getCurrency(code);
        KNOWN.putIfAbsent(code, found);
        return found;
    }
}
