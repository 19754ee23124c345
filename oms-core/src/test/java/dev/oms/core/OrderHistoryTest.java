package dev.oms.core;

import static dev.oms.core.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.oms.core.memory.InMemoryOrderStore;
import dev.oms.spi.CommandKey;
import dev.oms.spi.LocationId;
import dev.oms.spi.OmsException.OrderNotFoundException;
import dev.oms.spi.OrderId;
import dev.oms.spi.PaymentReference;
import dev.oms.spi.Quantity;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.Order.HoldType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An order's events as a timeline a customer-service agent reads. */
class OrderHistoryTest {
    private final InMemoryOrderStore store = new InMemoryOrderStore();
    private final OrderService orders = service(store);
    private final OrderHistory history = new OrderHistory(orders);

    @Test
    void the_timeline_says_what_happened_when_and_by_which_command() {
        OrderId id = orders.place(webOrder("hist-1").build(), CommandKey.of("checkout-77")).order().id();
        orders.handle(id, OrderCommand.PlaceHold.of(HoldType.FRAUD_REVIEW, "score 81"), CommandKey.of("fraud-1"));
        orders.handle(id, OrderCommand.ReleaseHold.of(HoldType.FRAUD_REVIEW, "agent checked"));
        orders.handle(id, new OrderCommand.RecordAuthorisation(eur("10.00"), PaymentReference.of("psp-1")));
        orders.handle(id, new OrderCommand.Confirm());
        orders.handle(id, new OrderCommand.CancelLine(L2, Quantity.of(1), CancelReason.OUT_OF_STOCK, ""));
        orders.handle(id, new OrderCommand.Allocate(LocationId.of("wh-1"), List.of(new LineQuantity(L1, Quantity.of(1)))));
        orders.handle(id, new OrderCommand.Ship(ShipmentId.of("s-1"), List.of(new LineQuantity(L1, Quantity.of(1)))));

        List<OrderHistory.Entry> timeline = history.timeline(id);
        assertThat(timeline).extracting(OrderHistory.Entry::what).startsWith(
                "Placed from web (hist-1): 2 lines, 3 units, standard",
                "Put on hold (fraud review): score 81",
                "Hold released (fraud review): agent checked",
                "Payment authorised: EUR 10.00",
                "Confirmed");
        assertThat(timeline).extracting(OrderHistory.Entry::what).contains("Line L2: 1 cancelled (out of stock)",
                "Allocated to wh-1: 1 of line L1", "Shipped in s-1: 1 of line L1");
        assertThat(timeline.get(0).command()).contains(CommandKey.of("checkout-77"));
        assertThat(timeline.get(1).command()).contains(CommandKey.of("fraud-1"));
        assertThat(timeline.get(2).command()).isEmpty();
        assertThat(timeline).extracting(OrderHistory.Entry::version).isSorted().doesNotHaveDuplicates();
        assertThat(timeline.get(0).toString()).contains("v1").contains("[checkout-77]");
        assertThatThrownBy(() -> history.timeline(OrderId.of("missing"))).isInstanceOf(OrderNotFoundException.class);
    }

    @Test
    void after_an_erasure_the_timeline_keeps_what_happened_without_the_words_the_host_gave() {
        OrderId id = orders.place(webOrder("hist-2").build(), CommandKey.of("checkout-78")).order().id();
        orders.handle(id, OrderCommand.PlaceHold.of(HoldType.CUSTOMER_REQUEST, "Ms Weber asked to wait"));
        orders.handle(id, OrderCommand.ReleaseHold.of(HoldType.CUSTOMER_REQUEST, "Ms Weber called back"));
        orders.handle(id, new OrderCommand.Cancel(CancelReason.CUSTOMER_REQUEST, "Ms Weber moved"));
        assertThat(history.timeline(id)).extracting(OrderHistory.Entry::what)
                .contains("Put on hold (customer request): Ms Weber asked to wait", "Cancelled (customer request): Ms Weber moved");

        orders.handle(id, new OrderCommand.ErasePersonalData(), CommandKey.of("gdpr-1"));

        List<OrderHistory.Entry> timeline = history.timeline(id);
        assertThat(timeline).extracting(OrderHistory.Entry::what).containsSubsequence(
                "Put on hold (customer request)", "Hold released (customer request)", "Cancelled (customer request)",
                "Personal data erased");
        assertThat(timeline).extracting(OrderHistory.Entry::what).noneMatch(what -> what.contains("Weber"));
        assertThat(timeline.get(timeline.size() - 1).command()).contains(CommandKey.of("gdpr-1"));
    }
}
