package dev.oms.examples.shopday;

import dev.oms.core.DraftEdit;
import dev.oms.core.OrderCommand;
import dev.oms.core.PlaceOrder;
import dev.oms.flow.FlowResult;
import dev.oms.flow.Production;
import dev.oms.flow.Production.Recipe;
import dev.oms.flow.Production.Stage;
import dev.oms.flow.Production.StageProgress;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.DraftId;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.LineId;
import dev.oms.spi.OrderId;
import dev.oms.spi.PaymentReference;
import dev.oms.spi.Sku;
import dev.oms.spi.order.ApprovalPolicy;
import dev.oms.spi.order.B2bTerms;
import dev.oms.spi.order.B2bTerms.PaymentTerms;
import dev.oms.spi.order.Order;
import dev.oms.spi.payment.PaymentMethod;
import dev.oms.spi.payment.PaymentShare;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.money.Monetary;
import javax.money.MonetaryAmount;

/**
 * The day's business customer, a café chain fitting out a new branch: an agent's quote for an oak
 * counter made to order in Berlin and forty mugs, with a negotiated discount; accepted by the
 * buyer, converted, held for the buyer's manager (above the buyer's limit), approved; the counter
 * made in three stages, joinery a day late (the customer told the new date); shipped from Berlin,
 * invoiced net 30 by its parcels and settled by bank transfer. Only oms' public API is used.
 */
final class BusinessCustomer {
    static final Sku COUNTER = Sku.of("COUNTER-OAK");
    static final PaymentMethod INVOICE = PaymentMethod.of("invoice", PaymentMethod.Kind.INVOICE);
    static final B2bTerms TERMS = new B2bTerms("kaffeekontor-gmbh", "buyer-jan", "PO-2026-0412", PaymentTerms.NET_30);
    /** The counter: design approved, joinery, finish at the Berlin workshop; two days to deliver. */
    static final Production RECIPES = sku -> sku.equals(COUNTER) ? Optional.of(new Recipe(Network.BERLIN, List.of(
            new Stage("design-approved", Duration.ofDays(1)), new Stage("joinery", Duration.ofDays(3)),
            new Stage("finish", Duration.ofDays(1))), Duration.ofDays(2))) : Optional.empty();
    /** A buyer may order up to 2,500.00 EUR; above it, the buyer's manager approves. */
    static final ApprovalPolicy APPROVALS = (order, total) -> order.header().b2b()
            .filter(terms -> total.isGreaterThan(Amounts.of("2500.00", "EUR"))).map(t -> "manager-of-" + t.buyer());

    /** Where the day's tasks go: at a time, described, run by the day's loop. */
    interface Agenda {
        void at(Instant when, String what, Runnable action);
    }

    private final Shop shop;
    private final Agenda agenda;
    private final Supplier<CommandKey> keys;
    private final DayLog log;
    private final DraftId quote;
    private OrderId orderId;

    BusinessCustomer(Shop shop, Agenda agenda, Supplier<CommandKey> keys, DayLog log, long seed) {
        this.shop = shop;
        this.agenda = agenda;
        this.keys = keys;
        this.log = log;
        this.quote = DraftId.of("Q-" + seed + "-001");
        shop.whenCompleted.add(id -> {
            if (id.equals(orderId)) {
                agenda.at(shop.clock.instant().plus(Duration.ofDays(3)), "bank transfer for " + quote, this::settle);
            }
        });
    }

    /** The counter's workshop position (nothing on hand: it is made when ordered), and the mugs for the order. */
    void stock() {
        shop.inventory.definePosition(COUNTER, Network.BERLIN, dev.oms.spi.inventory.StockPosition.PositionSettings.NONE);
        shop.inventory.receive(Catalogue.MUG, Network.BERLIN, dev.oms.spi.Quantity.of(40),
                dev.oms.spi.inventory.Reference.of(dev.oms.spi.inventory.Reference.Type.RECEIPT, "mugs-for-" + quote),
                keys.get());
        log.received(Catalogue.MUG, 40);
    }

    void schedule(Instant day) {
        agenda.at(day.plus(Duration.ofHours(9)), "quote " + quote, this::draftAndQuote);
    }

    private void draftAndQuote() {
        var draft = shop.flow.drafts().create(PlaceOrder.builder(ChannelId.of("sales"),
                ExternalOrderId.of(quote.value()), CustomerRef.of("kaffeekontor-gmbh"), Monetary.getCurrency("EUR"))
                .shipTo(Network.CITIES.get(0).address()).b2b(TERMS).placedAt(shop.clock.instant())
                .line("1", COUNTER.value(), 1, Amounts.of("2400.00", "EUR"))
                .line("2", Catalogue.MUG.value(), 40, Catalogue.product(Catalogue.MUG).unitPrice())
                .shipping("freight", Amounts.of("95.00", "EUR"), Amounts.of("0.00", "EUR")).build(), "agent-kim",
                keys.get());
        draft = shop.flow.drafts().edit(quote, draft.version(), List.of(new DraftEdit.OrderDiscount("fit-out",
                Amounts.of("150.00", "EUR"), "first branch fitted by us: agreed with Jan on the phone")), "agent-kim",
                keys.get());
        draft = shop.flow.drafts().sendQuote(quote, shop.clock.instant().plus(Duration.ofDays(7)), false, keys.get());
        note("quote " + quote + " sent: " + Amounts.format(draft.quote().orElseThrow().grandTotal())
                + ", valid 7 days (fit-out discount 150.00)");
        agenda.at(shop.clock.instant().plus(Duration.ofHours(2)), "buyer accepts " + quote, this::acceptAndConvert);
    }

    private void acceptAndConvert() {
        shop.flow.drafts().acceptQuote(quote, "buyer-jan", keys.get());
        FlowResult converted = shop.flow.convert(quote, List.of(PaymentShare.rest(INVOICE)), keys.get());
        Order order = converted.order();
        orderId = order.id();
        log.businessOrder = orderId;
        log.order(new DayLog.Entry(orderId, "sales", Story.STANDARD, order.header().placedAt(),
                shop.promises.shipBy(order)));
        log.count("business orders held for approval");
        note("accepted by buyer-jan and converted into order " + orderId + "; waits for "
                + order.holds().get(0).code());
        agenda.at(shop.clock.instant().plus(Duration.ofHours(3)), "manager approves " + orderId, this::approve);
    }

    private void approve() {
        shop.flow.approve(orderId, "manager-of-buyer-jan", keys.get());
        note("approved by manager-of-buyer-jan; the mugs go to picking, the counter into production, promised by "
                + LocalDate.ofInstant(shop.flow.production(orderId).get(0).promisedBy(), ZoneOffset.UTC));
        reportNextStage();
    }

    /** The workshop reports each stage when it is done: joinery a day later than planned. */
    private void reportNextStage() {
        List<StageProgress> stages = shop.flow.production(orderId).get(0).stages();
        Optional<StageProgress> next = stages.stream().filter(s -> s.actual().isEmpty()).findFirst();
        if (next.isEmpty()) {
            return;
        }
        StageProgress stage = next.get();
        Instant done = stage.name().equals("joinery") ? stage.planned().plus(Duration.ofDays(1)) : stage.planned();
        agenda.at(done, "workshop reports " + stage.name() + " of " + orderId, () -> {
            shop.flow.completeStage(orderId, LineId.of("1"), stage.name(), done, keys.get());
            log.count("production stages reported");
            note(stage.name() + " done" + (done.isAfter(stage.planned()) ? ", a day late" : ""));
            reportNextStage();
        });
    }

    private void settle() {
        Order order = shop.orders.load(orderId);
        MonetaryAmount open = order.payments().unsettled();
        if (open.isPositive()) {
            shop.orders.handle(orderId, new OrderCommand.RecordSettlement(open, PaymentReference.of("sepa-"
                    + quote.value()), INVOICE), keys.get());
            log.count("invoices settled");
            note("invoice settled by bank transfer: " + Amounts.format(open));
        }
    }

    private void note(String what) {
        log.business.add(shop.clock.instant().toString().substring(0, 16).replace('T', ' ') + "  " + what);
    }
}
