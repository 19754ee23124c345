package dev.oms.testkit.flow;

import static dev.oms.testkit.flow.CrashWorld.BERLIN;
import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.flow.EditPlan;
import dev.oms.spi.CommandKey;
import dev.oms.spi.LineId;
import dev.oms.spi.OmsException;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.HoldType;
import dev.oms.spi.order.OrderEdit;
import dev.oms.testkit.Faults;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A unit cancellation that died while its parcel gave the unit back, and an edit before the
 * resume that leaves another unit of the line unallocated (found by a long run of the lifecycle
 * steps: the resume cancelled the new unallocated unit instead, and the unit the parcel had given
 * up stayed allocated on the order and reserved in stock, with no fulfilment order holding it).
 * Whatever the crash point, the resume finishes the give-back first: no stock is stranded.
 */
class CancelAfterCrashTest {
    @Test
    void a_unit_cancel_that_died_giving_the_unit_back_finishes_the_give_back_before_cancelling_other_units() {
        CrashWorld clean = new CrashWorld().stock("TEE", BERLIN, 5);
        OrderId cleanId = clean.accept(clean.order("a").line(clean.line("1", "TEE", 2, "20.00"))).order().id();
        clean.faults.reset();
        clean.flow.cancel(cleanId, LineId.of("1"), Quantity.of(1), CancelReason.CUSTOMER_REQUEST, "", clean.key());
        int effects = clean.faults.effects();
        assertThat(effects).isPositive();
        int checked = 0;
        for (int n = 1; n <= effects; n++) {
            for (Faults.When when : Faults.When.values()) {
                String at = "a crash " + when + " effect " + n + " (" + clean.faults.log().get(n - 1) + ")";
                CrashWorld w = new CrashWorld().stock("TEE", BERLIN, 5);
                OrderId id = w.accept(w.order("a").line(w.line("1", "TEE", 2, "20.00"))).order().id();
                CommandKey key = w.key();
                CrashWorld.crashing(w, n, when, () -> w.flow.cancel(id, LineId.of("1"), Quantity.of(1),
                        CancelReason.CUSTOMER_REQUEST, "", key));
                // before the resume: on hold, the line edited one unit up, which stays unallocated
                w.flow.placeHold(id, HoldType.CUSTOMER_REQUEST, "wait", "customer asked to wait", w.key());
                long open = w.flow.orders().load(id).requireLine(LineId.of("1")).quantities().open().value();
                try {
                    EditPlan plan = w.flow.previewEdit(id, List.of(new OrderEdit.ChangeQuantity(LineId.of("1"),
                            Quantity.of(open + 1))));
                    w.flow.commitEdit(plan, w.key());
                    checked++;
                } catch (OmsException refused) {
                    // an edit the order refuses here tests nothing more than the crash test does
                }
                w.resume();
                w.check(at + ", a hold and an edit, the resume");
                // the host repeats its call (a crash before the process was recorded left it to do)
                w.flow.cancel(id, LineId.of("1"), Quantity.of(1), CancelReason.CUSTOMER_REQUEST, "", key);
                w.resume();
                w.check(at + ", a hold and an edit, the resume, the repeat");
                Order after = w.flow.orders().load(id);
                assertThat(after.requireLine(LineId.of("1")).quantities().cancelled()).as(at + ": one unit cancelled")
                        .isEqualTo(Quantity.of(1));
                w.close();
            }
        }
        assertThat(checked).as("edits that ran between a crash and its resume").isPositive();
        clean.close();
    }
}
