package dev.oms.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.core.OrderService;
import dev.oms.core.PlaceOrder;
import dev.oms.core.memory.InMemoryOrderStore;
import dev.oms.docs.ReadmeSnippets;
import dev.oms.fulfillment.Location.LocationType;
import dev.oms.fulfillment.Router.RoutingRule;
import dev.oms.fulfillment.Router.StockView;
import dev.oms.fulfillment.RoutingPlan;
import dev.oms.fulfillment.RoutingRequest;
import dev.oms.inventory.InventoryService;
import dev.oms.inventory.memory.InMemoryInventoryStore;
import dev.oms.spi.Address;
import dev.oms.spi.Address.Coordinates;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.LocationId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import dev.oms.spi.order.Order;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.money.Monetary;
import org.junit.jupiter.api.Test;

/** Compiles and runs the module README's example, and keeps the README's copy equal to it. */
class ReadmeExampleTest {
    @Test
    void the_readme_example_routes_an_order() {
        InventoryService inventory = InventoryService.builder(new InMemoryInventoryStore()).build();
        List<Location> locations = List.of(
                Location.builder(LocationId.of("wh-berlin"), LocationType.WAREHOUSE, Coordinates.of(52.52, 13.40),
                        Amounts.of("4.00", "EUR")).serves("DE").build(),
                Location.builder(LocationId.of("dropship-1"), LocationType.DROP_SHIP_SUPPLIER,
                        Coordinates.of(52.40, 13.06), Amounts.of("2.00", "EUR")).serves("DE").build());
        for (Location location : locations) {
            inventory.definePosition(Sku.of("MUG"), location.id(), PositionSettings.NONE);
            inventory.receive(Sku.of("MUG"), location.id(), Quantity.of(5),
                    Reference.of(Reference.Type.RECEIPT, "po-" + location.id()), CommandKey.of("r-" + location.id()));
        }
        Order order = OrderService.builder(new InMemoryOrderStore()).build().place(PlaceOrder.builder(
                ChannelId.of("web"), ExternalOrderId.of("w-1"), CustomerRef.of("c-1"), Monetary.getCurrency("EUR"))
                .shipTo(Address.of("DE", "14467").withCoordinates(Coordinates.of(52.39, 13.06)))
                .placedAt(Instant.parse("2026-11-21T10:00:00Z")).tag("gift")
                .line("1", "MUG", 2, Amounts.of("8.00", "EUR")).build()).order();
        // routing-example:begin
        RoutingRule ownStockForGifts = new RoutingRule() {
            @Override
            public String name() {
                return "own-stock-for-gifts";
            }

            @Override
            public Optional<String> veto(Location location, RoutingRequest request) {
                return location.type() == LocationType.DROP_SHIP_SUPPLIER && order.header().tags().contains("gift")
                        ? Optional.of("gift orders ship from our own locations") : Optional.empty();
            }
        };
        Router router = Router.builder(locations, StockView.of(inventory.availability()))
                .rule(ownStockForGifts)
                .build();
        RoutingPlan plan = router.route(RoutingRequest.forOrder(order));
        // routing-example:end
        assertThat(plan.shipments()).singleElement()
                .satisfies(s -> assertThat(s.location()).isEqualTo(LocationId.of("wh-berlin")));
        assertThat(plan.explanation()).anySatisfy(v -> assertThat(v).isEqualTo(new RoutingPlan.Excluded(
                LocationId.of("dropship-1"), "own-stock-for-gifts", "gift orders ship from our own locations")));
    }

    @Test
    void the_readme_shows_this_example() {
        assertThat(ReadmeSnippets.codeBlockAfter(ReadmeSnippets.readme(),
                "<!-- routing-example (from ReadmeExampleTest) -->")).isEqualTo(ReadmeSnippets.region(
                        Path.of("src/test/java/dev/oms/fulfillment/ReadmeExampleTest.java"), "routing-example"));
    }
}
