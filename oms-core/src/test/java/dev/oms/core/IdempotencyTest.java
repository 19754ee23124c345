package dev.oms.core;

import static dev.oms.core.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.core.OrderCommand.PlaceHold;
import dev.oms.core.fakes.FakePaymentGateway;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CommandKeyConflictException;
import dev.oms.spi.order.HoldType;
import dev.oms.spi.order.Order;
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
        orders.handle(order.id(), new OrderCommand.RecordAuthorisation(eur("10.0"), dev.oms.spi.PaymentReference.of("p")), key);
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
}
