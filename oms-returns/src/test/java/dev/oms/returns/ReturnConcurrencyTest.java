package dev.oms.returns;

import static dev.oms.returns.ReturnsWorld.RETURNS_CENTER;
import static dev.oms.returns.ReturnsWorld.line;
import static dev.oms.returns.ReturnsWorld.units;
import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.core.OrderTotals;
import dev.oms.returns.ReturnDraft.LineToReturn;
import dev.oms.returns.ReturnPolicy.PolicyViolation;
import dev.oms.returns.ReturnPolicy.ReturnRefusedException;
import dev.oms.returns.ReturnReasons;
import dev.oms.spi.LineId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReturnId;
import dev.oms.spi.returns.Inspection;
import dev.oms.spi.returns.Inspection.Disposition;
import dev.oms.spi.returns.Inspection.ItemCondition;
import dev.oms.spi.returns.Inspection.LineInspection;
import dev.oms.spi.returns.RefundBreakdown.RefundMethod;
import dev.oms.spi.returns.ReturnRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import javax.money.MonetaryAmount;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Real threads on one order: requests never hold more units than were delivered, and refunds of
 * one order counted at the same time still add up exactly to a full refund.
 */
class ReturnConcurrencyTest {
    static final int THREADS = 8;

    /** Runs the work on real threads released at once; any exception a thread throws fails the test. */
    static void race(int threads, Runnable work) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> running = new ArrayList<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    work.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException | AssertionError e) {
                    failures.add(e);
                }
            });
            thread.start();
            running.add(thread);
        }
        start.countDown();
        for (Thread thread : running) {
            thread.join();
        }
        assertThat(failures).as("exceptions thrown on the racing threads").isEmpty();
    }

    @RepeatedTest(5)
    void concurrent_requests_never_hold_more_units_than_were_delivered() throws InterruptedException {
        ReturnsWorld w = new ReturnsWorld();
        w.stock("SHIRT", 10);
        OrderId id = w.deliveredOrder("web-race", b -> b.line(line("1", "SHIRT", 5, "20.00", "0.00", "3.80")));
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        race(THREADS, () -> {
            for (int i = 0; i < 3; i++) {
                try {
                    w.returns.request(ReturnDraft.returnOf(id, LineToReturn.of("1", 1, ReturnReasons.TOO_SMALL)),
                            w.key());
                    accepted.incrementAndGet();
                } catch (ReturnRefusedException e) {
                    assertThat(e.violations()).extracting(PolicyViolation::rule).containsExactly("returnable-quantity");
                    refused.incrementAndGet();
                }
            }
        });
        assertThat(accepted.get()).isEqualTo(5);
        assertThat(refused.get()).isEqualTo(THREADS * 3 - 5);
        assertThat(w.returns.ofOrder(id)).hasSize(5);
    }

    @RepeatedTest(5)
    void refunds_of_one_order_counted_at_the_same_time_add_up_to_the_grand_total() throws InterruptedException {
        ReturnsWorld w = new ReturnsWorld();
        w.stock("PEN", 20);
        OrderId id = w.deliveredOrder("web-race-refunds", b -> b
                .line(line("1", "PEN", 7, "3.33", "0.00", "0.63"))
                .discount("D", ReturnsWorld.eur("1.01"))
                .shipping("std", ReturnsWorld.eur("4.90"), ReturnsWorld.eur("0.93")));
        List<ReturnId> inspected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ReturnRequest r = w.returns.request(ReturnDraft.returnOf(id, LineToReturn.of("1", 1,
                    ReturnReasons.DEFECTIVE)), w.key());
            w.returns.approve(r.id(), RETURNS_CENTER, w.key());
            w.returns.receive(r.id(), units("1", 1), w.key());
            w.returns.inspect(r.id(), List.of(new LineInspection(LineId.of("1"), new Inspection(Quantity.of(1),
                    ItemCondition.DEFECTIVE, Disposition.DISPOSE, RETURNS_CENTER))), w.key());
            inspected.add(r.id());
        }
        ConcurrentLinkedQueue<ReturnId> todo = new ConcurrentLinkedQueue<>(inspected);
        race(THREADS, () -> {
            for (ReturnId next = todo.poll(); next != null; next = todo.poll()) {
                w.returns.refund(next, RefundMethod.ORIGINAL_PAYMENT, w.key());
            }
        });
        MonetaryAmount paid = ReturnsWorld.eur("0.00");
        for (ReturnId r : inspected) {
            paid = paid.add(w.returns.load(r).refund().orElseThrow().total());
        }
        MonetaryAmount grandTotal = OrderTotals.of(w.orders.load(id)).grandTotal();
        assertThat(paid).isEqualTo(grandTotal);
        assertThat(w.orders.load(id).payments().refunded()).isEqualTo(grandTotal);
        assertThat(w.returnStore.refundAccount(id).of(LineId.of("1")).units()).isEqualTo(7);
    }
}
