package dev.oms.core;

import static dev.oms.core.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.oms.core.memory.InMemoryOrderStore;
import dev.oms.spi.EventId;
import dev.oms.spi.OrderId;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.event.OrderEvent.OrderConfirmed;
import dev.oms.spi.event.OrderEvent.OrderPlaced;
import dev.oms.spi.order.Order.HoldType;
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
    void a_failing_subscriber_gets_the_event_again_and_holds_up_only_itself() {
        List<EventId> seen = new ArrayList<>();
        List<String> mailed = new ArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        EventDelivery delivery = EventDelivery.from(store)
                .subscribe(Object.class, e -> seen.add(((OrderEvent) e).eventId()))
                .subscribe(OrderEvent.class, e -> {
                    if (e instanceof OrderConfirmed && failures.incrementAndGet() == 1) {
                        throw new IllegalStateException("mail server down");
                    }
                    mailed.add(e.getClass().getSimpleName());
                })
                .build();
        OrderId id = placeAndConfirm("d-3");
        orders.handle(id, OrderCommand.PlaceHold.of(HoldType.ADDRESS, "check"));
        assertThat(delivery.deliverAll()).as("only the event before the failure is marked").isEqualTo(1);
        List<EventId> events = store.events(id).stream().map(OrderEvent::eventId).toList();
        assertThat(seen).as("the other subscriber got every event, once").containsExactlyElementsOf(events);
        assertThat(mailed).as("the failing one gets nothing after its failure, in order").containsExactly("OrderPlaced");
        assertThat(store.unpublished(10)).extracting(e -> e.event().getClass().getSimpleName())
                .containsExactly("OrderConfirmed", "HoldPlaced");
        assertThat(delivery.deliverAll()).isEqualTo(2);
        assertThat(mailed).containsExactly("OrderPlaced", "OrderConfirmed", "HoldPlaced");
        assertThat(seen).as("nobody got an event twice").containsExactlyElementsOf(events);
        assertThat(store.unpublished(10)).isEmpty();
        assertThat(delivery.setAside()).isEmpty();
    }

    @Test
    void an_event_a_subscriber_keeps_failing_on_is_set_aside_for_it_and_the_rest_flows_on() {
        AtomicInteger broken = new AtomicInteger(1);
        List<String> mailed = new ArrayList<>();
        EventDelivery delivery = EventDelivery.from(store).maxAttempts(3)
                .subscribe(OrderEvent.class, e -> {
                    if (e instanceof OrderConfirmed && broken.get() == 1) {
                        throw new IllegalStateException("template missing");
                    }
                    mailed.add(e.getClass().getSimpleName());
                }).build();
        OrderId id = placeAndConfirm("d-5");
        orders.handle(id, OrderCommand.PlaceHold.of(HoldType.ADDRESS, "check"));
        delivery.deliverAll();
        delivery.deliverAll();
        assertThat(mailed).containsExactly("OrderPlaced");
        delivery.deliverAll(); // the third failure: set aside, and the next event goes on
        assertThat(mailed).containsExactly("OrderPlaced", "HoldPlaced");
        assertThat(store.unpublished(10)).isEmpty();
        assertThat(delivery.setAside()).singleElement().satisfies(aside -> {
            assertThat(aside.stream()).isEqualTo("order");
            assertThat(aside.event()).isInstanceOf(OrderConfirmed.class);
            assertThat(aside.attempts()).isEqualTo(3);
            assertThat(aside.lastError()).contains("template missing");
            assertThat(aside.subscriber()).isEqualTo("#0 (OrderEvent)");
        });
        EventDelivery.SetAside aside = delivery.setAside().get(0);
        assertThat(delivery.redeliver(aside)).as("still broken").isFalse();
        broken.set(0);
        assertThat(delivery.redeliver(aside)).isTrue();
        assertThat(mailed).containsExactly("OrderPlaced", "HoldPlaced", "OrderConfirmed");
        assertThat(delivery.setAside()).isEmpty();
        assertThat(delivery.drop(aside)).isFalse();
        assertThatThrownBy(() -> EventDelivery.from(store).maxAttempts(0)).isInstanceOf(
                dev.oms.spi.InvalidInputException.class);
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
