package dev.oms.examples;

import dev.oms.core.OrderService;
import dev.oms.core.PlaceOrder;
import dev.oms.core.memory.InMemoryOrderStore;
import dev.oms.fulfillment.Location;
import dev.oms.fulfillment.Location.LocationType;
import dev.oms.fulfillment.Router;
import dev.oms.fulfillment.Router.LocationRanking;
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
import java.io.PrintStream;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.money.Monetary;

/**
 * A focused example: writing a routing rule and a ranking of your own. Bulky items (a tent) must
 * not ship from stores, whose staff cannot pack them; among the rest, the cheapest location to ship
 * from wins over the nearest. The plan explains every location: which rule excluded it, or where it
 * ranked.
 *
 * <p>Run it with {@code mvn -B -q -pl examples -am package exec:java -DskipTests
 * -Dexec.mainClass=dev.oms.examples.RoutingRuleExample}.
 */
public final class RoutingRuleExample {
    private RoutingRuleExample() {
    }

    /** @param args ignored */
    public static void main(String[] args) {
        java.util.logging.Logger.getLogger("org.javamoney.moneta").setLevel(java.util.logging.Level.WARNING);
        run(System.out);
    }

    static RoutingPlan run(PrintStream out) {
        InventoryService inventory = InventoryService.builder(new InMemoryInventoryStore()).build();
        List<Location> locations = List.of(
                Location.builder(LocationId.of("store-potsdam"), LocationType.STORE, Coordinates.of(52.396, 13.058),
                        Amounts.of("6.50", "EUR")).serves("DE").build(),
                Location.builder(LocationId.of("wh-berlin"), LocationType.WAREHOUSE, Coordinates.of(52.520, 13.405),
                        Amounts.of("4.50", "EUR")).serves("DE").build(),
                Location.builder(LocationId.of("wh-leipzig"), LocationType.WAREHOUSE, Coordinates.of(51.340, 12.373),
                        Amounts.of("3.90", "EUR")).serves("DE").build());
        for (Location l : locations) {
            inventory.definePosition(Sku.of("TENT-4P"), l.id(), PositionSettings.NONE);
            inventory.receive(Sku.of("TENT-4P"), l.id(), Quantity.of(5), Reference.of(Reference.Type.RECEIPT, "po-1"),
                    CommandKey.of("receive-" + l.id().value()));
        }
        OrderService orders = OrderService.builder(new InMemoryOrderStore()).build();
        Order order = orders.place(PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of("W-1"),
                        CustomerRef.of("c-1"), Monetary.getCurrency("EUR"))
                .shipTo(Address.of("DE", "14467").withCoordinates(Coordinates.of(52.391, 13.065)))
                .placedAt(Instant.parse("2026-11-20T10:00:00Z"))
                .line("1", "TENT-4P", 1, Amounts.of("249.00", "EUR")).build()).order();

        // routing-rule:begin
        Set<Sku> bulky = Set.of(Sku.of("TENT-4P"));
        RoutingRule bulkyNotFromStores = new RoutingRule() {
            @Override
            public String name() {
                return "bulky-not-from-stores";
            }

            @Override
            public Optional<String> veto(Location location, RoutingRequest request) {
                boolean hasBulky = request.lines().stream().anyMatch(line -> bulky.contains(line.sku()));
                return location.type() == LocationType.STORE && hasBulky
                        ? Optional.of("stores cannot pack bulky items") : Optional.empty();
            }
        };
        LocationRanking cheapest = LocationRanking.of("cheapest-shipment",
                Comparator.comparing(candidate -> candidate.location().costPerShipment().getNumber()
                        .numberValue(java.math.BigDecimal.class)));
        Router router = Router.builder(locations, StockView.of(inventory.availability()))
                .rule(bulkyNotFromStores)
                .rankings(cheapest, LocationRanking.distance())
                .build();
        RoutingPlan plan = router.route(RoutingRequest.forOrder(order));
        // routing-rule:end

        plan.shipments().forEach(s -> out.println("ship " + s.units() + " from " + s.location()));
        for (RoutingPlan.Verdict verdict : plan.explanation()) {
            out.println("  " + verdict);
        }
        return plan;
    }
}
