package dev.oms.examples;

import dev.oms.core.InMemoryOrderStore;
import dev.oms.core.OrderCommand;
import dev.oms.core.OrderService;
import dev.oms.core.OrderTotals;
import dev.oms.core.PlaceOrder;
import dev.oms.spi.Address;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.OrderId;
import dev.oms.spi.order.Order;
import java.time.Instant;
import javax.money.Monetary;

/** The README's quick start, compiled and run by the build (the README shows the marked part). */
public final class QuickStart {
    private QuickStart() {
    }

    /**
     * Places and confirms one order on the in-memory store.
     *
     * @return the confirmed order
     */
    public static Order run() {
        // quickstart:begin
        OrderService orders = OrderService.builder(new InMemoryOrderStore()).build();

        PlaceOrder place = PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of("web-1001"),
                        CustomerRef.of("cust-42"), Monetary.getCurrency("EUR"))
                .shipTo(Address.of("DE", "10115"))
                .placedAt(Instant.parse("2026-11-21T10:00:00Z"))
                .line("1", "TSHIRT-M", 2, Amounts.of("19.90", "EUR"))
                .shipping("standard", Amounts.of("4.90", "EUR"), Amounts.of("0.00", "EUR"))
                .build();

        OrderId id = orders.place(place).order().id();
        Order order = orders.handle(id, new OrderCommand.Confirm()).order();

        System.out.println(order.status() + ", grand total " + OrderTotals.of(order).grandTotal());
        // prints: CONFIRMED, grand total EUR 44.7
        // quickstart:end
        return order;
    }

    /** @param args ignored */
    public static void main(String[] args) {
        run();
    }
}
