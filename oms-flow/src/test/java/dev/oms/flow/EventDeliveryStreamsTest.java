package dev.oms.flow;

import static dev.oms.flow.FlowWorld.BERLIN;
import static dev.oms.flow.FlowWorld.eur;
import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.core.EventDelivery;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.fulfillment.FulfillmentEvent;
import dev.oms.spi.inventory.InventoryEvent;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A subscriber failing on one stream holds up neither the other streams nor the other subscribers. */
class EventDeliveryStreamsTest {
    @Test
    void an_inventory_subscriber_that_always_fails_does_not_stop_order_and_fulfilment_events() {
        FlowWorld w = new FlowWorld();
        // a reorder point of 4: the order below takes the position to 3, a low-stock signal
        w.flow.inventory().definePosition(Sku.of("TEE"), BERLIN, new PositionSettings(Quantity.ZERO, Quantity.of(4),
                Quantity.of(10)));
        w.flow.inventory().receive(Sku.of("TEE"), BERLIN, Quantity.of(5), Reference.of(Reference.Type.RECEIPT, "po-1"),
                w.key());
        List<String> orders = new ArrayList<>();
        List<String> fulfilment = new ArrayList<>();
        EventDelivery delivery = EventDelivery.from(w.stores.orders()).inventory(w.stores.inventory())
                .fulfillment(w.stores.fulfillment()).maxAttempts(2)
                .subscribe(InventoryEvent.class, e -> {
                    throw new IllegalStateException("replenishment service down");
                })
                .subscribe(OrderEvent.class, e -> orders.add(e.getClass().getSimpleName()))
                .subscribe(FulfillmentEvent.class, e -> fulfilment.add(e.getClass().getSimpleName()))
                .build();
        w.flow.accept(w.order("c").line("1", "TEE", 2, eur("20.00")).build(), w.key());
        delivery.deliverAll();
        assertThat(orders).contains("OrderPlaced", "OrderConfirmed", "QuantitiesAllocated");
        assertThat(fulfilment).containsExactly("Created");
        assertThat(w.stores.orders().unpublished(10)).isEmpty();
        assertThat(w.stores.fulfillment().unpublished(10)).isEmpty();
        assertThat(w.stores.inventory().unpublished(10)).as("the failing stream waits").isNotEmpty();
        delivery.deliverAll();
        for (int i = 0; i < 20 && !w.stores.inventory().unpublished(10).isEmpty(); i++) {
            delivery.deliverAll(); // one attempt per call and event, then set aside
        }
        assertThat(w.stores.inventory().unpublished(10)).isEmpty();
        assertThat(delivery.setAside()).isNotEmpty().allSatisfy(a -> {
            assertThat(a.stream()).isEqualTo("inventory");
            assertThat(a.attempts()).isEqualTo(2);
        });
        int orderEvents = orders.size();
        delivery.deliverAll();
        assertThat(orders).as("nothing delivered twice").hasSize(orderEvents);
    }
}
