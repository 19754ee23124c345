package dev.oms.core;

import dev.oms.core.memory.InMemoryOrderStore;
import dev.oms.spi.Address;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.LineId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.order.LineTax;
import dev.oms.spi.order.NewLine;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import javax.money.MonetaryAmount;

/** Shared test data: EUR amounts, a fixed clock, sequential ids and a two-line web order. */
final class Fixtures {
    static final CurrencyUnit EUR = Monetary.getCurrency("EUR");
    static final CurrencyUnit USD = Monetary.getCurrency("USD");
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    static final ChannelId WEB = ChannelId.of("web");
    static final CustomerRef ALICE = CustomerRef.of("cust-alice");
    static final LineId L1 = LineId.of("L1");
    static final LineId L2 = LineId.of("L2");
    private static final AtomicLong KEYS = new AtomicLong();

    private Fixtures() {
    }

    static MonetaryAmount eur(String amount) {
        return Monetary.getDefaultAmountFactory().setCurrency(EUR).setNumber(new BigDecimal(amount)).create();
    }

    static MonetaryAmount usd(String amount) {
        return Monetary.getDefaultAmountFactory().setCurrency(USD).setNumber(new BigDecimal(amount)).create();
    }

    static CommandKey key() {
        return CommandKey.of("k-" + KEYS.incrementAndGet());
    }

    static OrderDecider decider() {
        return OrderDecider.builder().clock(CLOCK).ids(IdGenerator.sequential("t")).build();
    }

    static OrderService service(InMemoryOrderStore store) {
        return OrderService.builder(store).decider(decider()).build();
    }

    /**
     * Two lines: L1 2 x 20.00 (1.00 off, 3.61 tax each), L2 1 x 15.50 (no discount, 2.95 tax);
     * coupon 5.00; standard shipping 4.90 + 0.93 tax.
     */
    static PlaceOrder.Builder webOrder(String externalId) {
        return PlaceOrder.builder(WEB, ExternalOrderId.of(externalId), ALICE, EUR)
                .shipTo(Address.of("DE", "10115"))
                .placedAt(T0)
                .tag("gift")
                .line(new NewLine(L1, Sku.of("TSHIRT-M"), Quantity.of(2), eur("20.00"), eur("1.00"),
                        LineTax.perUnit(eur("3.61"))))
                .line(new NewLine(L2, Sku.of("MUG"), Quantity.of(1), eur("15.50"), eur("0.00"),
                        LineTax.perUnit(eur("2.95"))))
                .discount("WELCOME5", eur("5.00"))
                .shipping("standard", eur("4.90"), eur("0.93"));
    }
}
