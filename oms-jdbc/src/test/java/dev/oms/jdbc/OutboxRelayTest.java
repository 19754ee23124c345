package dev.oms.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.oms.core.OrderCommand;
import dev.oms.core.OrderService;
import dev.oms.core.PlaceOrder;
import dev.oms.jdbc.testing.LocalPostgres;
import dev.oms.spi.Address;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.EventId;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.OrderId;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.order.Order.HoldType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.money.Monetary;
import org.junit.jupiter.api.Test;

/** The relay never stalls on one bad row, and delivers in save order however many relays run. */
class OutboxRelayTest {
    private static final Instant AT = Instant.parse("2026-11-01T09:00:00Z");

    private static OrderId place(OrderService orders, String external) {
        return orders.place(PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of(external), CustomerRef.of("c"),
                Monetary.getCurrency("EUR")).shipTo(Address.of("DE", "10115")).placedAt(AT)
                .line("1", "TEE", 1, Amounts.of("10.00", "EUR")).build()).order().id();
    }

    private static void poison(LocalPostgres.Temporary db, String eventId) throws Exception {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO oms_outbox (stream, event_id, body) VALUES ('order', ?, '{\"@type\":\"OrderTeleported\"}')")) {
            ps.setString(1, eventId);
            ps.executeUpdate();
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    @Test
    void a_row_that_cannot_be_decoded_is_set_aside_after_its_attempts_and_every_other_event_flows_on() throws Exception {
        try (LocalPostgres.Temporary db = LocalPostgres.temporary(2)) {
            PostgresStores stores = PostgresStores.on(db.dataSource());
            OrderService orders = OrderService.builder(stores.orders()).build();
            OrderId before = place(orders, "before");
            poison(db, "poison-1");
            OrderId after = place(orders, "after");
            List<EventId> published = new ArrayList<>();
            OutboxRelay relay = new OutboxRelay(db.dataSource(), e -> published.add(e.eventId()), 10, 3);

            for (int attempt = 1; attempt <= 3; attempt++) {
                int n = attempt;
                assertThatThrownBy(relay::relayAll).isInstanceOfSatisfying(OutboxRelay.RelayException.class, e -> {
                    assertThat(e.eventId()).isEqualTo("poison-1");
                    assertThat(e.event()).isEmpty();
                    assertThat(e.attempts()).isEqualTo(n);
                    assertThat(e.setAside()).isEqualTo(n == 3);
                    assertThat(e.getMessage()).contains("decoding order event poison-1").contains("OrderTeleported");
                });
            }
            assertThat(relay.relayAll()).isEqualTo(1); // the event after the set-aside row
            assertThat(published).containsExactly(stores.orders().events(before).get(0).eventId(),
                    stores.orders().events(after).get(0).eventId());
            assertThat(stores.orders().unpublished(10)).isEmpty(); // the stores' own readers skip it too

            List<OutboxRelay.SetAside> aside = relay.setAside(10);
            assertThat(aside).singleElement().satisfies(row -> {
                assertThat(row.eventId()).isEqualTo(EventId.of("poison-1"));
                assertThat(row.attempts()).isEqualTo(3);
                assertThat(row.lastError()).contains("OrderTeleported");
                assertThat(row.body()).contains("OrderTeleported");
                assertThat(row.setAsideAt()).isNotNull();
            });
            assertThat(relay.retry(aside.get(0).sequence())).isTrue();
            assertThatThrownBy(relay::relayAll).isInstanceOf(OutboxRelay.RelayException.class); // back in line
            assertThat(relay.setAside(10)).isEmpty();
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(relay::relayAll).isInstanceOf(OutboxRelay.RelayException.class);
            }
            assertThat(relay.drop(relay.setAside(10).get(0).sequence())).isTrue();
            assertThat(relay.setAside(10)).isEmpty();
            assertThat(relay.relayAll()).isZero();
            assertThat(relay.drop(12345)).isFalse();
        }
    }

    /**
     * A broker that is down is not a bad row: however long the outage, nothing is set aside and
     * the events wait in order; a row the publisher rejects as undeliverable is set aside.
     */
    @Test
    void an_outage_holds_the_relay_in_order_and_only_a_rejected_row_is_set_aside() {
        try (LocalPostgres.Temporary db = LocalPostgres.temporary(2)) {
            PostgresStores stores = PostgresStores.on(db.dataSource());
            OrderService orders = OrderService.builder(stores.orders()).build();
            OrderId first = place(orders, "first");
            OrderId second = place(orders, "second");
            java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
            List<EventId> published = new ArrayList<>();
            OutboxRelay relay = new OutboxRelay(db.dataSource(), e -> {
                if (down.get()) {
                    throw new java.io.IOException("broker unreachable");
                }
                published.add(e.eventId());
            }, 10, 3);
            for (int i = 0; i < 12; i++) {
                assertThatThrownBy(relay::relayAll).isInstanceOfSatisfying(OutboxRelay.RelayException.class,
                        e -> assertThat(e.setAside()).isFalse());
            }
            assertThat(relay.setAside(10)).as("an outage sets nothing aside").isEmpty();
            down.set(false);
            assertThat(relay.relayAll()).isEqualTo(2);
            assertThat(published).containsExactly(stores.orders().events(first).get(0).eventId(),
                    stores.orders().events(second).get(0).eventId());

            OrderId third = place(orders, "third");
            OutboxRelay rejecting = new OutboxRelay(db.dataSource(), e -> {
                throw new OutboxRelay.Rejected("message too large for the topic");
            }, 10, 3);
            for (int attempt = 1; attempt <= 3; attempt++) {
                int n = attempt;
                assertThatThrownBy(rejecting::relayAll).isInstanceOfSatisfying(OutboxRelay.RelayException.class,
                        e -> assertThat(e.setAside()).isEqualTo(n == 3));
            }
            assertThat(rejecting.setAside(10)).singleElement().satisfies(row -> {
                assertThat(row.eventId()).isEqualTo(stores.orders().events(third).get(0).eventId());
                assertThat(row.lastError()).contains("message too large");
            });
        }
    }

    @Test
    void two_relays_and_a_broker_failing_a_quarter_of_the_time_deliver_every_event_in_each_orders_order()
            throws Exception {
        try (LocalPostgres.Temporary db = LocalPostgres.temporary(6)) {
            PostgresStores stores = PostgresStores.on(db.dataSource());
            OrderService orders = OrderService.builder(stores.orders()).build();
            ConcurrentLinkedQueue<OrderEvent> delivered = new ConcurrentLinkedQueue<>();
            AtomicLong calls = new AtomicLong();
            OutboxRelay.Publisher flaky = e -> {
                if (calls.incrementAndGet() % 4 == 0) {
                    throw new IllegalStateException("broker unavailable");
                }
                delivered.add((OrderEvent) e.event());
            };
            AtomicBoolean producing = new AtomicBoolean(true);
            List<OrderId> placed = new ArrayList<>();
            Thread producer = new Thread(() -> {
                for (int i = 0; i < 40; i++) {
                    OrderId id = place(orders, "relay-" + i);
                    orders.handle(id, OrderCommand.PlaceHold.of(HoldType.CUSTOM, "check"));
                    orders.handle(id, OrderCommand.ReleaseHold.of(HoldType.CUSTOM, "checked"));
                    orders.handle(id, new OrderCommand.Confirm());
                    synchronized (placed) {
                        placed.add(id);
                    }
                }
                producing.set(false);
            });
            List<Thread> relays = new ArrayList<>();
            AtomicLong failures = new AtomicLong();
            for (int r = 0; r < 2; r++) {
                OutboxRelay relay = new OutboxRelay(db.dataSource(), flaky, 5, 1_000);
                relays.add(new Thread(() -> {
                    while (producing.get() || !stores.orders().unpublished(1).isEmpty()) {
                        try {
                            relay.relayBatch();
                        } catch (OutboxRelay.RelayException brokerDown) {
                            failures.incrementAndGet();
                        }
                    }
                }));
            }
            producer.start();
            relays.forEach(Thread::start);
            producer.join();
            for (Thread t : relays) {
                t.join(120_000);
            }
            assertThat(failures.get()).as("the broker failed now and then").isPositive();
            Map<OrderId, List<Long>> seen = new HashMap<>();
            for (OrderEvent e : delivered) {
                seen.computeIfAbsent(e.orderId(), k -> new ArrayList<>()).add(e.orderVersion());
            }
            assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(placed);
            for (Map.Entry<OrderId, List<Long>> e : seen.entrySet()) {
                assertThat(e.getValue()).as("order " + e.getKey() + " in its own order, each event once")
                        .containsExactly(1L, 2L, 3L, 4L);
            }
        }
    }
}
