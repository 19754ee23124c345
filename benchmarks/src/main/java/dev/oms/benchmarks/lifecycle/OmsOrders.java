package dev.oms.benchmarks.lifecycle;

import dev.oms.core.OrderCommand;
import dev.oms.core.OrderCommand.CommandKind;
import dev.oms.core.OrderDecider;
import dev.oms.core.OrderService;
import dev.oms.core.PlaceOrder;
import dev.oms.core.memory.InMemoryOrderStore;
import dev.oms.spi.Address;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.Order;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.money.Monetary;

/**
 * oms set up for the lifecycle benchmarks: a decider with a guard on confirm (the fraud screen
 * passed, read from the order's tags), a fixed clock and sequential ids (a host's choice; random
 * UUIDs would add their own cost), and an order of three lines.
 */
final class OmsOrders {
    static final String SCREENED = "fraud-screen-passed";
    static final List<LineQuantity> ALL_LINES = List.of(LineQuantity.of("1", 2), LineQuantity.of("2", 1),
            LineQuantity.of("3", 1));

    final OrderDecider decider = OrderDecider.builder()
            .clock(Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC))
            .ids(IdGenerator.sequential("b"))
            .guard("fraud-screen-passed", (order, command) -> order.header().tags().contains(SCREENED)
                    ? Optional.empty() : Optional.of("the fraud screen has not passed"), CommandKind.CONFIRM)
            .build();
    final InMemoryOrderStore store = new InMemoryOrderStore();
    final OrderService service = OrderService.builder(store).decider(decider).build();

    /** @return a three-line order, as a channel would place it */
    static PlaceOrder threeLines(String externalId) {
        return PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of(externalId), CustomerRef.of("c-1"),
                        Monetary.getCurrency("EUR"))
                .shipTo(Address.of("DE", "10115")).placedAt(Instant.parse("2026-11-20T09:00:00Z")).tag(SCREENED)
                .line("1", "TEE-M", 2, Amounts.of("19.90", "EUR"))
                .line("2", "MUG", 1, Amounts.of("9.50", "EUR"))
                .line("3", "CAP", 1, Amounts.of("15.00", "EUR"))
                .shipping("standard", Amounts.of("4.90", "EUR"), Amounts.of("0.93", "EUR"))
                .build();
    }

    /** @return the id of a stored, pending three-line order */
    OrderId storedPendingOrder() {
        return service.place(threeLines("W-1")).order().id();
    }

    /** Place, confirm, allocate, ship, deliver and complete, each decided on the order the last one produced. */
    Order lifecycle(PlaceOrder place) {
        Order order = decider.place(place).orThrow().order();
        order = decider.decide(order, new OrderCommand.Confirm()).orThrow().order();
        order = decider.decide(order, new OrderCommand.Allocate(LocationId.of("wh-1"), ALL_LINES)).orThrow().order();
        order = decider.decide(order, new OrderCommand.Ship(ShipmentId.of("s-1"), ALL_LINES)).orThrow().order();
        order = decider.decide(order, new OrderCommand.Deliver(ShipmentId.of("s-1"), ALL_LINES)).orThrow().order();
        return decider.decide(order, new OrderCommand.Complete()).orThrow().order();
    }
}
