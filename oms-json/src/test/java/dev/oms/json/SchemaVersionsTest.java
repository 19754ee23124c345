package dev.oms.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.oms.core.OrderCommand;
import dev.oms.core.OrderDecider;
import dev.oms.core.PlaceOrder;
import dev.oms.json.OmsJson.JsonInputException;
import dev.oms.json.StoredJson;
import dev.oms.spi.Address;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.event.OrderEvent.HoldPlaced;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.HoldType;
import java.time.Instant;
import javax.money.Monetary;
import org.junit.jupiter.api.Test;

/**
 * Stored data stays readable: a form written before schema versions (version 1) may hold text the
 * text limits now refuse; the reader upcasts it (repairs the text) instead of refusing it, while
 * the same text in a current form is refused and a newer form is refused as newer.
 */
class SchemaVersionsTest {
    private static final OrderDecider DECIDER = OrderDecider.builder().build();

    private static Order heldOrder() {
        Order placed = DECIDER.place(PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of("v-1"),
                CustomerRef.of("c"), Monetary.getCurrency("EUR")).shipTo(Address.of("DE", "10115"))
                .placedAt(Instant.parse("2026-11-01T09:00:00Z")).line("1", "TEE", 1, Amounts.of("9.99", "EUR"))
                .build()).orThrow().order();
        return DECIDER.decide(placed, new OrderCommand.PlaceHold(HoldType.CUSTOMER_REQUEST, "wait",
                "customer asked to wait")).orThrow().order();
    }

    @Test
    void a_record_written_before_versions_with_text_the_limits_now_refuse_is_read_with_the_text_repaired() {
        Order order = heldOrder();
        String current = StoredJson.write(order, Order.class);
        assertThat(current).startsWith("{\"schemaVersion\":" + StoredJson.SCHEMA_VERSION + ",");
        assertThat(StoredJson.read(current, Order.class)).isEqualTo(order);

        // how version 1 stored it: no schemaVersion, and a note with a bell and half a surrogate pair
        String old = current.replace("\"schemaVersion\":" + StoredJson.SCHEMA_VERSION + ",", "")
                .replace("customer asked to wait", "customer\\u0007 asked\\uD800 to wait");
        Order read = StoredJson.read(old, Order.class);
        assertThat(read.holds()).singleElement().satisfies(h -> assertThat(h.reason())
                .isEqualTo("customer  asked\uFFFD to wait"));
        assertThat(read.withHolds(order.holds())).isEqualTo(order);

        String sameTextNow = old.replaceFirst("\\{", "{\"schemaVersion\":" + StoredJson.SCHEMA_VERSION + ",");
        assertThatThrownBy(() -> StoredJson.read(sameTextNow, Order.class)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("reason");
        String newer = current.replace("\"schemaVersion\":" + StoredJson.SCHEMA_VERSION, "\"schemaVersion\":"
                + (StoredJson.SCHEMA_VERSION + 1));
        assertThatThrownBy(() -> StoredJson.read(newer, Order.class)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("$.schemaVersion").hasMessageContaining("newer");
    }

    @Test
    void events_stay_at_version_1_are_repaired_as_read_and_a_newer_one_is_refused() {
        Order placed = heldOrder();
        HoldPlaced event = (HoldPlaced) DECIDER.decide(placed.withHolds(java.util.List.of()),
                new OrderCommand.PlaceHold(HoldType.CUSTOMER_REQUEST, "wait", "customer asked to wait")).orThrow()
                .events().get(0);
        String written = OmsJson.write(event);
        assertThat(written).as("events kept their shape, so an older oms still reads them")
                .contains("\"schemaVersion\":1");
        String old = written.replace("customer asked to wait", "customer asked to wait\\u0000");
        OrderEvent read = OmsJson.read(old, OrderEvent.class);
        assertThat(read).isInstanceOfSatisfying(HoldPlaced.class, h -> assertThat(h.hold().reason())
                .isEqualTo("customer asked to wait "));
        assertThat(StoredJson.read(old, OrderEvent.class)).isEqualTo(read);
        String newer = written.replace("\"schemaVersion\":1", "\"schemaVersion\":2");
        assertThatThrownBy(() -> OmsJson.read(newer, OrderEvent.class)).isInstanceOf(JsonInputException.class)
                .hasMessageContaining("newer");
    }

    /** How an order line, a shipping charge and a header were stored before tax lines. */
    /** The stored form from before pricing: no pricing in a header, no cash rounding in refunds. */
    private static String beforePricing(String current) {
        return current.replaceAll(",\"pricing\":\\{\"unitScale\":0,\"lineRounding\":\"HALF_UP\",\"cashRounding\":null\\}",
                "").replace(",\"payoutRounding\":null", "").replace(",\"returnShippingFeeTax\":null", "")
                .replace(",\"beforeCashRounding\":null", "").replace(",\"notes\":[]", "").transform(
                        SchemaVersionsTest::beforeGoodwill);
    }

    /** The stored form from before goodwill: none in refund lines and accounts. */
    private static String beforeGoodwill(String current) {
        return current.replaceAll(",\"goodwill\":\\{\"amount\":\"[^\"]*\",\"currency\":\"[A-Z]{3}\"\\}", "")
                .replace(",\"goodwill\":[]", "").replace(",\"methods\":[]", "");
    }

    private static String beforeTaxLines(String current) {
        String amount = "(\\{\"amount\":\"[^\"]*\",\"currency\":\"[A-Z]{3}\"\\})";
        String supplied = "\\{\"@type\":\"Supplied\",\"taxes\":\\[\\{\"code\":\"TAX\",\"percent\":null,"
                + "\"amount\":" + amount + "\\}\\],\"units\":1\\}";
        int shipping = current.indexOf("\"shippingCharges\"");
        String lines = current.substring(0, shipping).replaceAll("\"tax\":" + supplied, "\"unitTax\":$1")
                .replace("\"tax\":{\"@type\":\"Rates\",\"rates\":[]}", "\"unitTax\":{\"amount\":\"0\",\"currency\":\"EUR\"}");
        String rest = current.substring(shipping).replaceAll("\"tax\":" + supplied, "\"tax\":$1");
        return (lines + rest).replaceAll(",\"taxPolicy\":\\{[^}]*\\}", "");
    }

    @Test
    void an_order_and_its_placed_event_stored_before_tax_lines_read_with_the_host_s_per_unit_tax() {
        Order placed = DECIDER.place(PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of("v-2"),
                CustomerRef.of("c"), Monetary.getCurrency("EUR")).shipTo(Address.of("DE", "10115"))
                .placedAt(Instant.parse("2026-11-01T09:00:00Z"))
                .line(new dev.oms.spi.order.NewLine(dev.oms.spi.LineId.of("1"), dev.oms.spi.Sku.of("TEE"),
                        dev.oms.spi.Quantity.of(2), Amounts.of("20.00", "EUR"), Amounts.of("1.00", "EUR"),
                        dev.oms.spi.order.LineTax.perUnit(Amounts.of("3.61", "EUR"))))
                .line("2", "MUG", 1, Amounts.of("15.50", "EUR"))
                .shipping("standard", Amounts.of("4.90", "EUR"), Amounts.of("0.93", "EUR")).build()).orThrow().order();
        String current = StoredJson.write(placed, Order.class);
        String v2 = beforeTaxLines(beforePricing(current.replace("\"schemaVersion\":" + StoredJson.SCHEMA_VERSION + ",", "\"schemaVersion\":2,")));
        assertThat(v2).contains("\"unitTax\":{\"amount\":\"3.61\",\"currency\":\"EUR\"}")
                .contains("\"unitTax\":{\"amount\":\"0\",\"currency\":\"EUR\"}")
                .contains("\"tax\":{\"amount\":\"0.93\",\"currency\":\"EUR\"}").doesNotContain("taxPolicy")
                .doesNotContain("Supplied").doesNotContain("pricing");
        assertThat(StoredJson.read(v2, Order.class)).isEqualTo(placed);
        String v3 = beforePricing(current.replace("\"schemaVersion\":" + StoredJson.SCHEMA_VERSION + ",", "\"schemaVersion\":3,"));
        assertThat(v3).contains("taxPolicy").doesNotContain("pricing");
        assertThat(StoredJson.read(v3, Order.class)).isEqualTo(placed);
        assertThat(StoredJson.read(v3, Order.class).header().pricing()).isEqualTo(dev.oms.spi.order.Pricing.standard());
        assertThat(dev.oms.core.OrderTotals.of(StoredJson.read(v2, Order.class)).tax())
                .isEqualTo(Amounts.of("8.15", "EUR"));   // 2 x 3.61 + 0.93

        OrderEvent event = DECIDER.place(PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of("v-2"),
                CustomerRef.of("c"), Monetary.getCurrency("EUR")).shipTo(Address.of("DE", "10115"))
                .placedAt(Instant.parse("2026-11-01T09:00:00Z")).line(new dev.oms.spi.order.NewLine(
                        dev.oms.spi.LineId.of("1"), dev.oms.spi.Sku.of("TEE"), dev.oms.spi.Quantity.of(2),
                        Amounts.of("20.00", "EUR"), Amounts.of("1.00", "EUR"),
                        dev.oms.spi.order.LineTax.perUnit(Amounts.of("3.61", "EUR"))))
                .shipping("standard", Amounts.of("4.90", "EUR"), Amounts.of("0.93", "EUR")).build()).orThrow()
                .events().get(0);
        String written = OmsJson.write(event);
        assertThat(written).as("an event holding an order header is at version 6").contains("\"schemaVersion\":6");
        String v1 = beforeTaxLines(beforePricing(written.replace("\"schemaVersion\":6", "\"schemaVersion\":1")));
        assertThat(v1).contains("\"unitTax\"").doesNotContain("taxPolicy");
        assertThat(OmsJson.read(v1, OrderEvent.class)).isEqualTo(event);
        assertThat(StoredJson.read(v1, OrderEvent.class)).isEqualTo(event);
        String eventV2 = beforePricing(written.replace("\"schemaVersion\":6", "\"schemaVersion\":2"));
        assertThat(eventV2).contains("taxPolicy").doesNotContain("pricing");
        assertThat(OmsJson.read(eventV2, OrderEvent.class)).isEqualTo(event);
    }

    /** A refund of one unit at 20.00 on net prices: 1.00 own discount, 0.50 of the coupon, 3.61 tax. */
    private static dev.oms.spi.returns.RefundBreakdown netRefund() {
        return new dev.oms.spi.returns.RefundBreakdown(java.util.List.of(
                new dev.oms.spi.returns.RefundBreakdown.RefundLine(dev.oms.spi.LineId.of("1"),
                        dev.oms.spi.Quantity.of(1), Amounts.of("20.00", "EUR"), Amounts.of("1.00", "EUR"),
                        Amounts.of("0.50", "EUR"), Amounts.of("3.61", "EUR"), Amounts.of("0.00", "EUR"),
                        Amounts.of("0.00", "EUR"), Amounts.of("0.00", "EUR"), false)),
                Amounts.of("0.00", "EUR"), dev.oms.spi.returns.RefundBreakdown.RefundMethod.ORIGINAL_PAYMENT);
    }

    @Test
    void a_refund_line_stored_before_tax_lines_reads_as_one_on_net_prices() {
        dev.oms.spi.returns.RefundBreakdown breakdown = netRefund();
        String current = StoredJson.write(breakdown, dev.oms.spi.returns.RefundBreakdown.class);
        String v2 = beforePricing(current.replace("\"schemaVersion\":" + StoredJson.SCHEMA_VERSION + ",", "\"schemaVersion\":2,"))
                .replace(",\"taxIncluded\":false", "");
        assertThat(v2).doesNotContain("taxIncluded");
        dev.oms.spi.returns.RefundBreakdown read = StoredJson.read(v2, dev.oms.spi.returns.RefundBreakdown.class);
        assertThat(read).isEqualTo(breakdown);
        assertThat(read.total()).isEqualTo(Amounts.of("22.11", "EUR"));

        // version 4, before notes: the breakdown reads with none
        String v4 = beforeGoodwill(current.replace("\"schemaVersion\":" + StoredJson.SCHEMA_VERSION + ",",
                "\"schemaVersion\":4,").replace(",\"notes\":[]", ""));
        assertThat(v4).doesNotContain("notes");
        assertThat(StoredJson.read(v4, dev.oms.spi.returns.RefundBreakdown.class)).isEqualTo(breakdown);
        // and an event holding one, at version 2
        dev.oms.spi.returns.ReturnEvent calculated = new dev.oms.spi.returns.ReturnEvent.RefundCalculated(
                new dev.oms.spi.returns.ReturnEvent.ReturnEventMetadata(dev.oms.spi.EventId.of("e-1"),
                        dev.oms.spi.ReturnId.of("r-1"), dev.oms.spi.OrderId.of("o-1"), 2,
                        Instant.parse("2026-11-01T09:00:00Z")), breakdown);
        String event = OmsJson.write(calculated);
        assertThat(event).as("an event holding a refund breakdown is at version 4").contains("\"schemaVersion\":4");
        String eventV2 = beforeGoodwill(event.replace("\"schemaVersion\":4", "\"schemaVersion\":2")
                .replace(",\"notes\":[]", ""));
        assertThat(OmsJson.read(eventV2, dev.oms.spi.returns.ReturnEvent.class)).isEqualTo(calculated);
        String eventV3 = beforeGoodwill(event.replace("\"schemaVersion\":4", "\"schemaVersion\":3"));
        assertThat(eventV3).doesNotContain("goodwill");
        assertThat(OmsJson.read(eventV3, dev.oms.spi.returns.ReturnEvent.class)).isEqualTo(calculated);
    }

    @Test
    void a_shipping_charge_with_a_discount_round_trips_and_one_stored_before_reads_without() {
        Order order = DECIDER.place(PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of("v-ship"),
                CustomerRef.of("c"), Monetary.getCurrency("EUR")).shipTo(Address.of("DE", "10115"))
                .placedAt(Instant.parse("2026-11-01T09:00:00Z")).line("1", "TEE", 1, Amounts.of("9.99", "EUR"))
                .shipping(dev.oms.spi.order.Order.ShippingCharge.of("standard", Amounts.of("4.90", "EUR"),
                        Amounts.of("0.93", "EUR")).withDiscount(new dev.oms.spi.order.Order.Discount("FREESHIP",
                        Amounts.of("4.90", "EUR")))).build()).orThrow().order();
        String stored = StoredJson.write(order, Order.class);
        assertThat(stored).contains("\"discount\":{\"code\":\"FREESHIP\"");
        assertThat(StoredJson.read(stored, Order.class)).isEqualTo(order);
        Order plain = DECIDER.place(PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of("v-ship-2"),
                CustomerRef.of("c"), Monetary.getCurrency("EUR")).shipTo(Address.of("DE", "10115"))
                .placedAt(Instant.parse("2026-11-01T09:00:00Z")).line("1", "TEE", 1, Amounts.of("9.99", "EUR"))
                .shipping("standard", Amounts.of("4.90", "EUR"), Amounts.of("0.93", "EUR")).build()).orThrow().order();
        String current = StoredJson.write(plain, Order.class);
        assertThat(current).contains(",\"discount\":null");
        String before = current.replace(",\"discount\":null", "");
        assertThat(before).doesNotContain("\"discount\"");
        assertThat(StoredJson.read(before, Order.class)).isEqualTo(plain);
    }

    @Test
    void an_order_paid_several_ways_round_trips_and_one_stored_before_payment_methods_reads_with_none() {
        Order plain = heldOrder();
        dev.oms.spi.payment.PaymentMethod gift = dev.oms.spi.payment.PaymentMethod.of("gift-1",
                dev.oms.spi.payment.PaymentMethod.Kind.GIFT_CARD);
        OrderEvent authorised = DECIDER.decide(plain.withHolds(java.util.List.of()), new OrderCommand.RecordAuthorisation(
                Amounts.of("5.00", "EUR"), dev.oms.spi.PaymentReference.of("gc-1"), java.util.Optional.of(gift)))
                .orThrow().events().get(0);
        Order paid = DECIDER.evolve(plain.withHolds(java.util.List.of()), authorised);
        assertThat(paid.payments().methods()).hasSize(1);
        assertThat(StoredJson.read(StoredJson.write(paid, Order.class), Order.class)).isEqualTo(paid);
        String event = OmsJson.write(authorised);
        assertThat(event).contains("\"method\":{\"id\":\"gift-1\",\"kind\":\"GIFT_CARD\"}");
        assertThat(OmsJson.read(event, OrderEvent.class)).isEqualTo(authorised);
        // an event stored before methods names none
        OrderEvent unnamed = DECIDER.decide(plain.withHolds(java.util.List.of()), new OrderCommand.RecordAuthorisation(
                Amounts.of("5.00", "EUR"), dev.oms.spi.PaymentReference.of("psp-1"))).orThrow().events().get(0);
        String before = OmsJson.write(unnamed).replace(",\"method\":null", "");
        assertThat(before).doesNotContain("method");
        assertThat(OmsJson.read(before, OrderEvent.class)).isEqualTo(unnamed);
        // a record of version 6 has no methods in its ledger
        String v6 = StoredJson.write(plain, Order.class).replace("\"schemaVersion\":" + StoredJson.SCHEMA_VERSION,
                "\"schemaVersion\":6").replace(",\"methods\":[]", "");
        assertThat(v6).doesNotContain("methods");
        assertThat(StoredJson.read(v6, Order.class)).isEqualTo(plain);
    }

    @Test
    void an_accepting_process_s_payment_shares_round_trip_and_an_input_stored_before_reads_with_none() {
        Order order = heldOrder();
        dev.oms.spi.payment.PaymentMethod gift = dev.oms.spi.payment.PaymentMethod.of("gift-1",
                dev.oms.spi.payment.PaymentMethod.Kind.GIFT_CARD);
        dev.oms.spi.payment.PaymentMethod card = dev.oms.spi.payment.PaymentMethod.of("card",
                dev.oms.spi.payment.PaymentMethod.Kind.CARD);
        java.util.List<dev.oms.spi.order.NewLine> lines = java.util.List.of(dev.oms.spi.order.NewLine.of(
                "1", "TEE", 1, Amounts.of("9.99", "EUR")));
        dev.oms.spi.process.ProcessInput shared = new dev.oms.spi.process.ProcessInput.Accept(order.header(), lines,
                java.util.List.of(), java.util.List.of(), java.util.List.of(dev.oms.spi.payment.PaymentShare.upTo(gift,
                        Amounts.of("5.00", "EUR")), dev.oms.spi.payment.PaymentShare.rest(card)));
        String written = StoredJson.write(shared, dev.oms.spi.process.ProcessInput.class);
        assertThat(written).contains("\"payments\":[{\"method\":{\"id\":\"gift-1\"");
        assertThat(StoredJson.read(written, dev.oms.spi.process.ProcessInput.class)).isEqualTo(shared);
        // stored at version 7, before shares: the order was accepted paid one way
        dev.oms.spi.process.ProcessInput plain = new dev.oms.spi.process.ProcessInput.Accept(order.header(), lines,
                java.util.List.of(), java.util.List.of());
        String v7 = StoredJson.write(plain, dev.oms.spi.process.ProcessInput.class).replace("\"schemaVersion\":"
                + StoredJson.SCHEMA_VERSION, "\"schemaVersion\":7").replace(",\"payments\":[]", "");
        assertThat(v7).doesNotContain("payments").contains("\"schemaVersion\":7");
        assertThat(StoredJson.read(v7, dev.oms.spi.process.ProcessInput.class)).isEqualTo(plain);
        // a share in another currency is refused as read, naming it
        String otherCurrency = written.replace("\"currency\":\"EUR\"}},{\"method\"", "\"currency\":\"USD\"}},{\"method\"");
        assertThat(otherCurrency).isNotEqualTo(written);
        assertThatThrownBy(() -> StoredJson.read(otherCurrency, dev.oms.spi.process.ProcessInput.class))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("payments[0].upTo");
    }

    @Test
    void a_refund_line_and_an_account_stored_before_goodwill_read_with_none() {
        dev.oms.spi.returns.RefundBreakdown breakdown = netRefund();
        String current = StoredJson.write(breakdown, dev.oms.spi.returns.RefundBreakdown.class);
        assertThat(current).contains("\"goodwill\":{");
        String v5 = beforeGoodwill(current.replace("\"schemaVersion\":" + StoredJson.SCHEMA_VERSION + ",",
                "\"schemaVersion\":5,"));
        assertThat(v5).doesNotContain("goodwill");
        dev.oms.spi.returns.RefundBreakdown read = StoredJson.read(v5, dev.oms.spi.returns.RefundBreakdown.class);
        assertThat(read).isEqualTo(breakdown);
        assertThat(read.lines().get(0).goodwill().isZero()).isTrue();

        dev.oms.spi.OrderId order = dev.oms.spi.OrderId.of("o-1");
        dev.oms.spi.returns.RefundAccount account = dev.oms.spi.returns.RefundAccount.empty(order)
                .plus(dev.oms.spi.LineId.of("1"), new dev.oms.spi.returns.RefundAccount.RefundedUnits(1, 0, 0))
                .withShares(java.util.Map.of(dev.oms.spi.LineId.of("1"), new dev.oms.spi.returns.RefundAccount
                        .FrozenShares(2, Amounts.of("1.00", "EUR"), Amounts.of("0.00", "EUR"),
                        Amounts.of("0.00", "EUR"), java.util.Optional.of(Amounts.of("7.22", "EUR"))))).next();
        String stored = StoredJson.write(account, dev.oms.spi.returns.RefundAccount.class);
        String accountV5 = beforeGoodwill(stored.replace("\"schemaVersion\":" + StoredJson.SCHEMA_VERSION + ",",
                "\"schemaVersion\":5,"));
        assertThat(accountV5).doesNotContain("goodwill");
        assertThat(StoredJson.read(accountV5, dev.oms.spi.returns.RefundAccount.class)).isEqualTo(account);
        dev.oms.spi.returns.RefundAccount given = account.withGoodwill(dev.oms.spi.LineId.of("1"),
                new dev.oms.spi.returns.RefundAccount.Goodwill(1, Amounts.of("4.00", "EUR")));
        assertThat(StoredJson.read(StoredJson.write(given, dev.oms.spi.returns.RefundAccount.class),
                dev.oms.spi.returns.RefundAccount.class)).isEqualTo(given);
    }
}
