package dev.oms.returns;

import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.core.OrderPayments;
import dev.oms.core.OrderService;
import dev.oms.core.OrderTotals;
import dev.oms.docs.ReadmeSnippets;
import dev.oms.fakes.FakeCarrier;
import dev.oms.fakes.ManualClock;
import dev.oms.inventory.InventoryService;
import dev.oms.returns.ReturnDraft.LineToReturn;
import dev.oms.returns.ReturnPolicy.RestockingFee;
import dev.oms.returns.ReturnReasons;
import dev.oms.returns.memory.InMemoryReturnStore;
import dev.oms.spi.Amounts;
import dev.oms.spi.CommandKey;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.Order.FulfillmentStatus;
import dev.oms.spi.order.Order.PaymentStatus;
import dev.oms.spi.returns.Inspection;
import dev.oms.spi.returns.Inspection.Disposition;
import dev.oms.spi.returns.Inspection.ItemCondition;
import dev.oms.spi.returns.Inspection.LineInspection;
import dev.oms.spi.returns.RefundBreakdown;
import dev.oms.spi.returns.RefundBreakdown.RefundLine;
import dev.oms.spi.returns.RefundBreakdown.RefundMethod;
import dev.oms.spi.returns.ReturnRequest;
import dev.oms.spi.returns.ReturnRequest.ReturnStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The module's story, read top to bottom: a customer orders a jacket and three books, returns
 * the jacket because it is too small, and later two books that arrived damaged. The README's
 * example and its worked refund table come from here.
 */
class ReturnsScenarioTest {
    final ReturnsWorld world = new ReturnsWorld();

    @Test
    void a_jacket_that_does_not_fit_and_two_damaged_books_come_back() {
        OrderService orders = world.orders;
        OrderPayments payments = world.payments;
        InventoryService inventory = world.inventory;
        FakeCarrier carrier = world.carrier;
        ManualClock clock = world.clock;
        OrderId orderId = RefundTest.workedOrder(world);
        assertThat(OrderTotals.paymentStatus(orders.load(orderId))).isEqualTo(PaymentStatus.PAID);

        // readme-example:begin
        ReturnPolicy policy = ReturnPolicy.builder()
                .window(Duration.ofDays(30))
                .finalSale(Sku.of("GIFTCARD"))
                .returnShippingFee(Amounts.of("3.95", "EUR"))
                .restockingFee(RestockingFee.percent("10"))
                .build();
        ReturnService returns = ReturnService.builder(orders, payments, inventory, new InMemoryReturnStore())
                .policy(policy).carrier(carrier).clock(clock).build();
        LocationId returnsCenter = LocationId.of("returns-center");

        ReturnRequest rma = returns.request(ReturnDraft.returnOf(orderId,
                LineToReturn.of("1", 1, ReturnReasons.TOO_SMALL)), CommandKey.of("rma-1"));
        returns.approve(rma.id(), returnsCenter, CommandKey.of("rma-1-approve"));
        returns.issueLabel(rma.id(), CommandKey.of("rma-1-label"));
        returns.receive(rma.id(), List.of(new LineQuantity(LineId.of("1"), Quantity.of(1))),
                CommandKey.of("rma-1-receive"));
        returns.inspect(rma.id(), List.of(new LineInspection(LineId.of("1"),
                new Inspection(Quantity.of(1), ItemCondition.AS_NEW, Disposition.RESTOCK, returnsCenter))),
                CommandKey.of("rma-1-inspect"));
        RefundBreakdown refund = returns.refund(rma.id(), RefundMethod.ORIGINAL_PAYMENT, CommandKey.of("rma-1-refund"))
                .refund().orElseThrow();
        // refund.total() is 94.30 - 3.95 = 90.35 EUR: the jacket after its share of the order
        // discount, with its tax, minus a 10% restocking fee and the return shipping fee.
        // readme-example:end
        assertThat(refund.total()).isEqualTo(ReturnsWorld.eur("90.35"));
        assertThat(inventory.position(Sku.of("JACKET"), returnsCenter).onHand()).isEqualTo(Quantity.of(1));
        assertThat(orders.load(orderId).fulfillmentStatus()).isEqualTo(FulfillmentStatus.PARTIALLY_RETURNED);

        // A week later two books turn out damaged: no restocking fee, no return shipping fee,
        // and their share of the original shipping comes back too. They are disposed of.
        clock.advance(Duration.ofDays(7));
        ReturnRequest books = returns.request(ReturnDraft.returnOf(orderId,
                LineToReturn.of("2", 2, ReturnReasons.DAMAGED_IN_TRANSIT)), CommandKey.of("rma-2"));
        returns.approve(books.id(), returnsCenter, CommandKey.of("rma-2-approve"));
        returns.receive(books.id(), List.of(new LineQuantity(LineId.of("2"), Quantity.of(2))),
                CommandKey.of("rma-2-receive"));
        returns.inspect(books.id(), List.of(new LineInspection(LineId.of("2"), new Inspection(Quantity.of(2),
                ItemCondition.DAMAGED, Disposition.DISPOSE, returnsCenter))), CommandKey.of("rma-2-inspect"));
        RefundBreakdown booksRefund = returns.refund(books.id(), RefundMethod.ORIGINAL_PAYMENT,
                CommandKey.of("rma-2-refund")).refund().orElseThrow();
        assertThat(booksRefund.lines()).singleElement().satisfies(l -> {
            assertThat(l.restockingFee()).isEqualTo(ReturnsWorld.eur("0.00"));
            assertThat(l.shipping()).isEqualTo(ReturnsWorld.eur("0.58"));
        });
        assertThat(inventory.position(Sku.of("BOOK"), returnsCenter).damaged()).isEqualTo(Quantity.of(2));
        assertThat(returns.close(books.id(), CommandKey.of("rma-2-close")).status()).isEqualTo(ReturnStatus.CLOSED);

        var order = orders.load(orderId);
        assertThat(order.payments().refunded()).isEqualTo(refund.total().add(booksRefund.total()));
        assertThat(OrderTotals.paymentStatus(order)).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
        assertThat(order.requireLine(LineId.of("2")).quantities().returned()).isEqualTo(Quantity.of(2));

        assertThat(ReadmeSnippets.codeBlockAfter(ReadmeSnippets.readme(),
                "<!-- readme-example (from ReturnsScenarioTest) -->")).isEqualTo(ReadmeSnippets.region(
                        Path.of("src/test/java/dev/oms/returns/ReturnsScenarioTest.java"), "readme-example"));
    }

    @Test
    void the_readme_worked_refund_table_is_what_the_calculator_gives() {
        ReturnsWorld w = new ReturnsWorld();
        OrderId id = RefundTest.workedOrder(w);
        RefundBreakdown[] both = RefundTest.workedRefunds(w, id, RefundMethod.ORIGINAL_PAYMENT);
        RefundBreakdown first = both[0];
        RefundBreakdown second = both[1];
        String table = "| refund | line | units | gross | line discount | order discount | tax | shipping | shipping tax | fee | total |\n"
                + "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
                + rows("first", first) + rows("second", second)
                + "| **both** | | | | | | | | | | **" + money(first.total().add(second.total())) + "** |\n";
        assertThat(ReadmeSnippets.between(ReadmeSnippets.readme(), "<!-- worked-refund:begin (checked by ReturnsScenarioTest) -->\n", "<!-- worked-refund:end -->"))
                .isEqualTo(table.strip());
    }

    private static String rows(String name, RefundBreakdown refund) {
        StringBuilder out = new StringBuilder();
        for (RefundLine l : refund.lines()) {
            out.append("| ").append(name).append(" | ").append(l.lineId()).append(" | ").append(l.units()).append(" | ")
                    .append(money(l.gross())).append(" | ").append(money(l.lineDiscount())).append(" | ")
                    .append(money(l.orderDiscount())).append(" | ").append(money(l.tax())).append(" | ")
                    .append(money(l.shipping())).append(" | ").append(money(l.shippingTax())).append(" | ")
                    .append(money(l.restockingFee())).append(" | ").append(money(l.total())).append(" |\n");
        }
        return out.toString();
    }

    private static String money(javax.money.MonetaryAmount amount) {
        return amount.getNumber().numberValue(java.math.BigDecimal.class).setScale(2).toPlainString();
    }
}
