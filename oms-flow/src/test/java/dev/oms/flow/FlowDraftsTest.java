package dev.oms.flow;

import static dev.oms.flow.FlowWorld.BERLIN;
import static dev.oms.flow.FlowWorld.eur;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.core.DraftEdit;
import dev.oms.core.Drafts;
import dev.oms.core.OrderTotals;
import dev.oms.core.PlaceOrder;
import dev.oms.spi.Address;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.DraftId;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.StaleVersionException.DraftConflictException;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.inventory.Reservation;
import dev.oms.spi.order.Draft;
import dev.oms.spi.order.Draft.DraftRuleException;
import dev.oms.spi.order.Draft.Status;
import dev.oms.spi.order.LineTax;
import dev.oms.spi.order.NewLine;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.order.OrderEdit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.money.Monetary;
import org.junit.jupiter.api.Test;

/**
 * Draft orders and quotes: edited freely with negotiated prices and manual discounts (their
 * reasons kept), priced by the order's own totals, sent as a quote with an expiry on the injected
 * clock, accepted in time or expired, and converted into an order through the flow; stock held
 * for a quote's life when asked, given back when it is not needed and taken over by the order.
 */
class FlowDraftsTest {
    private final FlowWorld w = new FlowWorld().stock("DESK", BERLIN, 10).stock("CHAIR", BERLIN, 20);
    private final Drafts drafts = w.flow.drafts();

    private PlaceOrder content(String quoteNumber) {
        return PlaceOrder.builder(ChannelId.of("sales"), ExternalOrderId.of(quoteNumber), CustomerRef.of("acme"),
                Monetary.getCurrency("EUR")).shipTo(FlowWorld.POTSDAM).placedAt(w.clock.instant())
                .line("1", "DESK", 4, eur("250.00")).line("2", "CHAIR", 8, eur("90.00"))
                .shipping("freight", eur("40.00"), eur("0.00")).build();
    }

    private Draft created(String quoteNumber) {
        return drafts.create(content(quoteNumber), "agent-kim", w.key());
    }

    @Test
    void a_draft_is_edited_freely_and_priced_by_the_same_totals_as_the_order_it_becomes() {
        Draft draft = created("Q-1001");
        assertThat(draft.status()).isEqualTo(Status.OPEN);
        assertThat(draft.version()).isEqualTo(1);
        assertThat(drafts.totals(draft).grandTotal()).isEqualTo(eur("1760.00")); // 1000 + 720 + 40

        Draft edited = drafts.edit(draft.id(), 1, List.of(
                new DraftEdit.LineDiscount(LineId.of("1"), eur("25.00"), "volume agreed on the call of 2 Dec"),
                new DraftEdit.Reprice(LineId.of("2"), eur("85.00")),
                new DraftEdit.Change(new OrderEdit.AddLine(NewLine.of("3", "DESK", 1, eur("250.00")))),
                new DraftEdit.Change(new OrderEdit.ChangeQuantity(LineId.of("2"), Quantity.of(10))),
                new DraftEdit.OrderDiscount("loyalty", eur("50.00"), "third order this year"),
                new DraftEdit.Shipping(List.of())), "agent-kim", w.key());

        assertThat(edited.version()).isEqualTo(2);
        assertThat(edited.lines()).extracting(NewLine::unitPrice).containsExactly(eur("250.00"), eur("85.00"),
                eur("250.00"));
        assertThat(edited.lines().get(0).unitDiscount()).isEqualTo(eur("25.00"));
        assertThat(edited.manualDiscounts()).extracting(Draft.ManualDiscount::reason)
                .containsExactly("volume agreed on the call of 2 Dec", "third order this year");
        assertThat(edited.manualDiscounts().get(0).line()).contains(LineId.of("1"));
        assertThat(edited.manualDiscounts().get(1).agent()).isEqualTo("agent-kim");
        // 4 x 225 + 10 x 85 + 250 - 50, free delivery
        OrderTotals totals = drafts.totals(edited);
        assertThat(totals.grandTotal()).isEqualTo(eur("1950.00"));

        FlowResult converted = w.flow.convert(edited.id(), w.key());
        Order order = converted.order();
        assertThat(order.id()).isEqualTo(edited.orderId());
        assertThat(order.header().externalOrderId().value()).isEqualTo("Q-1001");
        assertThat(OrderTotals.of(order)).as("the draft's totals are the order's").isEqualTo(totals);
        assertThat(order.status()).isEqualTo(OrderStatus.PROCESSING);
        assertThat(converted.fulfillmentOrders()).hasSize(1);
        assertThat(drafts.load(edited.id()).status()).isEqualTo(Status.CONVERTED);
    }

    @Test
    void a_wrong_edit_is_refused_naming_it_and_changes_nothing() {
        Draft draft = created("Q-1002");
        assertThatThrownBy(() -> drafts.edit(draft.id(), 1, List.of(new DraftEdit.Reprice(LineId.of("1"),
                eur("200.00")), new DraftEdit.Reprice(LineId.of("9"), eur("1.00"))), "agent-kim", w.key()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("edits[1].lineId")
                .hasMessageContaining("no line 9");
        assertThatThrownBy(() -> drafts.edit(draft.id(), 1, List.of(new DraftEdit.LineDiscount(LineId.of("1"),
                eur("300.00"), "too generous")), "agent-kim", w.key())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("exceeds the unit price");
        assertThatThrownBy(() -> drafts.edit(draft.id(), 1, List.of(new DraftEdit.LineDiscount(LineId.of("1"),
                eur("10.00"), " ")), "agent-kim", w.key())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("LineDiscount.reason");
        assertThatThrownBy(() -> drafts.edit(draft.id(), 1, List.of(new DraftEdit.Change(new OrderEdit.RemoveLine(
                LineId.of("1"))), new DraftEdit.Change(new OrderEdit.RemoveLine(LineId.of("2")))), "agent-kim",
                w.key())).isInstanceOf(InvalidInputException.class).hasMessageContaining("at least one line");
        assertThatThrownBy(() -> drafts.edit(draft.id(), 1, List.of(new DraftEdit.Reprice(LineId.of("1"),
                dev.oms.spi.Amounts.of("1.00", "USD"))), "agent-kim", w.key())).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new DraftEdit.OrderDiscount("goodwill", eur("-5.00"), "oops"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("OrderDiscount.amount");
        assertThatThrownBy(() -> new DraftEdit.LineDiscount(LineId.of("1"), eur("-5.00"), "oops"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("LineDiscount.unitDiscount");
        assertThatThrownBy(() -> drafts.edit(draft.id(), 1, List.of(), "agent-kim", w.key()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("edits");
        assertThat(drafts.load(draft.id())).isEqualTo(draft);

        drafts.edit(draft.id(), 1, List.of(new DraftEdit.Reprice(LineId.of("1"), eur("240.00"))), "agent-kim",
                w.key());
        assertThatThrownBy(() -> drafts.edit(draft.id(), 1, List.of(new DraftEdit.Reprice(LineId.of("1"),
                eur("230.00"))), "agent-lee", w.key())).as("decided on a stale version")
                .isInstanceOf(DraftConflictException.class);
        assertThatThrownBy(() -> drafts.create(content("Q-1002"), "agent-lee", w.key()))
                .isInstanceOfSatisfying(DraftRuleException.class, e -> assertThat(e.rule()).isEqualTo("draft-id-unique"));
        assertThatThrownBy(() -> drafts.load(DraftId.of("Q-none"))).isInstanceOf(DraftRuleException.class)
                .hasMessageContaining("no such draft");
    }

    @Test
    void repeating_a_change_with_its_key_returns_the_draft_and_changes_nothing_more() {
        CommandKey create = w.key();
        Draft draft = drafts.create(content("Q-1003"), "agent-kim", create);
        assertThat(drafts.create(content("Q-1003"), "agent-kim", create)).isEqualTo(draft);
        CommandKey edit = w.key();
        List<DraftEdit> cheaper = List.of(new DraftEdit.Reprice(LineId.of("1"), eur("240.00")));
        Draft once = drafts.edit(draft.id(), 1, cheaper, "agent-kim", edit);
        assertThat(drafts.edit(draft.id(), 1, cheaper, "agent-kim", edit)).isEqualTo(once);
        assertThat(drafts.load(draft.id()).version()).isEqualTo(2);
    }

    @Test
    void a_quote_is_accepted_before_its_expiry_and_converted_once() {
        Draft draft = created("Q-2001");
        Instant expiry = w.clock.instant().plus(Duration.ofDays(14));
        Draft quoted = drafts.sendQuote(draft.id(), expiry, false, w.key());
        assertThat(quoted.status()).isEqualTo(Status.QUOTED);
        assertThat(quoted.quote().orElseThrow().grandTotal()).isEqualTo(drafts.totals(draft).grandTotal());
        assertThatThrownBy(() -> w.flow.convert(draft.id(), w.key())).as("not accepted yet")
                .isInstanceOfSatisfying(DraftRuleException.class, e -> assertThat(e.rule()).isEqualTo("draft-convertible"))
                .hasMessageContaining("has not accepted");
        assertThat(w.flow.orders().find(ChannelId.of("sales"), ExternalOrderId.of("Q-2001"))).isEmpty();

        w.clock.advance(Duration.ofDays(3));
        Draft accepted = drafts.acceptQuote(draft.id(), "buyer-ann", w.key());
        assertThat(accepted.status()).isEqualTo(Status.ACCEPTED);
        assertThat(accepted.quote().orElseThrow().acceptedBy()).contains("buyer-ann");
        assertThatThrownBy(() -> drafts.edit(draft.id(), accepted.version(), List.of(new DraftEdit.Reprice(
                LineId.of("1"), eur("1.00"))), "agent-kim", w.key())).isInstanceOfSatisfying(DraftRuleException.class,
                        e -> assertThat(e.rule()).isEqualTo("draft-editable"));

        CommandKey key = w.key();
        FlowResult first = w.flow.convert(draft.id(), key);
        FlowResult again = w.flow.convert(draft.id(), key);
        FlowResult otherKey = w.flow.convert(draft.id(), w.key());
        assertThat(again.order().id()).isEqualTo(first.order().id());
        assertThat(otherKey.order().id()).isEqualTo(first.order().id());
        assertThat(w.flow.fulfillment().ofOrder(first.order().id())).hasSize(1);
        assertThat(w.flow.inventory().position(Sku.of("DESK"), BERLIN).reserved()).isEqualTo(Quantity.of(4));
        assertThatThrownBy(() -> drafts.withdraw(draft.id(), w.key())).isInstanceOf(DraftRuleException.class)
                .hasMessageContaining("cancel the order");
    }

    @Test
    void a_quote_not_accepted_in_time_expires_and_an_edit_opens_it_again() {
        Draft draft = created("Q-2002");
        drafts.sendQuote(draft.id(), w.clock.instant().plus(Duration.ofDays(7)), false, w.key());
        assertThatThrownBy(() -> drafts.sendQuote(draft.id(), w.clock.instant().minusSeconds(1), false, w.key()))
                .isInstanceOf(DraftRuleException.class);
        w.clock.advance(Duration.ofDays(7));
        assertThatThrownBy(() -> drafts.acceptQuote(draft.id(), "buyer-ann", w.key()))
                .isInstanceOfSatisfying(DraftRuleException.class, e -> assertThat(e.rule())
                        .isEqualTo("quote-accepted-in-time")).hasMessageContaining("expired at");
        assertThat(drafts.load(draft.id()).status()).as("a refusal changes nothing").isEqualTo(Status.QUOTED);

        List<Draft> expired = drafts.expireQuotes();
        assertThat(expired).extracting(Draft::id).containsExactly(draft.id());
        assertThat(drafts.expireQuotes()).as("once").isEmpty();
        Draft now = drafts.load(draft.id());
        assertThat(now.status()).isEqualTo(Status.EXPIRED);
        assertThatThrownBy(() -> w.flow.convert(draft.id(), w.key())).isInstanceOf(DraftRuleException.class);

        Draft reopened = drafts.edit(draft.id(), now.version(), List.of(new DraftEdit.LineDiscount(LineId.of("1"),
                eur("10.00"), "to win it back")), "agent-kim", w.key());
        assertThat(reopened.status()).isEqualTo(Status.OPEN);
        assertThat(reopened.quote()).isEmpty();
        assertThatThrownBy(() -> drafts.sendQuote(draft.id(), w.clock.instant(), false, w.key()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("expiresAt");
        Draft requoted = drafts.sendQuote(draft.id(), w.clock.instant().plus(Duration.ofDays(7)), false, w.key());
        assertThat(requoted.quote().orElseThrow().grandTotal()).isEqualTo(eur("1720.00"));
    }

    @Test
    void an_agents_open_draft_converts_without_a_quote_and_a_withdrawn_one_never_does() {
        Draft draft = created("Q-3001");
        assertThat(w.flow.convert(draft.id(), w.key()).fulfillmentOrders()).hasSize(1);
        Draft other = created("Q-3002");
        assertThat(drafts.withdraw(other.id(), w.key()).status()).isEqualTo(Status.WITHDRAWN);
        assertThatThrownBy(() -> w.flow.convert(other.id(), w.key())).isInstanceOf(DraftRuleException.class);
        assertThatThrownBy(() -> drafts.sendQuote(other.id(), w.clock.instant().plusSeconds(60), false, w.key()))
                .isInstanceOf(DraftRuleException.class);
    }

    @Test
    void stock_held_for_a_quote_is_not_sold_to_anyone_else_and_the_order_ships_it() {
        Draft draft = created("Q-4001"); // 4 desks, 8 chairs at Berlin (10 and 20 in stock)
        Draft quoted = drafts.sendQuote(draft.id(), w.clock.instant().plus(Duration.ofDays(5)), true, w.key());
        assertThat(quoted.heldStock()).hasSize(1);
        Reservation held = w.flow.inventory().reservation(quoted.heldStock().get(0));
        assertThat(held.orderId()).as("held for the order the draft becomes").isEqualTo(draft.orderId());
        assertThat(held.expiresAt()).contains(quoted.quote().orElseThrow().expiresAt());
        assertThat(w.flow.inventory().position(Sku.of("DESK"), BERLIN).available()).isEqualTo(6);

        FlowResult shop = w.flow.accept(w.order("walk-in").line("1", "DESK", 7, eur("250.00")).build(), w.key());
        assertThat(shop.fulfillmentOrders()).as("only the 6 free desks go to the walk-in").singleElement()
                .satisfies(fo -> assertThat(fo.lines().get(0).quantity()).isEqualTo(Quantity.of(6)));
        assertThat(shop.waitingFor()).contains(dev.oms.spi.process.ProcessRecord.WaitReason.STOCK);

        drafts.acceptQuote(draft.id(), "buyer-ann", w.key());
        FlowResult converted = w.flow.convert(draft.id(), w.key());
        assertThat(converted.fulfillmentOrders()).singleElement().satisfies(fo ->
                assertThat(fo.reservationId()).as("the quote's own hold").isEqualTo(held.id()));
        assertThat(w.flow.inventory().position(Sku.of("DESK"), BERLIN).reserved()).as("6 walk-in, 4 quote, no more")
                .isEqualTo(Quantity.of(10));
        assertThat(w.flow.inventory().reservationsOf(draft.orderId())).as("one hold, the quote's").hasSize(1);
        assertThat(w.flow.inventory().reservation(held.id()).expiresAt()).as("the order's now: it no longer lapses")
                .isEmpty();

        // long after the quote's expiry, the timers run: the order's stock stays held and ships
        w.clock.advance(Duration.ofDays(9));
        w.flow.runDue();
        assertThat(w.flow.inventory().reservation(held.id()).status().isActive()).isTrue();
        assertThat(w.flow.inventory().position(Sku.of("DESK"), BERLIN).reserved()).isEqualTo(Quantity.of(10));
        FulfillmentOrder fo = converted.fulfillmentOrders().get(0);
        assertThat(w.shipAll(fo).order().lines()).allSatisfy(l -> assertThat(l.quantities().shipped())
                .isEqualTo(l.quantities().ordered()));
    }

    @Test
    void stock_held_for_a_quote_goes_back_when_it_expires_is_edited_or_withdrawn() {
        Draft a = created("Q-4002");
        drafts.sendQuote(a.id(), w.clock.instant().plus(Duration.ofDays(2)), true, w.key());
        Draft b = created("Q-4003");
        Draft bQuoted = drafts.sendQuote(b.id(), w.clock.instant().plus(Duration.ofDays(9)), true, w.key());
        assertThat(w.flow.inventory().position(Sku.of("DESK"), BERLIN).available()).isEqualTo(2);

        assertThatThrownBy(() -> drafts.sendQuote(created("Q-4004").id(), w.clock.instant().plus(Duration.ofDays(1)),
                true, w.key())).as("only 2 desks left").isInstanceOfSatisfying(DraftRuleException.class, e ->
                        assertThat(e.rule()).isEqualTo("quote-stock"));
        assertThat(drafts.load(DraftId.of("Q-4004")).status()).isEqualTo(Status.OPEN);
        assertThat(w.flow.inventory().position(Sku.of("DESK"), BERLIN).available()).as("nothing held by the refusal")
                .isEqualTo(2);

        w.clock.advance(Duration.ofDays(2));
        assertThat(drafts.expireQuotes()).extracting(Draft::id).containsExactly(a.id());
        assertThat(w.flow.inventory().position(Sku.of("DESK"), BERLIN).available()).isEqualTo(6);

        drafts.edit(b.id(), bQuoted.version(), List.of(new DraftEdit.Reprice(LineId.of("1"), eur("245.00"))),
                "agent-kim", w.key());
        assertThat(w.flow.inventory().position(Sku.of("DESK"), BERLIN).available()).isEqualTo(10);
        Draft bAgain = drafts.sendQuote(b.id(), w.clock.instant().plus(Duration.ofDays(9)), true, w.key());
        assertThat(w.flow.inventory().position(Sku.of("DESK"), BERLIN).available()).isEqualTo(6);
        drafts.withdraw(bAgain.id(), w.key());
        assertThat(w.flow.inventory().position(Sku.of("DESK"), BERLIN).available()).isEqualTo(10);
        assertThat(w.flow.inventory().position(Sku.of("CHAIR"), BERLIN).available()).isEqualTo(20);
    }

    @Test
    void a_crash_between_placing_the_order_and_recording_the_conversion_is_finished_by_a_repeat() {
        Draft draft = created("Q-5001");
        // the first step of a conversion, as a crash left it: the order placed, the draft not yet converted
        w.flow.orders().place(draft.orderId(), Drafts.placement(draft), CommandKey.reserved("convert", "Q-5001"));
        assertThat(drafts.load(draft.id()).status()).isEqualTo(Status.OPEN);
        FlowResult finished = w.flow.convert(draft.id(), w.key());
        assertThat(finished.order().id()).isEqualTo(draft.orderId());
        assertThat(finished.fulfillmentOrders()).hasSize(1);
        assertThat(drafts.load(draft.id()).status()).isEqualTo(Status.CONVERTED);
        assertThat(w.flow.orders().query(dev.oms.spi.store.OrderQuery.of(dev.oms.spi.store.OrderQuery.Filter.builder()
                .channel(ChannelId.of("sales")).build())).orders()).as("one order").hasSize(1);
    }

    @Test
    void a_draft_with_content_an_order_would_refuse_is_not_created() {
        PlaceOrder bad = PlaceOrder.builder(ChannelId.of("sales"), ExternalOrderId.of("Q-6001"), CustomerRef.of("acme"),
                Monetary.getCurrency("EUR")).shipTo(Address.of("DE", "10115")).placedAt(w.clock.instant())
                .line(new NewLine(LineId.of("1"), Sku.of("DESK"), Quantity.of(1), eur("10.00"), eur("0.00"),
                        LineTax.none(), new dev.oms.spi.order.Attributes(java.util.Map.of("colour",
                                new dev.oms.spi.order.Attributes.Text("red"))))).build();
        assertThatThrownBy(() -> drafts.create(bad, "agent-kim", w.key())).as("no attribute is declared")
                .isInstanceOf(InvalidInputException.AttributeRefusedException.class).hasMessageContaining("colour");
        assertThat(drafts.find(DraftId.of("Q-6001"))).isEmpty();
        assertThatThrownBy(() -> drafts.create(content("Q-6002"), " ", w.key()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("author");
    }

    @Test
    void erasing_a_converted_orders_personal_data_erases_its_draft_too() {
        Draft draft = drafts.edit(created("Q-7001").id(), 1, List.of(new DraftEdit.LineDiscount(LineId.of("1"),
                eur("5.00"), "promised to Ms Example on the phone")), "agent-kim", w.key());
        drafts.sendQuote(draft.id(), w.clock.instant().plus(Duration.ofDays(3)), false, w.key());
        drafts.acceptQuote(draft.id(), "buyer-ann", w.key());
        FlowResult converted = w.flow.convert(draft.id(), w.key());
        w.deliver(w.shipAll(converted.fulfillmentOrders().get(0)).shipments().get(0));
        assertThat(w.flow.orders().load(draft.orderId()).status()).isEqualTo(OrderStatus.COMPLETED);

        w.flow.erasePersonalData(draft.orderId(), w.key());
        Draft erased = drafts.load(draft.id());
        assertThat(erased.header().customer().value()).isEqualTo("erased");
        assertThat(erased.header().shippingAddress().postalCode()).isEmpty();
        assertThat(erased.manualDiscounts()).singleElement().satisfies(m -> {
            assertThat(m.reason()).isEmpty();
            assertThat(m.amount()).isEqualTo(eur("5.00"));
        });
        assertThat(erased.quote().orElseThrow().acceptedBy()).contains("erased");
        assertThat(erased.author()).isEqualTo("erased");
        assertThat(erased.status()).isEqualTo(Status.CONVERTED);
    }

    /** A business quote above its buyer's limit: converted, it waits for approval before routing. */
    private FlowWorld approvals() {
        return new FlowWorld(FlowStores.inMemory(), b -> b.approvals((order, total) -> order.header().b2b()
                .filter(t -> total.isGreaterThan(eur("1000.00"))).map(t -> "manager-of-" + t.buyer())))
                .stock("DESK", BERLIN, 10).stock("CHAIR", BERLIN, 20);
    }

    private static PlaceOrder businessContent(FlowWorld world, String quoteNumber) {
        return PlaceOrder.builder(ChannelId.of("sales"), ExternalOrderId.of(quoteNumber), CustomerRef.of("acme"),
                Monetary.getCurrency("EUR")).shipTo(FlowWorld.POTSDAM).placedAt(world.clock.instant())
                .b2b(new dev.oms.spi.order.B2bTerms("acme", "buyer-ann", "PO-1",
                        dev.oms.spi.order.B2bTerms.PaymentTerms.NET_30))
                .line("1", "DESK", 4, eur("250.00")).line("2", "CHAIR", 8, eur("90.00")).build();
    }

    @Test
    void held_stock_is_taken_over_after_the_order_waited_for_its_approver_never_reserved_twice() {
        FlowWorld b = approvals();
        Draft draft = b.flow.drafts().create(businessContent(b, "Q-8001"), "agent-kim", b.key());
        Draft quoted = b.flow.drafts().sendQuote(draft.id(), b.clock.instant().plus(Duration.ofDays(10)), true, b.key());
        b.flow.drafts().acceptQuote(draft.id(), "buyer-ann", b.key());
        FlowResult converted = b.flow.convert(draft.id(), b.key());
        assertThat(converted.waitingFor()).contains(dev.oms.spi.process.ProcessRecord.WaitReason.HOLD);
        b.clock.advance(Duration.ofDays(1));
        b.flow.approve(draft.orderId(), "manager-of-buyer-ann", b.key());
        assertThat(b.flow.fulfillment().ofOrder(draft.orderId())).singleElement().satisfies(fo ->
                assertThat(fo.reservationId()).isEqualTo(quoted.heldStock().get(0)));
        assertThat(b.flow.inventory().position(Sku.of("DESK"), BERLIN).reserved()).isEqualTo(Quantity.of(4));
        assertThat(b.flow.inventory().position(Sku.of("CHAIR"), BERLIN).reserved()).isEqualTo(Quantity.of(8));
    }

    @Test
    void held_stock_goes_back_when_the_converted_order_is_rejected_before_it_is_routed() {
        FlowWorld b = approvals();
        Draft draft = b.flow.drafts().create(businessContent(b, "Q-8002"), "agent-kim", b.key());
        b.flow.drafts().sendQuote(draft.id(), b.clock.instant().plus(Duration.ofDays(10)), true, b.key());
        b.flow.drafts().acceptQuote(draft.id(), "buyer-ann", b.key());
        b.flow.convert(draft.id(), b.key());
        assertThat(b.flow.inventory().position(Sku.of("DESK"), BERLIN).available()).isEqualTo(6);
        b.flow.reject(draft.orderId(), "manager-of-buyer-ann", "not this quarter", b.key());
        assertThat(b.flow.orders().load(draft.orderId()).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(b.flow.inventory().position(Sku.of("DESK"), BERLIN).available()).isEqualTo(10);
        assertThat(b.flow.inventory().position(Sku.of("CHAIR"), BERLIN).available()).isEqualTo(20);
    }

    @Test
    void a_conversion_repeated_later_places_the_same_order_and_a_converting_draft_cannot_be_changed() {
        Draft draft = created("Q-8003");
        // a crash right after the conversion began: the draft is converting, no order yet
        Draft converting = drafts.converting(draft.id(), CommandKey.of("conv-1"));
        assertThat(converting.status()).isEqualTo(Status.CONVERTING);
        assertThatThrownBy(() -> drafts.edit(draft.id(), converting.version(), List.of(new DraftEdit.Reprice(
                LineId.of("1"), eur("1.00"))), "agent-kim", w.key())).isInstanceOfSatisfying(DraftRuleException.class,
                        e -> assertThat(e.rule()).isEqualTo("draft-editable"));
        assertThatThrownBy(() -> drafts.withdraw(draft.id(), w.key())).isInstanceOf(DraftRuleException.class)
                .hasMessageContaining("being converted");
        assertThatThrownBy(() -> drafts.sendQuote(draft.id(), w.clock.instant().plusSeconds(60), false, w.key()))
                .isInstanceOf(DraftRuleException.class);

        w.clock.advance(Duration.ofHours(5));
        FlowResult first = w.flow.convert(draft.id(), w.key());
        assertThat(first.order().header().placedAt()).as("placed when the conversion began")
                .isEqualTo(converting.updatedAt());
        w.clock.advance(Duration.ofDays(2));
        FlowResult again = w.flow.convert(draft.id(), w.key());
        assertThat(again.order().id()).isEqualTo(first.order().id());
        assertThat(drafts.load(draft.id()).updatedAt()).isEqualTo(converting.updatedAt());
    }

    @Test
    void an_edit_racing_a_conversion_either_wins_before_it_or_is_refused() {
        Draft draft = created("Q-8004");
        drafts.edit(draft.id(), 1, List.of(new DraftEdit.Reprice(LineId.of("1"), eur("240.00"))), "agent-kim", w.key());
        FlowResult converted = w.flow.convert(draft.id(), w.key());
        assertThat(converted.order().lines().get(0).unitPrice()).as("the edit saved first is in the order")
                .isEqualTo(eur("240.00"));
        assertThatThrownBy(() -> drafts.edit(draft.id(), 2, List.of(new DraftEdit.Reprice(LineId.of("1"),
                eur("230.00"))), "agent-lee", w.key())).isInstanceOf(DraftConflictException.class);
        assertThat(w.flow.orders().load(draft.orderId()).lines().get(0).unitPrice()).isEqualTo(eur("240.00"));
    }

    @Test
    void a_channel_order_of_another_order_is_refused_before_anything_is_saved() {
        FlowResult web = w.flow.accept(PlaceOrder.builder(ChannelId.of("sales"), ExternalOrderId.of("Q-8005"),
                CustomerRef.of("acme"), Monetary.getCurrency("EUR")).shipTo(FlowWorld.POTSDAM)
                .placedAt(w.clock.instant()).line("1", "DESK", 1, eur("250.00")).build(), w.key());
        Draft draft = created("Q-8005");
        assertThatThrownBy(() -> w.flow.convert(draft.id(), w.key())).isInstanceOfSatisfying(DraftRuleException.class,
                e -> assertThat(e.rule()).isEqualTo("draft-id-unique")).hasMessageContaining(web.order().id().value());
        assertThat(drafts.load(draft.id())).isEqualTo(draft);
    }

    @Test
    void a_draft_that_never_became_an_order_is_erased_and_withdrawn() {
        Draft draft = drafts.edit(created("Q-8006").id(), 1, List.of(new DraftEdit.LineDiscount(LineId.of("1"),
                eur("5.00"), "for Ms Example")), "agent-kim", w.key());
        drafts.sendQuote(draft.id(), w.clock.instant().plus(Duration.ofDays(2)), true, w.key());
        assertThat(w.flow.inventory().position(Sku.of("DESK"), BERLIN).available()).isEqualTo(6);
        Draft erased = drafts.erasePersonalData(draft.id(), w.key());
        assertThat(erased.status()).isEqualTo(Status.WITHDRAWN);
        assertThat(erased.header().customer().value()).isEqualTo("erased");
        assertThat(erased.manualDiscounts().get(0).reason()).isEmpty();
        assertThat(w.flow.inventory().position(Sku.of("DESK"), BERLIN).available()).isEqualTo(10);
        assertThat(drafts.erasePersonalData(draft.id(), w.key())).as("once").isEqualTo(erased);
        Draft converted = created("Q-8007");
        w.flow.convert(converted.id(), w.key());
        assertThatThrownBy(() -> drafts.erasePersonalData(converted.id(), w.key()))
                .isInstanceOfSatisfying(DraftRuleException.class, e -> assertThat(e.rule())
                        .isEqualTo("erase-with-the-order"));
    }

    @Test
    void a_quote_whose_save_loses_a_race_gives_back_the_stock_it_held() {
        java.util.concurrent.atomic.AtomicBoolean lose = new java.util.concurrent.atomic.AtomicBoolean();
        dev.oms.core.memory.InMemoryDraftStore real = new dev.oms.core.memory.InMemoryDraftStore();
        dev.oms.spi.store.DraftStore racing = new dev.oms.spi.store.DraftStore() {
            @Override
            public void save(Draft draft) {
                if (lose.getAndSet(false)) {
                    throw new DraftConflictException(draft.id(), draft.version() - 1, draft.version());
                }
                real.save(draft);
            }

            @Override
            public Optional<Draft> load(DraftId id) {
                return real.load(id);
            }

            @Override
            public List<Draft> quotesExpiredBy(Instant at, int limit) {
                return real.quotesExpiredBy(at, limit);
            }
        };
        FlowWorld r = new FlowWorld(FlowStores.inMemory(), b -> b.drafts(racing)).stock("DESK", BERLIN, 10)
                .stock("CHAIR", BERLIN, 20);
        Draft draft = r.flow.drafts().create(content("Q-8008"), "agent-kim", r.key());
        lose.set(true);
        assertThatThrownBy(() -> r.flow.drafts().sendQuote(draft.id(), r.clock.instant().plus(Duration.ofDays(1)), true,
                r.key())).isInstanceOf(DraftConflictException.class);
        assertThat(r.flow.inventory().position(Sku.of("DESK"), BERLIN).available()).isEqualTo(10);
        assertThat(r.flow.inventory().reservationsOf(draft.orderId())).allSatisfy(res ->
                assertThat(res.status().isActive()).isFalse());
    }

    @Test
    void a_parcel_whose_stock_is_no_longer_held_is_refused_before_the_label_is_bought() {
        FlowResult accepted = w.flow.accept(w.order("ann").line("1", "DESK", 1, eur("250.00")).build(), w.key());
        FulfillmentOrder fo = accepted.fulfillmentOrders().get(0);
        w.flow.startPicking(fo.id(), w.key());
        w.flow.pack(fo.id(), w.key());
        w.flow.inventory().release(fo.reservationId(), w.key()); // a host's mistake, or a lapsed hold
        int labels = w.carrier.labelsCreated();
        FulfillmentOrder before = w.flow.fulfillment().load(fo.id());
        assertThatThrownBy(() -> w.flow.ship(fo.id(), List.of(new dev.oms.spi.order.LineQuantity(LineId.of("1"),
                Quantity.of(1))), w.key())).isInstanceOfSatisfying(dev.oms.spi.OmsException.ReservationRuleException.class,
                        e -> assertThat(e.rule()).isEqualTo("reservation-not-active"))
                .hasMessageContaining("holds no stock any more");
        assertThat(w.carrier.labelsCreated()).as("no label bought").isEqualTo(labels);
        assertThat(w.flow.fulfillment().load(fo.id())).isEqualTo(before);
    }
}
