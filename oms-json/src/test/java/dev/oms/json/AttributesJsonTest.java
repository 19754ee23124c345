package dev.oms.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.core.AttributeDefinitions;
import dev.oms.core.AttributeDefinitions.Definition;
import dev.oms.core.AttributeDefinitions.Scope;
import dev.oms.core.OrderCommand;
import dev.oms.core.OrderDecider;
import dev.oms.core.PlaceOrder;
import dev.oms.spi.Address;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.LineId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.order.Attributes;
import dev.oms.spi.order.Attributes.Type;
import dev.oms.spi.order.LineTax;
import dev.oms.spi.order.NewLine;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.OrderEdit;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import javax.money.Monetary;
import org.junit.jupiter.api.Test;

/** Custom attributes of every type survive the stored form of orders and of the events that carry them. */
class AttributesJsonTest {
    private static final OrderDecider DECIDER = OrderDecider.builder().attributes(AttributeDefinitions.of(
            Definition.required(Scope.ORDER, "po-number", Type.TEXT).maxLength(35),
            Definition.optional(Scope.ORDER, "rush", Type.BOOLEAN),
            Definition.optional(Scope.ORDER, "deliver-on", Type.DATE),
            Definition.optional(Scope.ORDER, "declared-value", Type.AMOUNT),
            Definition.optional(Scope.LINE, "engraving", Type.TEXT).maxLength(20),
            Definition.optional(Scope.LINE, "width-mm", Type.NUMBER))).build();

    static Order order() {
        return DECIDER.place(PlaceOrder.builder(ChannelId.of("b2b"), ExternalOrderId.of("a-1"), CustomerRef.of("acme"),
                Monetary.getCurrency("EUR")).shipTo(Address.of("DE", "10115"))
                .placedAt(Instant.parse("2026-11-01T09:00:00Z"))
                .attribute("po-number", new Attributes.Text("PO-4711 \"rush\"\nsecond line"))
                .attribute("rush", new Attributes.Flag(true))
                .attribute("deliver-on", new Attributes.Date(LocalDate.parse("2026-12-24")))
                .attribute("declared-value", new Attributes.Amount(Amounts.of("1200.50", "USD")))
                .line(NewLine.of("1", "DESK", 1, Amounts.of("499.00", "EUR")).withAttributes(Attributes.NONE
                        .with("engraving", new Attributes.Text("For Ann")).with("width-mm",
                                new Attributes.Number(new BigDecimal("1600.5")))))
                .build()).orThrow().order();
    }

    @Test
    void an_order_with_attributes_of_every_type_reads_back_equal() {
        Order order = order();
        String json = StoredJson.write(order, Order.class);
        assertThat(StoredJson.read(json, Order.class)).isEqualTo(order);
        assertThat(json).contains("[\"deliver-on\",{\"@type\":\"Date\",\"value\":\"2026-12-24\"}]");
    }

    @Test
    void the_events_that_carry_attributes_read_back_equal() {
        Order order = order();
        OrderEvent placed = DECIDER.place(PlaceOrder.builder(order.header().channel(), ExternalOrderId.of("a-2"),
                order.header().customer(), order.currency()).shipTo(Address.of("DE", "10115"))
                .placedAt(order.header().placedAt()).attribute("po-number", new Attributes.Text("PO-1"))
                .line(new NewLine(LineId.of("1"), Sku.of("DESK"), Quantity.of(1), Amounts.of("10.00", "EUR"),
                        Amounts.of("0.00", "EUR"), LineTax.none(), Attributes.NONE.with("width-mm",
                                new Attributes.Number(BigDecimal.TEN))))
                .build()).orThrow().events().get(0);
        assertThat(StoredJson.read(StoredJson.write(placed, OrderEvent.class), OrderEvent.class)).isEqualTo(placed);
        OrderEvent edited = DECIDER.decide(order, new OrderCommand.Edit(List.of(new OrderEdit.SetAttributes(
                Optional.of(LineId.of("1")), Attributes.NONE.with("engraving", new Attributes.Text("For Bo"))))))
                .orThrow().events().get(0);
        assertThat(StoredJson.read(StoredJson.write(edited, OrderEvent.class), OrderEvent.class)).isEqualTo(edited);
    }

    @Test
    void a_business_order_with_its_terms_reads_back_equal_and_one_stored_before_terms_reads_with_none() {
        Order order = DECIDER.place(PlaceOrder.builder(ChannelId.of("b2b"), ExternalOrderId.of("t-1"),
                CustomerRef.of("acme"), Monetary.getCurrency("EUR")).shipTo(Address.of("DE", "10115"))
                .placedAt(Instant.parse("2026-11-01T09:00:00Z")).attribute("po-number", new Attributes.Text("PO-9"))
                .b2b(new dev.oms.spi.order.B2bTerms("acme", "ann", "PO-9", dev.oms.spi.order.B2bTerms.PaymentTerms.NET_30))
                .line("1", "DESK", 1, Amounts.of("499.00", "EUR")).build()).orThrow().order();
        String json = StoredJson.write(order, Order.class);
        assertThat(StoredJson.read(json, Order.class)).isEqualTo(order);
        Order consumer = order.withHeader(new Order.OrderHeader(order.header().channel(),
                order.header().externalOrderId(), order.header().customer(), order.header().billingAddress(),
                order.header().shippingAddress(), order.header().serviceLevel(), order.header().pickupLocation(),
                order.currency(), order.header().taxPolicy(), order.header().pricing(), order.header().placedAt(),
                order.header().tags(), order.header().attributes(), Optional.empty()));
        String v9 = StoredJson.write(consumer, Order.class).replace(",\"b2b\":null", "")
                .replace("\"schemaVersion\":" + StoredJson.SCHEMA_VERSION, "\"schemaVersion\":9");
        assertThat(v9).doesNotContain("\"b2b\":");
        assertThat(StoredJson.read(v9, Order.class)).isEqualTo(consumer);
    }

    @Test
    void a_settled_invoice_reads_back_and_a_ledger_stored_before_settlements_settled_nothing() {
        dev.oms.spi.payment.PaymentMethod invoice = dev.oms.spi.payment.PaymentMethod.of("invoice",
                dev.oms.spi.payment.PaymentMethod.Kind.INVOICE);
        Order order = order();
        javax.money.MonetaryAmount total = dev.oms.core.OrderTotals.of(order).grandTotal();
        order = DECIDER.decide(order, new OrderCommand.RecordAuthorisation(total, dev.oms.spi.PaymentReference.of("a"),
                Optional.of(invoice))).orThrow().order();
        order = DECIDER.decide(order, new OrderCommand.RecordCapture(total, dev.oms.spi.PaymentReference.of("i"),
                Optional.of(invoice))).orThrow().order();
        var settling = DECIDER.decide(order, new OrderCommand.RecordSettlement(Amounts.of("100.00", "EUR"),
                dev.oms.spi.PaymentReference.of("bank"), invoice)).orThrow();
        Order settled = settling.order();
        assertThat(StoredJson.read(StoredJson.write(settled, Order.class), Order.class)).isEqualTo(settled);
        assertThat(StoredJson.read(StoredJson.write(settling.events().get(0), OrderEvent.class), OrderEvent.class))
                .isEqualTo(settling.events().get(0));
        String v10 = StoredJson.write(order, Order.class).replace(",\"settled\":{\"amount\":\"0\",\"currency\":\"EUR\"}", "")
                .replace("\"schemaVersion\":" + StoredJson.SCHEMA_VERSION, "\"schemaVersion\":10");
        assertThat(v10).doesNotContain("settled");
        assertThat(StoredJson.read(v10, Order.class)).isEqualTo(order);
    }

    @Test
    void an_order_stored_before_attributes_reads_with_none() {
        Order order = order();
        Order without = order.withHeader(order.header().withAttributes(Attributes.NONE))
                .withLines(order.lines().stream().map(l -> l.withAttributes(Attributes.NONE)).toList());
        String v8 = StoredJson.write(without, Order.class).replace(",\"attributes\":{\"values\":[]}", "").replace(",\"b2b\":null", "")
                .replace("\"schemaVersion\":" + StoredJson.SCHEMA_VERSION, "\"schemaVersion\":8");
        assertThat(v8).doesNotContain("attributes");
        assertThat(StoredJson.read(v8, Order.class)).isEqualTo(without);
    }

    @Test
    void a_delivery_promise_moved_by_a_late_stage_reads_back_equal() {
        Order confirmed = DECIDER.decide(order(), new OrderCommand.Confirm()).orThrow().order();
        OrderEvent promised = DECIDER.decide(confirmed, new OrderCommand.PromiseDelivery(List.of(LineId.of("1")),
                Instant.parse("2026-12-18T12:00:00Z"), Optional.of("assembly"), "assembly finished 2 days late"))
                .orThrow().events().get(0);
        assertThat(promised).isInstanceOf(OrderEvent.DeliveryPromised.class);
        assertThat(StoredJson.read(StoredJson.write(promised, OrderEvent.class), OrderEvent.class)).isEqualTo(promised);
        OrderEvent first = DECIDER.decide(confirmed, new OrderCommand.PromiseDelivery(List.of(LineId.of("1")),
                Instant.parse("2026-12-16T12:00:00Z"), Optional.empty(), "")).orThrow().events().get(0);
        assertThat(StoredJson.read(StoredJson.write(first, OrderEvent.class), OrderEvent.class)).isEqualTo(first);
    }
}
