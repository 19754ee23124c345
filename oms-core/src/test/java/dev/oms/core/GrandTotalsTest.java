package dev.oms.core;

import static dev.oms.core.Fixtures.L1;
import static dev.oms.core.Fixtures.L2;
import static dev.oms.core.Fixtures.eur;
import static dev.oms.core.Fixtures.webOrder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.core.memory.InMemoryOrderStore;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.PaymentReference;
import dev.oms.spi.Quantity;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.NewLine;
import dev.oms.spi.order.Order.HoldType;
import dev.oms.spi.order.OrderEdit;
import dev.oms.spi.store.OrderStore.OrderChange;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every change the service saves carries its snapshot's grand total, also where the service
 * reuses the one it computed for the snapshot before (the lines, discounts and charges did not
 * change): after holds, payments, confirmations, allocations, edits and cancellations of several
 * orders, each change's total is the one computed afresh.
 */
class GrandTotalsTest {
    @Test
    void every_saved_change_carries_the_grand_total_of_its_snapshot() {
        List<OrderChange> saved = new ArrayList<>();
        ForwardingStore store = new ForwardingStore(new InMemoryOrderStore()) {
            @Override
            public void save(OrderChange change) {
                saved.add(change);
                super.save(change);
            }
        };
        OrderService orders = OrderService.builder(store).decider(Fixtures.decider()).build();
        for (int n = 0; n < 3; n++) {
            OrderId id = orders.place(webOrder("gt-" + n).build()).order().id();
            orders.handle(id, new OrderCommand.PlaceHold(HoldType.CUSTOM, "h", "wait"));
            orders.handle(id, new OrderCommand.ReleaseHold(HoldType.CUSTOM, "h", "go"));
            orders.handle(id, new OrderCommand.Edit(List.of(new OrderEdit.ChangeQuantity(L1, Quantity.of(3)),
                    new OrderEdit.AddLine(NewLine.of("L9", "CAP", 1, eur("7.00"))))));
            orders.handle(id, new OrderCommand.RecordAuthorisation(OrderTotals.of(orders.load(id)).grandTotal(),
                    PaymentReference.of("a-" + n)));
            orders.handle(id, new OrderCommand.Confirm());
            orders.handle(id, new OrderCommand.CancelLine(L2, Quantity.of(1), CancelReason.OUT_OF_STOCK, ""));
            orders.handle(id, new OrderCommand.Allocate(LocationId.of("wh"), List.of(new LineQuantity(L1,
                    Quantity.of(3)))));
            orders.handle(id, new OrderCommand.RecordCapture(eur("10.00"), PaymentReference.of("c-" + n)));
            orders.handle(id, new OrderCommand.Deallocate(LocationId.of("wh"), List.of(new LineQuantity(L1,
                    Quantity.of(3)))));
            orders.handle(id, new OrderCommand.Cancel(CancelReason.CUSTOMER_REQUEST, ""));
        }
        assertThat(saved).hasSizeGreaterThan(25).allSatisfy(change -> assertThat(change.grandTotal())
                .as(change.order().id() + " v" + change.order().version())
                .isEqualTo(OrderTotals.of(change.order()).grandTotal()));
        assertThat(saved.stream().map(OrderChange::grandTotal).distinct().count()).as("totals that changed")
                .isGreaterThan(3);
    }
}
