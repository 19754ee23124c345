package dev.oms.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.core.OrderCommand;
import dev.oms.core.OrderService;
import dev.oms.core.OrderTotals;
import dev.oms.core.PlaceOrder;
import dev.oms.core.memory.InMemoryOrderStore;
import dev.oms.spi.Address;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.Quantity;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.NewLine;
import dev.oms.spi.order.Order;
import java.time.Instant;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import org.javamoney.moneta.CurrencyUnitBuilder;
import org.junit.jupiter.api.Test;

/**
 * A currency the JDK does not know, registered by the host with JSR-354 (Moneta's
 * {@link CurrencyUnitBuilder}, or a {@code CurrencyProviderSpi} of its own) before oms first sees
 * its code: an order in it is priced with its digits, stored and read back like any other.
 */
class HostCurrencyTest {
    /** A token with eight decimals, as a marketplace's own credits or a crypto-currency would have. */
    private static final CurrencyUnit XTK = CurrencyUnitBuilder.of("XTK", "host").setDefaultFractionDigits(8)
            .build(true);

    @Test
    void an_order_in_a_currency_the_host_registered_is_priced_with_its_digits_and_stored_and_read_back() {
        assertThat(Monetary.getCurrency("XTK")).isEqualTo(XTK);
        InMemoryOrderStore store = new InMemoryOrderStore();
        OrderService orders = OrderService.builder(store).build();
        Order placed = orders.place(PlaceOrder.builder(ChannelId.of("tokens"), ExternalOrderId.of("t-1"),
                        CustomerRef.of("c-1"), XTK).shipTo(Address.of("DE", "10115"))
                .placedAt(Instant.parse("2026-11-01T09:00:00Z"))
                .line(NewLine.of("1", "STICKER", 3, Amounts.of("0.00012345", "XTK")))
                .discount("DROP", Amounts.of("0.00000001", "XTK"))
                .build(), CommandKey.of("t-1")).order();
        assertThat(OrderTotals.of(placed).grandTotal()).isEqualTo(Amounts.of("0.00037034", "XTK"));
        Order cancelled = orders.handle(placed.id(), new OrderCommand.CancelLine(LineId.of("1"), Quantity.of(1),
                CancelReason.CUSTOMER_REQUEST, ""), CommandKey.of("t-2")).order();
        assertThat(OrderTotals.of(cancelled).grandTotal()).isEqualTo(Amounts.of("0.00024689", "XTK"));

        String stored = StoredJson.write(cancelled, Order.class);
        assertThat(stored).contains("\"currency\":\"XTK\"");
        assertThat(StoredJson.read(stored, Order.class)).isEqualTo(cancelled);
        OrderEvent first = orders.history(placed.id()).get(0);
        assertThat(OmsJson.read(OmsJson.write(first), OrderEvent.class)).isEqualTo(first);

        // finer than its eight digits, or a code nobody registered: refused, naming the field
        assertThatThrownBy(() -> StoredJson.read(stored.replace("\"0.00012345\"", "\"0.000123456\""), Order.class))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("unitPrice")
                .hasMessageContaining("XTK allows (8)");
        assertThatThrownBy(() -> StoredJson.read(stored.replace("\"XTK\"", "\"XQQ\""), Order.class))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("currency");
    }
}
