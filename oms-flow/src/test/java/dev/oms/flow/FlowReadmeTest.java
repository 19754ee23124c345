package dev.oms.flow;

import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.core.PlaceOrder;
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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
