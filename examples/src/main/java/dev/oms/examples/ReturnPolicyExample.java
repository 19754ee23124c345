package dev.oms.examples;

import dev.oms.core.OrderCommand;
import dev.oms.core.OrderPayments;
import dev.oms.core.OrderService;
import dev.oms.core.OrderTotals;
import dev.oms.core.PlaceOrder;
import dev.oms.fakes.FakePaymentGateway;
import dev.oms.fakes.ManualClock;
import dev.oms.inventory.InventoryService;
import dev.oms.inventory.memory.InMemoryInventoryStore;
import dev.oms.returns.ReturnDraft;
import dev.oms.returns.ReturnDraft.LineToReturn;
import dev.oms.returns.ReturnPolicy;
import dev.oms.returns.ReturnPolicy.RestockingFee;
import dev.oms.returns.ReturnPolicy.ReturnRefusedException;
import dev.oms.returns.ReturnReasons;
import dev.oms.returns.ReturnService;
import dev.oms.returns.memory.InMemoryReturnStore;
import dev.oms.spi.Address;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.returns.Inspection;
import dev.oms.spi.returns.Inspection.Disposition;
import dev.oms.spi.returns.Inspection.ItemCondition;
import dev.oms.spi.returns.Inspection.LineInspection;
import dev.oms.spi.returns.RefundBreakdown;
import dev.oms.spi.returns.RefundBreakdown.RefundMethod;
import dev.oms.spi.returns.ReturnRequest;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.money.Monetary;

/**
 * A focused example: writing a return policy. Thirty days from delivery, fourteen for electronics;
 * gift cards are final sale; a 10 % restocking fee and 3.95 return shipping unless the item was
 * damaged or defective. A request that breaks the policy is refused with every violation listed; an
 * allowed one is received, inspected, restocked and refunded by the policy's rules.
 *
 * <p>Run it with {@code mvn -B -q -pl examples -am package exec:java -DskipTests
 * -Dexec.mainClass=dev.oms.examples.ReturnPolicyExample}.
 */
public final class ReturnPolicyExample {
    private ReturnPolicyExample() {
    }

    /** @param args ignored */
    public static void main(String[] args) {
        java.util.logging.Logger.getLogger("org.javamoney.moneta").setLevel(java.util.logging.Level.WARNING);
        run(System.out);
    }

    static RefundBreakdown run(PrintStream out) {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-20T10:00:00Z"));
        OrderService orders = OrderService.builder(new dev.oms.core.memory.InMemoryOrderStore())
                .decider(dev.oms.core.OrderDecider.builder().clock(clock).build()).build();
        OrderPayments payments = new OrderPayments(orders, new FakePaymentGateway());
        InventoryService inventory = InventoryService.builder(new InMemoryInventoryStore()).clock(clock).build();
        OrderId id = deliveredOrder(orders, payments, clock);
        Map<Sku, String> categories = Map.of(Sku.of("HEADPHONES"), "electronics");

        // return-policy:begin
        ReturnPolicy policy = ReturnPolicy.builder()
                .window(Duration.ofDays(30))
                .categories(sku -> Optional.ofNullable(categories.get(sku)))
                .windowForCategory("electronics", Duration.ofDays(14))
                .finalSale(Sku.of("GIFTCARD-50"))
                .restockingFee(RestockingFee.percent("10"))
                .returnShippingFee(Amounts.of("3.95", "EUR"))
                .waiveRestockingFeeFor(ReturnReasons.DAMAGED, ReturnReasons.DEFECTIVE)
                .freeReturnShippingFor(ReturnReasons.DAMAGED, ReturnReasons.DEFECTIVE)
                .build();
        ReturnService returns = ReturnService.builder(orders, payments, inventory, new InMemoryReturnStore())
                .policy(policy).clock(clock).build();
        // return-policy:end

        clock.advance(Duration.ofDays(20));   // headphones are past their 14 days; the jacket is not
        try {
            returns.request(ReturnDraft.returnOf(id, LineToReturn.of("1", 1, ReturnReasons.CHANGED_MIND),
                    LineToReturn.of("3", 1, ReturnReasons.CHANGED_MIND)), CommandKey.of("rma-refused"));
        } catch (ReturnRefusedException refused) {
            out.println("refused: " + refused.getMessage());
        }
        ReturnRequest rma = returns.request(ReturnDraft.returnOf(id,
                LineToReturn.of("2", 1, ReturnReasons.DOES_NOT_FIT)), CommandKey.of("rma-1"));
        LocationId berlin = LocationId.of("wh-berlin");
        returns.approve(rma.id(), berlin, CommandKey.of("rma-1-approve"));
        returns.receive(rma.id(), List.of(new LineQuantity(LineId.of("2"), Quantity.of(1))), CommandKey.of("rma-1-in"));
        inventory.definePosition(Sku.of("JACKET-M"), berlin, PositionSettings.NONE);
        returns.inspect(rma.id(), List.of(new LineInspection(LineId.of("2"), new Inspection(Quantity.of(1),
                ItemCondition.AS_NEW, Disposition.RESTOCK, berlin))), CommandKey.of("rma-1-inspect"));
        RefundBreakdown refund = returns.refund(rma.id(), RefundMethod.ORIGINAL_PAYMENT, CommandKey.of("rma-1-refund"))
                .refund().orElseThrow();
        out.println("refunded for the jacket: " + Amounts.format(refund.total()) + " (restocking fee "
                + Amounts.format(refund.lines().get(0).restockingFee()) + ", return shipping "
                + Amounts.format(refund.returnShippingFee()) + ")");
        return refund;
    }

    private static OrderId deliveredOrder(OrderService orders, OrderPayments payments, ManualClock clock) {
        OrderId id = orders.place(PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of("W-7"),
                        CustomerRef.of("c-7"), Monetary.getCurrency("EUR"))
                .shipTo(Address.of("DE", "10115")).placedAt(clock.instant())
                .line("1", "HEADPHONES", 1, Amounts.of("129.00", "EUR"))
                .line("2", "JACKET-M", 1, Amounts.of("149.00", "EUR"))
                .line("3", "GIFTCARD-50", 1, Amounts.of("50.00", "EUR")).build()).order().id();
        payments.authorise(id, OrderTotals.of(orders.load(id)).grandTotal(), CommandKey.of("auth"));
        orders.handle(id, new OrderCommand.Confirm(), CommandKey.of("confirm"));
        List<LineQuantity> all = List.of(new LineQuantity(LineId.of("1"), Quantity.of(1)),
                new LineQuantity(LineId.of("2"), Quantity.of(1)), new LineQuantity(LineId.of("3"), Quantity.of(1)));
        orders.handle(id, new OrderCommand.Allocate(LocationId.of("wh-berlin"), all), CommandKey.of("allocate"));
        orders.handle(id, new OrderCommand.Ship(ShipmentId.of("s-1"), all), CommandKey.of("ship"));
        payments.capture(id, OrderTotals.of(orders.load(id)).grandTotal(), CommandKey.of("capture"));
        clock.advance(Duration.ofDays(2));
        orders.handle(id, new OrderCommand.Deliver(ShipmentId.of("s-1"), all), CommandKey.of("deliver"));
        return id;
    }
}
