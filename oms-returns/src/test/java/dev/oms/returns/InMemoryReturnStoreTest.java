package dev.oms.returns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.oms.returns.ReturnReasons;
import dev.oms.returns.memory.InMemoryReturnStore;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.EventId;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.OmsException.CommandKeyConflictException;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReturnId;
import dev.oms.spi.Sku;
import dev.oms.spi.StaleVersionException.ReturnConflictException;
import dev.oms.spi.returns.RefundAccount;
import dev.oms.spi.returns.ReturnEvent;
import dev.oms.spi.returns.ReturnRequest;
import dev.oms.spi.returns.ReturnRequest.ReturnKind;
import dev.oms.spi.returns.ReturnRequest.ReturnLine;
import dev.oms.spi.returns.ReturnRequest.ReturnStatus;
import dev.oms.spi.returns.ReturnRequest.ShippingPayer;
import dev.oms.spi.returns.ReturnStore.ReturnChange;
import dev.oms.spi.store.CommandRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The in-memory return store honours the {@code ReturnStore} contract. */
class InMemoryReturnStoreTest {
    static final Instant T = Instant.parse("2026-11-01T00:00:00Z");
    final InMemoryReturnStore store = new InMemoryReturnStore();
    final ReturnDecider decider = new ReturnDecider(Clock.fixed(T, ZoneOffset.UTC), IdGenerator.sequential("s"));
    final OrderId order = OrderId.of("o-1");

    ReturnRequest fresh(String id) {
        return new ReturnRequest(ReturnId.of(id), order, CustomerRef.of("c"), ReturnKind.RETURN, ReturnStatus.REQUESTED,
                List.of(ReturnLine.requested(LineId.of("1"), Sku.of("S"), Quantity.of(1), ReturnReasons.TOO_SMALL)),
                ShippingPayer.CUSTOMER, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), "", T, T, 1);
    }

    ReturnChange create(ReturnRequest r, Optional<ReturnChange.AccountWrite> account, Optional<String> key) {
        ReturnEvent e = decider.request(r);
        return new ReturnChange(r, 0, List.of(e), account, key.map(k -> new CommandRecord(CommandKey.of(k), "f", order,
                1, List.of(e.eventId()))));
    }

    @Test
    void a_saved_return_is_read_back_with_its_events_and_the_outbox_in_save_order() {
        store.save(create(fresh("a"), Optional.empty(), Optional.of("k1")));
        store.save(create(fresh("b"), Optional.empty(), Optional.empty()));
        assertThat(store.load(ReturnId.of("a"))).contains(fresh("a"));
        assertThat(store.ofOrder(order)).extracting(r -> r.id().value()).containsExactly("a", "b");
        assertThat(store.events(ReturnId.of("a"))).hasSize(1);
        assertThat(store.findCommand(CommandKey.of("k1"))).isPresent();
        List<EventId> ids = store.unpublished(10).stream().map(e -> e.event().eventId()).toList();
        assertThat(store.unpublished(10)).extracting(e -> e.event().returnId().value()).containsExactly("a", "b");
        store.markPublished(List.of(ids.get(0), EventId.of("unknown")));
        store.markPublished(List.of(ids.get(0)));
        assertThat(store.unpublished(10)).extracting(e -> e.event().returnId().value()).containsExactly("b");
        assertThatThrownBy(() -> store.unpublished(0)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void a_stale_return_version_a_stale_account_version_or_a_recorded_key_writes_nothing() {
        store.save(create(fresh("a"), Optional.of(new ReturnChange.AccountWrite(RefundAccount.empty(order).next(), 0)),
                Optional.of("k1")));
        int outbox = store.unpublished(100).size();
        assertThatThrownBy(() -> store.save(create(fresh("a"), Optional.empty(), Optional.empty())))
                .isInstanceOfSatisfying(ReturnConflictException.class, e -> {
                    assertThat(e.expectedVersion()).isZero();
                    assertThat(e.actualVersion()).isEqualTo(1);
                });
        assertThatThrownBy(() -> store.save(create(fresh("b"), Optional.of(new ReturnChange.AccountWrite(
                RefundAccount.empty(order).next(), 0)), Optional.empty()))).isInstanceOf(ReturnConflictException.class)
                .hasMessageContaining("refund account");
        assertThatThrownBy(() -> store.save(create(fresh("c"), Optional.empty(), Optional.of("k1"))))
                .isInstanceOf(CommandKeyConflictException.class);
        assertThat(store.ofOrder(order)).hasSize(1);
        assertThat(store.unpublished(100)).hasSize(outbox);
        assertThat(store.refundAccount(order).version()).isEqualTo(1);
        assertThat(store.refundAccount(OrderId.of("other"))).isEqualTo(RefundAccount.empty(OrderId.of("other")));
    }

    @Test
    void a_change_whose_parts_do_not_belong_together_is_refused_on_construction() {
        ReturnRequest r = fresh("a");
        ReturnEvent e = decider.request(r);
        assertThatThrownBy(() -> new ReturnChange(r, 1, List.of(e), Optional.empty(), Optional.empty()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("expectedVersion");
        assertThatThrownBy(() -> new ReturnChange(r, 0, List.of(), Optional.empty(), Optional.empty()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at least one event");
        assertThatThrownBy(() -> new ReturnChange(r, 0, List.of(e), Optional.of(new ReturnChange.AccountWrite(
                RefundAccount.empty(OrderId.of("other")).next(), 0)), Optional.empty()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("another order");
    }
}
