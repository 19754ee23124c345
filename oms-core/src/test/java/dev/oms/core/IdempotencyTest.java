package dev.oms.core;

import static dev.oms.core.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.oms.core.OrderCommand.PlaceHold;
import dev.oms.core.OrderService.CommandResult;
import dev.oms.core.memory.InMemoryOrderStore;
import dev.oms.fakes.FakePaymentGateway;
import dev.oms.spi.CommandKey;
import dev.oms.spi.OmsException.CommandKeyConflictException;
import dev.oms.spi.PaymentReference;
import dev.oms.spi.order.LineTax;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.HoldType;
import org.junit.jupiter.api.Test;

class IdempotencyTest {
    private final InMemoryOrderStore store = new InMemoryOrderStore();
    private final OrderService orders = service(store);

    @Test
    void placing_the_same_channel_order_twice_gives_one_order_and_one_set_of_events() {
        CommandResult first = orders.place(webOrder("web-7").build());
        CommandResult again = orders.place(webOrder("web-7").build());
        assertThat(first.replayed()).isFalse();
        assertThat(again.replayed()).isTrue();
        assertThat(again.order()).isEqualTo(first.order());
        assertThat(again.events()).isEqualTo(first.events());
        assertThat(store.events(first.order().id())).hasSize(1);
        assertThat(store.unpublished(100)).hasSize(1);
    }

    @Test
    void the_same_place_key_twice_returns_the_first_result() {
        CommandKey key = key();
        CommandResult first = orders.place(webOrder("web-8").build(), key);
        CommandResult again = orders.place(webOrder("web-8").build(), key);
        assertThat(again.replayed()).isTrue();
        assertThat(again.events()).isEqualTo(first.events());
        assertThat(store.unpublished(100)).hasSize(1);
    }

    @Test
    void the_same_command_key_twice_changes_nothing_the_second_time() {
        Order order = orders.place(webOrder("web-9").build()).order();
        CommandKey key = key();
        PlaceHold hold = PlaceHold.of(HoldType.ADDRESS, "check");
        CommandResult first = orders.handle(order.id(), hold, key);
        CommandResult again = orders.handle(order.id(), hold, key);
        assertThat(again.replayed()).isTrue();
        assertThat(again.events()).isEqualTo(first.events());
        assertThat(again.order().version()).isEqualTo(first.order().version());
        assertThat(store.events(order.id())).hasSize(2);
    }

    @Test
    void a_key_reused_for_a_different_command_or_order_is_refused() {
        Order order = orders.place(webOrder("web-10").build()).order();
        Order other = orders.place(webOrder("web-11").build()).order();
        CommandKey key = key();
        orders.handle(order.id(), PlaceHold.of(HoldType.ADDRESS, "check"), key);
        assertThatThrownBy(() -> orders.handle(order.id(), PlaceHold.of(HoldType.ADDRESS, "other reason"), key))
                .isInstanceOf(CommandKeyConflictException.class).hasMessageContaining("different command");
        assertThatThrownBy(() -> orders.handle(other.id(), PlaceHold.of(HoldType.ADDRESS, "check"), key))
                .isInstanceOf(CommandKeyConflictException.class);
        assertThat(store.load(other.id())).contains(other);
    }

    @Test
    void equal_amounts_with_different_scale_are_the_same_command() {
        Order order = orders.place(webOrder("web-12").build()).order();
        CommandKey key = key();
        orders.handle(order.id(), new OrderCommand.RecordAuthorisation(eur("10.0"), PaymentReference.of("p")), key);
        CommandResult again = orders.handle(order.id(),
                new OrderCommand.RecordAuthorisation(eur("10.00"), dev.oms.spi.PaymentReference.of("p")), key);
        assertThat(again.replayed()).isTrue();
    }

    @Test
    void a_repeated_payment_operation_moves_money_once() {
        FakePaymentGateway gateway = new FakePaymentGateway();
        OrderPayments payments = new OrderPayments(orders, gateway);
        Order order = orders.place(webOrder("web-13").build()).order();
        CommandKey key = key();
        payments.authorise(order.id(), eur("64.50"), key);
        CommandResult again = payments.authorise(order.id(), eur("64.50"), key);
        assertThat(again.replayed()).isTrue();
        assertThat(again.order().payments().authorised()).isEqualTo(eur("64.50"));
        assertThat(gateway.operations()).hasSize(1);
    }

    @Test
    void the_same_channel_order_with_other_content_is_refused_naming_what_differs_and_changes_nothing() {
        CommandResult first = orders.place(webOrder("web-20").build());
        int events = store.unpublished(100).size();
        assertThatThrownBy(() -> orders.place(webOrder("web-20").tag("vip").build()))
                .isInstanceOfSatisfying(dev.oms.spi.OmsException.PlacementConflictException.class, e -> {
                    assertThat(e.differences()).containsExactly("header: tags");
                    assertThat(e.existingOrderId()).isEqualTo(first.order().id());
                    assertThat(e.getMessage()).contains("web-20").contains("header: tags");
                });
        PlaceOrder otherLines = PlaceOrder.builder(WEB, dev.oms.spi.ExternalOrderId.of("web-20"), ALICE, EUR)
                .shipTo(dev.oms.spi.Address.of("DE", "10115")).placedAt(T0).tag("gift")
                .line(new dev.oms.spi.order.NewLine(L1, dev.oms.spi.Sku.of("TSHIRT-M"), dev.oms.spi.Quantity.of(3),
                        eur("20.00"), eur("1.00"), LineTax.perUnit(eur("3.61"))))
                .discount("WELCOME5", eur("5.00")).shipping("standard", eur("4.90"), eur("0.93")).build();
        assertThatThrownBy(() -> orders.place(otherLines, key()))
                .isInstanceOfSatisfying(dev.oms.spi.OmsException.PlacementConflictException.class, e -> assertThat(e.differences())
                        .containsExactly("line L1: quantity", "line L2: missing"));
        assertThat(store.unpublished(100)).hasSize(events);
        assertThat(orders.placed(webOrder("web-20").build())).contains(first.order());
        assertThat(orders.placed(webOrder("web-21").build())).isEmpty();
    }

    @Test
    void a_repeated_key_returns_the_order_as_that_command_left_it_not_as_it_is_now() {
        Order placed = orders.place(webOrder("web-22").build()).order();
        CommandKey hold = key();
        CommandResult first = orders.handle(placed.id(), PlaceHold.of(HoldType.CUSTOM, "check"), hold);
        orders.handle(placed.id(), OrderCommand.ReleaseHold.of(HoldType.CUSTOM, "checked"), key());
        CommandResult again = orders.handle(placed.id(), PlaceHold.of(HoldType.CUSTOM, "check"), hold);
        assertThat(again.replayed()).isTrue();
        assertThat(again.order()).isEqualTo(first.order());
        assertThat(again.order().isOnHold()).isTrue();
        assertThat(orders.load(placed.id()).isOnHold()).isFalse();
        assertThat(orders.recorded(hold).orElseThrow().order()).isEqualTo(first.order());
    }

    @Test
    void the_same_key_from_many_threads_gives_every_caller_the_first_result() throws Exception {
        for (int round = 0; round < 20; round++) {
            Order placed = orders.place(webOrder("web-race-" + round).build()).order();
            CommandKey key = key();
            int threads = 8;
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
            java.util.List<java.util.concurrent.Future<CommandResult>> results = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return orders.handle(placed.id(), PlaceHold.of(HoldType.CUSTOM, "race"), key);
                }));
            }
            java.util.List<Order> seen = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<CommandResult> r : results) {
                seen.add(r.get().order()); // none is refused with hold-already-active
            }
            pool.shutdown();
            assertThat(seen).as("round " + round).allMatch(o -> o.equals(seen.get(0)));
            assertThat(seen.get(0).version()).isEqualTo(2);
            assertThat(store.events(placed.id())).hasSize(2);
        }
    }
}
