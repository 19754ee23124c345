package dev.oms.testkit.flow;

import static dev.oms.testkit.flow.CrashWorld.BERLIN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.core.PlaceOrder;
import dev.oms.spi.CommandKey;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.HoldType;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.OrderStatus;
import dev.oms.testkit.Faults;
import org.junit.jupiter.api.Test;

/**
 * A hold placed while an acceptance lies crashed (found by the lifecycle chains: the crash came
 * between reserving stock and creating its fulfilment order, the hold next, then the resume, then
 * a cancellation): whatever the crash point, the resume leaves no allocated unit without its
 * fulfilment order, and cancelling the order cancels every unit and releases every reserved one.
 */
class HoldAfterCrashTest {
    @Test
    void a_hold_after_a_crash_at_any_point_of_an_acceptance_strands_no_stock() {
        CrashWorld clean = new CrashWorld().stock("TEE", BERLIN, 5);
        PlaceOrder order = clean.order("a").line(clean.line("1", "TEE", 2, "20.00")).build();
        clean.faults.reset();
        clean.flow.accept(order, clean.key());
        int effects = clean.faults.effects();
        assertThat(effects).isPositive();
        for (int n = 1; n <= effects; n++) {
            String at = "a crash after effect " + n + " (" + clean.faults.log().get(n - 1) + ")";
            CrashWorld w = new CrashWorld().stock("TEE", BERLIN, 5);
            PlaceOrder placed = w.order("a").line(w.line("1", "TEE", 2, "20.00")).build();
            CommandKey key = w.key();
            CrashWorld.crashing(w, n, Faults.When.AFTER, () -> w.flow.accept(placed, key));
            if (w.orders().isEmpty()) {
                continue; // it died before the order was placed: nothing to hold
            }
            OrderId id = w.orders().get(0);
            w.flow.placeHold(id, HoldType.CUSTOMER_REQUEST, "wait", "customer asked to wait", w.key());
            w.resume();
            w.check(at + ", a hold, the resume");

            w.flow.cancel(id, CancelReason.CUSTOMER_REQUEST, "", w.key());
            w.resume();
            w.check(at + ", a hold, the resume, a cancellation");
            Order cancelled = w.flow.orders().load(id);
            assertThat(cancelled.status()).as(at).isEqualTo(OrderStatus.CANCELLED);
            assertThat(w.flow.inventory().position(w.sku("TEE"), BERLIN).reserved()).as(at + ": reserved after")
                    .isEqualTo(Quantity.ZERO);
            w.close();
        }
        clean.close();
    }
}
