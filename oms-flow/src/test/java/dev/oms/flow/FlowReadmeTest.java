package dev.oms.flow;

import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.core.PaymentPlan;
import dev.oms.core.PlaceOrder;
import dev.oms.core.memory.InMemoryBalances;
import dev.oms.docs.ReadmeSnippets;
import dev.oms.fakes.FakeCarrier;
import dev.oms.fakes.FakePaymentGateway;
import dev.oms.fakes.ManualClock;
import dev.oms.flow.Retention.Purged;
import dev.oms.flow.Retention.RetentionPolicy;
import dev.oms.fulfillment.Location;
import dev.oms.fulfillment.Location.LocationType;
import dev.oms.spi.Address;
import dev.oms.spi.Address.Coordinates;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.LocationId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.payment.FraudScreen.FraudVerdict;
import dev.oms.spi.payment.PaymentMethod;
import dev.oms.spi.payment.PaymentShare;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.money.Monetary;
import org.junit.jupiter.api.Test;

/** Compiles and runs the README's example, and keeps the README's copy equal to it. */
class FlowReadmeTest {
    @Test
    void the_readme_builds_a_flow_that_accepts_an_order() {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-23T08:00:00Z"));
        // flow-example:begin
        OrderFlow flow = OrderFlow.builder(FlowStores.inMemory())
                .payments(new FakePaymentGateway())          // your PaymentGateway
                .carrier(new FakeCarrier("parcelco"))        // your CarrierGateway
                .fraud(order -> new FraudVerdict(FraudVerdict.Outcome.ACCEPT, "trusted"))   // optional
                .locations(Location.builder(LocationId.of("wh-berlin"), LocationType.WAREHOUSE,
                        Coordinates.of(52.52, 13.40), Amounts.of("4.00", "EUR")).serves("DE").build()) // 4.00: cost per parcel
                .clock(clock).ids(IdGenerator.sequential("shop"))   // one clock, one id generator for every service
                .policy(FlowPolicy.defaults().withUnpaidAfter(Optional.of(Duration.ofHours(12))))
                .build();
        // flow-example:end
        flow.inventory().definePosition(Sku.of("TEE"), LocationId.of("wh-berlin"), PositionSettings.NONE);
        flow.receive(Sku.of("TEE"), LocationId.of("wh-berlin"), Quantity.of(3),
                Reference.of(Reference.Type.RECEIPT, "po-1"), CommandKey.of("po-1"));
        FlowResult accepted = flow.accept(PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of("w-1"),
                CustomerRef.of("c-1"), Monetary.getCurrency("EUR")).shipTo(Address.of("DE", "10115")
                        .withCoordinates(Coordinates.of(52.53, 13.38))).placedAt(clock.instant())
                .line("1", "TEE", 2, Amounts.of("19.90", "EUR")).build(), CommandKey.of("accept-w-1"));
        assertThat(accepted.done()).isTrue();
        assertThat(accepted.order().status()).isEqualTo(OrderStatus.PROCESSING);
        assertThat(accepted.fulfillmentOrders()).hasSize(1);
    }

    @Test
    void the_readme_accepts_an_order_paid_with_a_gift_card_and_a_card() {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-23T08:00:00Z"));
        FakePaymentGateway cards = new FakePaymentGateway();
        // shares-example:begin
        InMemoryBalances giftCards = new InMemoryBalances().open("gift-7", Amounts.of("25.00", "EUR")); // your balances
        OrderFlow flow = OrderFlow.builder(FlowStores.inMemory())
                .payments(cards)                              // cards, invoices, bank transfers
                .balances(giftCards)                          // gift cards and store credit: never spent past the balance
                .paymentPlan(PaymentPlan.standard())          // captures: balances first; refunds: the card first
                .carrier(new FakeCarrier("parcelco"))
                .locations(Location.builder(LocationId.of("wh-berlin"), LocationType.WAREHOUSE,
                        Coordinates.of(52.52, 13.40), Amounts.of("4.00", "EUR")).serves("DE").build())
                .clock(clock).build();
        // ... stock received, then:
        // shares-example:end
        flow.inventory().definePosition(Sku.of("TEE"), LocationId.of("wh-berlin"), PositionSettings.NONE);
        flow.receive(Sku.of("TEE"), LocationId.of("wh-berlin"), Quantity.of(3),
                Reference.of(Reference.Type.RECEIPT, "po-1"), CommandKey.of("po-1"));
        PlaceOrder placement = PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of("w-2"),
                CustomerRef.of("c-2"), Monetary.getCurrency("EUR")).shipTo(Address.of("DE", "10115")
                        .withCoordinates(Coordinates.of(52.53, 13.38))).placedAt(clock.instant())
                .line("1", "TEE", 2, Amounts.of("19.90", "EUR")).build();
        // shares-accept:begin
        FlowResult accepted = flow.accept(placement, List.of(
                PaymentShare.upTo(PaymentMethod.of("gift-7", PaymentMethod.Kind.GIFT_CARD), Amounts.of("25.00", "EUR")),
                PaymentShare.rest(PaymentMethod.of("card", PaymentMethod.Kind.CARD))), CommandKey.of("accept-w-2"));
        // 39.80: 25.00 held on the gift card, 14.80 authorised on the card
        // shares-accept:end
        assertThat(accepted.order().status()).isEqualTo(OrderStatus.PROCESSING);
        assertThat(accepted.order().payments().method("gift-7").orElseThrow().ledger().authorised())
                .isEqualTo(Amounts.of("25.00", "EUR"));
        assertThat(accepted.order().payments().method("card").orElseThrow().ledger().authorised())
                .isEqualTo(Amounts.of("14.80", "EUR"));
        assertThat(giftCards.available("gift-7")).contains(Amounts.of("0.00", "EUR"));
        assertThat(ReadmeSnippets.codeBlockAfter(ReadmeSnippets.readme(), "<!-- shares-example:begin (from FlowReadmeTest) -->"))
                .isEqualTo(ReadmeSnippets.region(Path.of("src/test/java/dev/oms/flow/FlowReadmeTest.java"), "shares-example"));
        assertThat(ReadmeSnippets.codeBlockAfter(ReadmeSnippets.readme(), "<!-- shares-accept:begin (from FlowReadmeTest) -->"))
                .isEqualTo(ReadmeSnippets.region(Path.of("src/test/java/dev/oms/flow/FlowReadmeTest.java"), "shares-accept"));
    }

    @Test
    void the_readme_retention_example_runs_and_purges_nothing_young() {
        FlowStores stores = FlowStores.inMemory();
        java.time.Clock clock = java.time.Clock.systemUTC();
        stores.inventory().definePosition(dev.oms.spi.inventory.PositionKey.of(Sku.of("TEE"),
                LocationId.of("wh-berlin")), PositionSettings.NONE);
        // retention-example:begin
        Retention retention = Retention.of(stores, clock, RetentionPolicy.defaults());
        Purged purged = retention.purgeBatch();   // from your scheduler; purgeAll() works a backlog off in batches
        // retention-example:end
        assertThat(purged).isEqualTo(Purged.NOTHING);
        assertThat(retention.purgeAll()).isEqualTo(Purged.NOTHING);
    }

    @Test
    void the_readme_shows_the_retention_example() {
        assertThat(ReadmeSnippets.codeBlockAfter(ReadmeSnippets.readme(),
                "<!-- retention-example:begin (from FlowReadmeTest) -->")).isEqualTo(ReadmeSnippets.region(
                        Path.of("src/test/java/dev/oms/flow/FlowReadmeTest.java"), "retention-example"));
    }

    @Test
    void the_readme_shows_the_example() {
        assertThat(ReadmeSnippets.codeBlockAfter(ReadmeSnippets.readme(), "<!-- flow-example:begin (from FlowReadmeTest) -->"))
                .isEqualTo(ReadmeSnippets.region(Path.of("src/test/java/dev/oms/flow/FlowReadmeTest.java"), "flow-example"));
    }
}
