package dev.oms.flow;

import static dev.oms.flow.FlowWorld.BERLIN;
import static dev.oms.flow.FlowWorld.eur;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.core.DraftEdit;
import dev.oms.core.OrderCommand;
import dev.oms.core.OrderTotals;
import dev.oms.core.PlaceOrder;
import dev.oms.flow.Production.Recipe;
import dev.oms.flow.Production.Stage;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.LineId;
import dev.oms.spi.OrderId;
import dev.oms.spi.PaymentReference;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.event.OrderEvent.DeliveryPromised;
import dev.oms.spi.event.OrderEvent.PaymentCaptured;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.order.ApprovalPolicy;
import dev.oms.spi.order.B2bTerms;
import dev.oms.spi.order.B2bTerms.PaymentTerms;
import dev.oms.spi.order.Draft;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.HoldType;
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.order.Order.PaymentStatus;
import dev.oms.spi.payment.PaymentMethod;
import dev.oms.spi.payment.PaymentShare;
import dev.oms.spi.process.ProcessRecord.ProcessKind;
import dev.oms.spi.process.ProcessRecord.WaitReason;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.money.Monetary;
import org.junit.jupiter.api.Test;

/**
 * A business customer's order from quote to settled invoice, read top to bottom: a quote with
 * negotiated prices, accepted, converted, held for approval, approved, a conference table made in
 * three stages (one late, the customer told the new date), shipped, invoiced net 30, settled.
 */
class FlowB2bStoryTest {
    static final PaymentMethod INVOICE = PaymentMethod.of("invoice", PaymentMethod.Kind.INVOICE);
    static final B2bTerms ACME = new B2bTerms("acme-gmbh", "buyer-ann", "PO-2026-881", PaymentTerms.NET_30);
    /** Ann may order up to 2,000.00 EUR; above it her manager approves. */
    static final ApprovalPolicy LIMITS = (order, total) -> order.header().b2b()
            .filter(terms -> total.isGreaterThan(eur("2000.00"))).map(terms -> "manager-of-" + terms.buyer());
    // recipe:begin
    static final Recipe TABLE = new Recipe(BERLIN, List.of(new Stage("design-approved", Duration.ofDays(2)),
            new Stage("assembly", Duration.ofDays(4)), new Stage("quality-check", Duration.ofDays(1))),
            Duration.ofDays(2));
    // recipe:end

    /** What the host's notification service received: every promise of a delivery date. */
    private final List<DeliveryPromised> told = new CopyOnWriteArrayList<>();
    private final FlowWorld w = new FlowWorld(FlowStores.inMemory(), b -> b.approvals(LIMITS)
            .production(sku -> sku.value().equals("CONF-TABLE") ? Optional.of(TABLE) : Optional.empty())
            .listener((order, events) -> events.stream().filter(DeliveryPromised.class::isInstance)
                    .map(DeliveryPromised.class::cast).forEach(told::add)))
            .stock("CHAIR", BERLIN, 40).stock("CONF-TABLE", BERLIN, 0);

    @Test
    void a_quote_becomes_a_made_to_order_delivery_and_a_settled_invoice() {
        Instant monday = w.clock.instant();

        // quote:begin
        // An agent puts the quote together: one conference table, twelve chairs, freight.
        Draft draft = w.flow.drafts().create(PlaceOrder.builder(ChannelId.of("sales"), ExternalOrderId.of("Q-2026-117"),
                CustomerRef.of("acme-gmbh"), Monetary.getCurrency("EUR")).shipTo(FlowWorld.POTSDAM).b2b(ACME)
                .placedAt(monday).line("1", "CONF-TABLE", 1, eur("2400.00")).line("2", "CHAIR", 12, eur("180.00"))
                .shipping("freight", eur("120.00"), eur("0.00") /* its tax */).build(), "agent-kim", w.key());

        // They negotiate: 10 % off the chairs under the framework agreement, 100.00 off for the late reply.
        draft = w.flow.drafts().edit(draft.id(), draft.version(), List.of(
                new DraftEdit.LineDiscount(LineId.of("2"), eur("18.00"), "framework agreement 2026: 10 % on seating"),
                new DraftEdit.OrderDiscount("goodwill", eur("100.00"), "our reply took a week")), "agent-kim", w.key());
        // 2,400 + 12 x 162 + 120 - 100
        assertThat(w.flow.drafts().totals(draft).grandTotal()).isEqualTo(eur("4364.00"));

        // The quote goes out, valid for two weeks; Ann accepts it on Wednesday.
        draft = w.flow.drafts().sendQuote(draft.id(), monday.plus(Duration.ofDays(14)), false, w.key());
        w.clock.advance(Duration.ofDays(2));
        draft = w.flow.drafts().acceptQuote(draft.id(), "buyer-ann", w.key());
        assertThat(draft.quote().orElseThrow().grandTotal()).isEqualTo(eur("4364.00"));

        // Converted into an order paid by invoice: above Ann's limit, it waits for her manager.
        FlowResult converted = w.flow.convert(draft.id(), List.of(PaymentShare.rest(INVOICE)), w.key());
        // quote:end
        OrderId id = converted.order().id();
        assertThat(converted.order().header().b2b()).contains(ACME);
        assertThat(converted.order().hold(HoldType.APPROVAL, "manager-of-buyer-ann")).isPresent();
        assertThat(converted.waitingFor()).contains(WaitReason.HOLD);
        assertThat(converted.fulfillmentOrders()).isEmpty();
        assertThat(w.flow.production(id)).as("nothing is made before it is approved").isEmpty();

        // Approved on Thursday: the chairs go to the warehouse, the table into production.
        w.clock.advance(Duration.ofDays(1));
        Instant approved = w.clock.instant();
        w.flow.approve(id, "manager-of-buyer-ann", w.key());
        assertThat(w.flow.processesOf(id)).filteredOn(p -> p.kind() == ProcessKind.ACCEPT).singleElement()
                .satisfies(acceptance -> assertThat(acceptance.waitingFor()).contains(WaitReason.PRODUCTION));
        assertThat(w.flow.fulfillment().ofOrder(id)).singleElement().satisfies(fo ->
                assertThat(fo.lines()).extracting(l -> l.lineId().value()).containsExactly("2"));
        assertThat(told).singleElement().satisfies(p -> assertThat(p.promisedBy())
                .isEqualTo(approved.plus(Duration.ofDays(2 + 4 + 1 + 2))));

        // Design approved on time; assembly, due on day 6, takes until day 9: Ann is told the new date.
        w.clock.advance(Duration.ofDays(2));
        w.flow.completeStage(id, LineId.of("1"), "design-approved", w.clock.instant(), w.key());
        w.clock.advance(Duration.ofDays(7));
        w.flow.completeStage(id, LineId.of("1"), "assembly", w.clock.instant(), w.key());
        assertThat(told).hasSize(2).last().satisfies(p -> {
            assertThat(p.lateStage()).contains("assembly");
            assertThat(p.promisedBy()).isEqualTo(approved.plus(Duration.ofDays(12)));
            assertThat(p.note()).contains("3 days late");
        });
        w.clock.advance(Duration.ofDays(1));
        w.flow.completeStage(id, LineId.of("1"), "quality-check", w.clock.instant(), w.key());

        // Both parcels ship (the invoice is their capture) and arrive.
        for (FulfillmentOrder fo : w.flow.fulfillment().ofOrder(id)) {
            w.deliver(w.shipAll(fo).shipments().get(0));
        }
        Order delivered = w.flow.orders().load(id);
        assertThat(delivered.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(delivered.payments().captured()).as("invoiced in full").isEqualTo(eur("4364.00"));
        assertThat(delivered.payments().unsettled()).as("the invoice is open").isEqualTo(eur("4364.00"));

        // Net 30 from the last invoice; the bank transfer settles it.
        Instant lastInvoice = w.flow.orders().history(id).stream().filter(PaymentCaptured.class::isInstance)
                .map(OrderEvent::occurredAt).reduce((a, b) -> b).orElseThrow();
        LocalDate due = delivered.header().b2b().orElseThrow().dueDate(LocalDate.ofInstant(lastInvoice, ZoneOffset.UTC));
        assertThat(due).isEqualTo(LocalDate.ofInstant(lastInvoice, ZoneOffset.UTC).plusDays(30));
        Order settled = w.flow.orders().handle(id, new OrderCommand.RecordSettlement(eur("4364.00"),
                PaymentReference.of("sepa-2027-0113"), INVOICE), w.key()).order();
        assertThat(settled.payments().unsettled().isZero()).isTrue();
        assertThat(OrderTotals.paymentStatus(settled)).isEqualTo(PaymentStatus.PAID);
        assertThat(w.flow.drafts().load(draft.id()).status()).isEqualTo(Draft.Status.CONVERTED);
    }

    @Test
    void the_readme_shows_the_quote_and_the_recipe_as_run_here() {
        java.nio.file.Path here = java.nio.file.Path.of("src/test/java/dev/oms/flow/FlowB2bStoryTest.java");
        String readme = dev.oms.docs.ReadmeSnippets.readme();
        assertThat(dev.oms.docs.ReadmeSnippets.codeBlockAfter(readme, "<!-- quote (from FlowB2bStoryTest) -->"))
                .isEqualTo(dev.oms.docs.ReadmeSnippets.region(here, "quote"));
        assertThat(dev.oms.docs.ReadmeSnippets.codeBlockAfter(readme, "<!-- recipe (from FlowB2bStoryTest) -->"))
                .isEqualTo(dev.oms.docs.ReadmeSnippets.region(here, "recipe"));
    }
}
