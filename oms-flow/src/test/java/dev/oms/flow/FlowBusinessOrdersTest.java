package dev.oms.flow;

import static dev.oms.flow.FlowWorld.BERLIN;
import static dev.oms.flow.FlowWorld.eur;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.core.OrderTotals;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.OrderId;
import dev.oms.spi.RuleViolationException;
import dev.oms.spi.order.ApprovalPolicy;
import dev.oms.spi.order.B2bTerms;
import dev.oms.spi.order.B2bTerms.PaymentTerms;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.HoldType;
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.payment.CreditCheck;
import dev.oms.spi.payment.PaymentMethod;
import dev.oms.spi.payment.PaymentMethod.Kind;
import dev.oms.spi.payment.PaymentShare;
import dev.oms.spi.process.ProcessRecord.WaitReason;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Business orders through the flow: the company account, purchase order and payment terms on
 * the order; an approval hold for an order above its buyer's limit, released only by its
 * approver and cancelled by its rejection; the host's credit limit asked before each
 * authorisation, a refusal waiting as a decline until a retry finds credit.
 */
class FlowBusinessOrdersTest {
    private static final PaymentMethod INVOICE = PaymentMethod.of("invoice", Kind.INVOICE);
    private static final B2bTerms ACME_NET_30 = new B2bTerms("acme", "buyer-ann", "PO-4711", PaymentTerms.NET_30);

    /** A buyer's limit of 100.00 EUR; above it, the buyer's manager approves. */
    // approvals:begin
    static final ApprovalPolicy LIMITS = (order, grandTotal) -> order.header().b2b()
            .filter(terms -> grandTotal.isGreaterThan(eur("100.00")))
            .map(terms -> "manager-of-" + terms.buyer());
    // approvals:end

    /** The company accounts' open credit. */
    private final Map<String, BigDecimal> credit = new ConcurrentHashMap<>(Map.of("acme", new BigDecimal("1000.00")));
    private final CreditCheck check = (order, company, amount) -> {
        BigDecimal open = credit.getOrDefault(company, BigDecimal.ZERO);
        return amount.getNumber().numberValue(BigDecimal.class).compareTo(open) > 0
                ? Optional.of("open credit " + open + " EUR, asked " + amount.getNumber()) : Optional.empty();
    };

    private FlowWorld world() {
        return new FlowWorld(FlowStores.inMemory(), b -> b.approvals(LIMITS).creditCheck(check))
                .stock("DESK", BERLIN, 10);
    }

    private static FlowResult accept(FlowWorld w, int desks) {
        return w.flow.accept(w.order("ann").b2b(ACME_NET_30).line("1", "DESK", desks, eur("60.00")).build(),
                List.of(PaymentShare.rest(INVOICE)), w.key());
    }

    @Test
    void an_order_above_the_buyers_limit_waits_for_its_approver_and_goes_on_when_approved() {
        FlowWorld w = world();
        FlowResult accepted = accept(w, 3); // 180.00 + shipping: above 100.00
        Order order = accepted.order();
        assertThat(order.header().b2b()).contains(ACME_NET_30);
        assertThat(order.hold(HoldType.APPROVAL, "manager-of-buyer-ann")).isPresent();
        assertThat(accepted.waitingFor()).contains(WaitReason.HOLD);
        assertThat(accepted.fulfillmentOrders()).as("nothing routed while it waits").isEmpty();
        assertThat(order.payments().authorised()).as("the invoice is authorised meanwhile")
                .isEqualTo(OrderTotals.of(order).grandTotal());

        assertThatThrownBy(() -> w.flow.approve(order.id(), "buyer-ann", w.key()))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.rule())
                        .isEqualTo("approved-by-its-approver")).hasMessageContaining(
                                "waits for approval by manager-of-buyer-ann, not buyer-ann");
        assertThat(w.flow.orders().load(order.id())).isEqualTo(order);
        assertThatThrownBy(() -> w.flow.releaseHold(order.id(), HoldType.APPROVAL, "manager-of-buyer-ann", "sneaky",
                w.key())).as("not by hand").isInstanceOf(RuleViolationException.class).hasMessageContaining(
                        "ended by approve or reject");
        assertThatThrownBy(() -> w.flow.placeHold(order.id(), HoldType.APPROVAL, "me", "x", w.key()))
                .isInstanceOf(RuleViolationException.class);
        assertThat(w.flow.orders().load(order.id())).isEqualTo(order);

        var key = w.key();
        w.flow.approve(order.id(), "manager-of-buyer-ann", key);
        Order approved = w.flow.orders().load(order.id());
        assertThat(approved.isOnHold()).isFalse();
        assertThat(w.flow.fulfillment().ofOrder(order.id())).as("routed once approved").hasSize(1);
        assertThat(w.flow.approve(order.id(), "manager-of-buyer-ann", key).replayed()).as("a repeat").isTrue();
        assertThatThrownBy(() -> w.flow.approve(order.id(), "manager-of-buyer-ann", w.key()))
                .isInstanceOf(RuleViolationException.class).hasMessageContaining("does not wait for approval");
    }

    @Test
    void an_order_within_the_limit_and_a_consumer_order_do_not_wait() {
        FlowWorld w = world();
        assertThat(accept(w, 1).fulfillmentOrders()).hasSize(1);
        FlowResult consumer = w.flow.accept(w.order("bo").line("1", "DESK", 3, eur("60.00")).build(), w.key());
        assertThat(consumer.order().holds()).isEmpty();
        assertThat(consumer.fulfillmentOrders()).hasSize(1);
    }

    @Test
    void a_rejected_order_is_cancelled_and_gives_back_what_it_held() {
        FlowWorld w = world();
        Order order = accept(w, 3).order();
        assertThatThrownBy(() -> w.flow.reject(order.id(), "someone-else", "no budget", w.key()))
                .isInstanceOf(RuleViolationException.class);
        assertThatThrownBy(() -> w.flow.reject(order.id(), "manager-of-buyer-ann", "x".repeat(401), w.key()))
                .isInstanceOf(InvalidInputException.class);
        w.flow.reject(order.id(), "manager-of-buyer-ann", "no budget this quarter", w.key());
        Order rejected = w.flow.orders().load(order.id());
        assertThat(rejected.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(w.flow.orders().history(order.id())).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(
                dev.oms.spi.event.OrderEvent.OrderCancelled.class, c -> {
                    assertThat(c.reason()).isEqualTo(CancelReason.REJECTED_BY_APPROVER);
                    assertThat(c.note()).isEqualTo("rejected by manager-of-buyer-ann: no budget this quarter");
                }));
        assertThat(rejected.payments().voided()).as("the invoice authorisation released")
                .isEqualTo(rejected.payments().authorised());
        assertThat(w.flow.fulfillment().ofOrder(order.id())).isEmpty();
    }

    @Test
    void a_credit_refusal_waits_as_a_decline_and_a_retry_after_the_limit_is_raised_goes_on() {
        FlowWorld w = world();
        credit.put("acme", new BigDecimal("50.00"));
        FlowResult refused = w.flow.accept(w.order("ann").b2b(ACME_NET_30).line("1", "DESK", 1, eur("60.00"))
                .build(), List.of(PaymentShare.rest(INVOICE)), w.key());
        OrderId id = refused.order().id();
        assertThat(refused.waitingFor()).contains(WaitReason.PAYMENT);
        assertThat(refused.order().payments().authorised().isZero()).isTrue();
        assertThat(w.flow.orders().history(id)).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(
                dev.oms.spi.event.OrderEvent.PaymentDeclined.class, d -> assertThat(d.reason())
                        .startsWith("credit limit of acme: open credit 50.00 EUR")));
        assertThat(w.payments.operations()).as("the provider was not asked").isEmpty();
        credit.put("acme", new BigDecimal("500.00"));
        FlowResult retried = w.flow.retryPayment(id, w.key());
        assertThat(retried.order().payments().authorised()).isEqualTo(OrderTotals.of(retried.order()).grandTotal());
        assertThat(retried.fulfillmentOrders()).hasSize(1);
    }

    @Test
    void an_edit_that_costs_more_than_the_open_credit_is_refused_and_changes_nothing() {
        FlowWorld w = world();
        Order order = accept(w, 1).order();
        credit.put("acme", new BigDecimal("50.00"));
        EditPlan plan = w.flow.previewEdit(order.id(), List.of(new dev.oms.spi.order.OrderEdit.ChangeQuantity(
                dev.oms.spi.LineId.of("1"), dev.oms.spi.Quantity.of(2))));
        assertThat(plan.difference()).isEqualTo(eur("60.00"));
        assertThatThrownBy(() -> w.flow.commitEdit(plan, w.key()))
                .isInstanceOf(dev.oms.core.OrderPayments.PaymentDeclinedException.class)
                .hasMessageContaining("credit limit of acme");
        assertThat(w.flow.orders().load(order.id()).lines().get(0).quantities().ordered().value()).isEqualTo(1);
        credit.put("acme", new BigDecimal("100.00"));
        w.flow.commitEdit(w.flow.previewEdit(order.id(), plan.edits()), w.key());
        assertThat(w.flow.orders().load(order.id()).lines().get(0).quantities().ordered().value()).isEqualTo(2);
    }

    @Test
    void the_readme_shows_the_policy_as_run_here() {
        assertThat(dev.oms.docs.ReadmeSnippets.codeBlockAfter(dev.oms.docs.ReadmeSnippets.readme(),
                "<!-- approvals (from FlowBusinessOrdersTest) -->")).isEqualTo(dev.oms.docs.ReadmeSnippets.region(
                        java.nio.file.Path.of("src/test/java/dev/oms/flow/FlowBusinessOrdersTest.java"), "approvals"));
    }

    @Test
    void payment_terms_give_the_due_date_from_the_invoice_date_and_bad_terms_are_refused() {
        assertThat(ACME_NET_30.dueDate(LocalDate.parse("2026-12-04"))).isEqualTo(LocalDate.parse("2027-01-03"));
        assertThat(PaymentTerms.DUE_ON_RECEIPT.dueDate(LocalDate.parse("2026-12-04")))
                .isEqualTo(LocalDate.parse("2026-12-04"));
        assertThat(PaymentTerms.NET_60.days()).isEqualTo(60);
        assertThatThrownBy(() -> new B2bTerms("acme", "ann", " ", PaymentTerms.NET_15))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("purchaseOrder");
        assertThatThrownBy(() -> new B2bTerms("acme", "ann", "P".repeat(65), PaymentTerms.NET_15))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("longer than 64");
        assertThatThrownBy(() -> new B2bTerms(" acme", "ann", "PO", PaymentTerms.NET_15))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("company");
        assertThatThrownBy(() -> new B2bTerms("acme", "ann", "PO", null)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void an_edit_that_raises_the_total_above_the_limit_waits_for_the_approver_again() {
        FlowWorld w = world();
        Order order = accept(w, 1).order(); // 60.00 + shipping: within 100.00, routed
        assertThat(w.flow.fulfillment().ofOrder(order.id())).hasSize(1);

        w.flow.commitEdit(w.flow.previewEdit(order.id(), List.of(new dev.oms.spi.order.OrderEdit.ChangeQuantity(
                dev.oms.spi.LineId.of("1"), dev.oms.spi.Quantity.of(3)))), w.key());
        Order raised = w.flow.orders().load(order.id());
        assertThat(raised.hold(HoldType.APPROVAL, "manager-of-buyer-ann")).isPresent();
        assertThat(w.flow.fulfillment().ofOrder(order.id())).as("nothing leaves before the approval").allSatisfy(fo ->
                assertThat(fo.holds()).extracting(h -> h.code()).contains("APPROVAL-manager-of-buyer-ann"));
        assertThat(raised.lines().get(0).quantities().allocated().value()).as("the new units wait unallocated")
                .isEqualTo(1);
        assertThat(w.flow.inventory().position(dev.oms.spi.Sku.of("DESK"), BERLIN).reserved().value())
                .as("their stock went back").isEqualTo(1);
        var fo = w.flow.fulfillment().ofOrder(order.id()).get(0);
        assertThatThrownBy(() -> w.flow.startPicking(fo.id(), w.key())).isInstanceOf(dev.oms.spi.OmsException.class);

        w.flow.approve(order.id(), "manager-of-buyer-ann", w.key());
        assertThat(w.flow.orders().load(order.id()).isOnHold()).isFalse();
        assertThat(w.flow.fulfillment().ofOrder(order.id())).allSatisfy(f -> assertThat(f.holds()).isEmpty());
        long allocated = w.flow.orders().load(order.id()).lines().get(0).quantities().allocated().value();
        assertThat(allocated).as("all three desks on their way").isEqualTo(3);
        assertThat(w.flow.startPicking(fo.id(), w.key()).id()).isEqualTo(fo.id());
    }

    @Test
    void an_edit_within_the_limit_or_one_that_lowers_the_total_does_not_ask_again() {
        FlowWorld w = world();
        Order order = accept(w, 1).order();
        w.flow.commitEdit(w.flow.previewEdit(order.id(), List.of(new dev.oms.spi.order.OrderEdit.ChangeShippingAddress(
                FlowWorld.POTSDAM))), w.key());
        assertThat(w.flow.orders().load(order.id()).holds()).isEmpty();
        Order big = accept(w, 3).order();
        w.flow.approve(big.id(), "manager-of-buyer-ann", w.key());
        w.flow.commitEdit(w.flow.previewEdit(big.id(), List.of(new dev.oms.spi.order.OrderEdit.ChangeQuantity(
                dev.oms.spi.LineId.of("1"), dev.oms.spi.Quantity.of(2)))), w.key());
        assertThat(w.flow.orders().load(big.id()).holds()).as("lower: approved already").isEmpty();
    }
}
