package dev.oms.core;

import static dev.oms.core.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.spi.EventId;
import dev.oms.spi.OrderId;
import dev.oms.spi.event.OrderConfirmed;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.event.OrderPlaced;
import dev.oms.spi.order.HoldType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Subscriptions by type, delivered from the outbox at least once, and marked published. */
class EventDeliveryTest {
    private final InMemoryOrderStore store = new InMemoryOrderStore();
    private final OrderService orders = service(store);

    private OrderId placeAndConfirm(String external) {
        OrderId id = orders.place(webOrder(external).build()).order().id();
        orders.handle(id, new OrderCommand.Confirm());
        return id;
    }

    @Test
    void subscribers_get_the_events_of_their_type_in_save_order_and_the_outbox_empties() {
        List<String> all = new ArrayList<>();
        List<OrderId> confirmed = new ArrayList<>();
        EventDelivery delivery = EventDelivery.from(store)
                .subscribe(OrderEvent.class, e -> all.add(e.getClass().getSimpleName()))
                .subscribe(OrderConfirmed.class, e -> confirmed.add(e.orderId()))
                .batchSize(3).build();
        OrderId a = placeAndConfirm("d-1");
        OrderId b = placeAndConfirm("d-2");
        assertThat(delivery.deliverAll()).isEqualTo(4);
        assertThat(all).containsExactly("OrderPlaced", "OrderConfirmed", "OrderPlaced", "OrderConfirmed");
        assertThat(confirmed).containsExactly(a, b);
        assertThat(store.unpublished(10)).isEmpty();
        assertThat(delivery.deliverAll()).isZero();
    }

    @Test
    void a_failing_subscriber_gets_the_event_again_and_nothing_is_lost() {
        List<EventId> seen = new ArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        EventDelivery delivery = EventDelivery.from(store)
                .subscribe(Object.class, e -> seen.add(((OrderEvent) e).eventId()))
                .subscribe(OrderConfirmed.class, e -> {
                    if (failures.incrementAndGet() == 1) {
                        throw new IllegalStateException("mail server down");
                    }
                })
                .build();
        OrderId id = placeAndConfirm("d-3");
        orders.handle(id, OrderCommand.PlaceHold.of(HoldType.ADDRESS, "check"));
        assertThatThrownBy(delivery::deliverAll).hasMessageContaining("mail server down");
        assertThat(store.unpublished(10)).extracting(e -> e.event().getClass().getSimpleName())
                .as("the failed event and the ones after it stay").containsExactly("OrderConfirmed", "HoldPlaced");
        assertThat(delivery.deliverAll()).isEqualTo(2);
        List<EventId> events = store.events(id).stream().map(OrderEvent::eventId).toList();
        assertThat(seen).as("at least once: the confirmed event twice").containsAll(events).hasSize(4);
        assertThat(store.unpublished(10)).isEmpty();
    }

    @Test
    void dispatch_hands_one_event_to_every_match_for_a_hosts_own_relay() {
        List<String> got = new ArrayList<>();
        EventDelivery delivery = EventDelivery.from(store).subscribe(OrderPlaced.class, e -> got.add("placed"))
                .subscribe(OrderEvent.class, e -> got.add("any")).build();
        placeAndConfirm("d-4");
        delivery.dispatch(store.unpublished(1).get(0).event());
        assertThat(got).containsExactly("placed", "any");
        assertThatThrownBy(() -> EventDelivery.from(store).batchSize(0)).isInstanceOf(
                dev.oms.spi.InvalidInputException.class);
    }
}
