package dev.oms.core;

import static dev.oms.core.Fixtures.eur;
import static dev.oms.core.Fixtures.webOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.core.memory.InMemoryOrderStore;
import dev.oms.spi.OrderId;
import dev.oms.spi.PaymentReference;
import dev.oms.spi.RuleViolationException;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.order.B2bTerms;
import dev.oms.spi.order.B2bTerms.PaymentTerms;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.PaymentLedger;
import dev.oms.spi.payment.PaymentMethod;
import dev.oms.spi.payment.PaymentMethod.Kind;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.money.MonetaryAmount;
import org.junit.jupiter.api.Test;

/**
 * An invoice: its authorisation, its capture (the invoice, on whose date its payment terms count),
 * and what the buyer pays against it later, recorded as settled; never more than was invoiced,
 * only on an invoice, also after the order ended.
 */
class InvoiceSettlementTest {
    private static final PaymentMethod INVOICE = PaymentMethod.of("invoice", Kind.INVOICE);
    private static final PaymentMethod CARD = PaymentMethod.of("card", Kind.CARD);
    private final OrderService orders = Fixtures.service(new InMemoryOrderStore());

    private Order invoiced(String id) {
        Order order = orders.place(webOrder(id).b2b(new B2bTerms("acme", "ann", "PO-" + id, PaymentTerms.NET_30))
                .build()).order();
        MonetaryAmount total = OrderTotals.of(order).grandTotal();
        orders.handle(order.id(), new OrderCommand.RecordAuthorisation(total, PaymentReference.of("credit-ok"),
                Optional.of(INVOICE)));
        orders.handle(order.id(), new OrderCommand.Confirm());
        return orders.handle(order.id(), new OrderCommand.RecordCapture(total, PaymentReference.of("INV-1"),
                Optional.of(INVOICE))).order();
    }

    @Test
    void an_invoice_is_settled_in_parts_and_its_due_date_counts_from_its_capture() {
        Order order = invoiced("inv-1");
        MonetaryAmount total = order.payments().captured();
        assertThat(order.payments().unsettled()).isEqualTo(total);
        OrderEvent.PaymentCaptured invoice = orders.history(order.id()).stream()
                .filter(OrderEvent.PaymentCaptured.class::isInstance).map(OrderEvent.PaymentCaptured.class::cast)
                .findFirst().orElseThrow();
        LocalDate invoiceDate = LocalDate.ofInstant(invoice.occurredAt(), ZoneOffset.UTC);
        assertThat(order.header().b2b().orElseThrow().dueDate(invoiceDate)).isEqualTo(invoiceDate.plusDays(30));

        orders.handle(order.id(), new OrderCommand.RecordSettlement(eur("50.00"), PaymentReference.of("bank-1"),
                INVOICE));
        Order rest = orders.handle(order.id(), new OrderCommand.RecordSettlement(total.subtract(eur("50.00")),
                PaymentReference.of("bank-2"), INVOICE)).order();
        PaymentLedger ledger = rest.payments();
        assertThat(ledger.settled()).isEqualTo(total);
        assertThat(ledger.unsettled().isZero()).isTrue();
        assertThat(ledger.method("invoice").orElseThrow().ledger().settled()).isEqualTo(total);
        assertThat(OrderTotals.paymentStatus(rest)).isEqualTo(Order.PaymentStatus.PAID);
        assertThat(new OrderHistory(orders).timeline(order.id())).anySatisfy(entry -> assertThat(entry.what())
                .isEqualTo("Invoice settled: EUR 50.00 on invoice"));
        assertThat(orders.decider().replay(orders.history(order.id()))).isEqualTo(rest);
    }

    @Test
    void more_than_was_invoiced_a_card_and_an_unknown_method_are_refused_and_change_nothing() {
        Order order = invoiced("inv-2");
        MonetaryAmount total = order.payments().captured();
        assertThatThrownBy(() -> orders.handle(order.id(), new OrderCommand.RecordSettlement(total.add(eur("0.01")),
                PaymentReference.of("bank"), INVOICE))).isInstanceOfSatisfying(RuleViolationException.class,
                        e -> assertThat(e.rule()).isEqualTo("settlement-within-invoiced"));
        assertThatThrownBy(() -> orders.handle(order.id(), new OrderCommand.RecordSettlement(eur("1.00"),
                PaymentReference.of("bank"), CARD))).isInstanceOfSatisfying(RuleViolationException.class,
                        e -> assertThat(e.rule()).isEqualTo("settlement-of-an-invoice"));
        assertThatThrownBy(() -> orders.handle(order.id(), new OrderCommand.RecordSettlement(eur("1.00"),
                PaymentReference.of("bank"), PaymentMethod.of("other-invoice", Kind.INVOICE))))
                .isInstanceOf(RuleViolationException.class).hasMessageContaining("authorised nothing");
        assertThatThrownBy(() -> orders.handle(order.id(), new OrderCommand.RecordSettlement(eur("-1.00"),
                PaymentReference.of("bank"), INVOICE))).isInstanceOf(dev.oms.spi.InvalidInputException.class);
        assertThat(orders.load(order.id())).isEqualTo(order);
    }

    @Test
    void an_invoice_is_settled_after_the_order_was_cancelled_and_the_ledger_refuses_settled_above_captured() {
        Order order = invoiced("inv-3");
        OrderId id = order.id();
        orders.handle(id, new OrderCommand.Cancel(CancelReason.CUSTOMER_REQUEST, ""));
        Order settled = orders.handle(id, new OrderCommand.RecordSettlement(eur("10.00"), PaymentReference.of("b"),
                INVOICE)).order();
        assertThat(settled.payments().settled()).isEqualTo(eur("10.00"));
        MonetaryAmount zero = eur("0.00");
        assertThatThrownBy(() -> new PaymentLedger(eur("5.00"), eur("5.00"), zero, zero, eur("6.00"),
                java.util.List.of())).isInstanceOf(dev.oms.spi.InvalidInputException.class)
                .hasMessageContaining("settled");
    }
}
