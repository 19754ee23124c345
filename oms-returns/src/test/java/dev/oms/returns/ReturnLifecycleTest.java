package dev.oms.returns;

import static dev.oms.returns.ReturnsWorld.BERLIN;
import static dev.oms.returns.ReturnsWorld.RETURNS_CENTER;
import static dev.oms.returns.ReturnsWorld.line;
import static dev.oms.returns.ReturnsWorld.units;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.oms.core.OrderTotals;
import dev.oms.returns.ReturnDecider.ReturnRuleException;
import dev.oms.returns.ReturnDraft.LineToReturn;
import dev.oms.returns.ReturnReasons;
import dev.oms.returns.ReturnService.ReturnNotFoundException;
import dev.oms.returns.ReturnTransitions.ReturnTransitionException;
import dev.oms.spi.CommandKey;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.InvalidInputException.UnknownPositionException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OmsException;
import dev.oms.spi.OmsException.CommandKeyConflictException;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReturnId;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.Movement.MovementReason;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.FulfillmentStatus;
import dev.oms.spi.order.Order.PaymentStatus;
import dev.oms.spi.returns.Inspection;
import dev.oms.spi.returns.Inspection.Disposition;
import dev.oms.spi.returns.Inspection.ItemCondition;
import dev.oms.spi.returns.Inspection.LineInspection;
import dev.oms.spi.returns.RefundBreakdown.RefundMethod;
import dev.oms.spi.returns.ReturnEvent;
import dev.oms.spi.returns.ReturnRequest;
import dev.oms.spi.returns.ReturnRequest.ClaimResolution;
import dev.oms.spi.returns.ReturnRequest.ReturnStatus;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every step of a return, and every refusal leaving the return, the order and the stock as they were. */
class ReturnLifecycleTest {
    final ReturnsWorld w = new ReturnsWorld();
    final OrderId orderId;

    ReturnLifecycleTest() {
        w.stock("SHIRT", 20);
        w.stock("MUG", 20);
        orderId = w.deliveredOrder("web-life", b -> b
                .line(line("1", "SHIRT", 3, "30.00", "0.00", "5.70"))
                .line(line("2", "MUG", 1, "12.00", "0.00", "2.28")));
    }

    ReturnRequest requested(LineToReturn... lines) {
        return w.returns.request(ReturnDraft.returnOf(orderId, lines), w.key());
    }

    static LineInspection inspection(String lineId, long q, ItemCondition condition, Disposition disposition,
            LocationId at) {
        return new LineInspection(LineId.of(lineId), new Inspection(Quantity.of(q), condition, disposition, at));
    }

    @Nested
    class Accepted {
        @Test
        void request_approve_label_transit_partial_receipt_inspection_refund_close() {
            ReturnRequest r = requested(LineToReturn.of("1", 3, ReturnReasons.TOO_SMALL),
                    LineToReturn.of("2", 1, ReturnReasons.DAMAGED));
            r = w.returns.approve(r.id(), RETURNS_CENTER, w.key());
            assertThat(r.returnLocation()).contains(RETURNS_CENTER);
            r = w.returns.issueLabel(r.id(), w.key());
            assertThat(r.status()).isEqualTo(ReturnStatus.LABEL_ISSUED);
            assertThat(r.label().orElseThrow().trackingNumber()).startsWith("FAKE");
            r = w.returns.markInTransit(r.id(), w.key());

            // Two shirts and the mug arrive; the third shirt never does.
            r = w.returns.receive(r.id(), List.of(new dev.oms.spi.order.LineQuantity(LineId.of("1"), Quantity.of(2)),
                    new dev.oms.spi.order.LineQuantity(LineId.of("2"), Quantity.of(1))), w.key());
            assertThat(r.status()).isEqualTo(ReturnStatus.RECEIVED);
            Order order = w.orders.load(orderId);
            assertThat(order.requireLine(LineId.of("1")).quantities().returned()).isEqualTo(Quantity.of(2));
            assertThat(order.fulfillmentStatus()).isEqualTo(FulfillmentStatus.PARTIALLY_RETURNED);

            long shirtsBefore = w.inventory.position(Sku.of("SHIRT"), RETURNS_CENTER).onHand().value();
            r = w.returns.inspect(r.id(), List.of(
                    inspection("1", 1, ItemCondition.AS_NEW, Disposition.RESTOCK, RETURNS_CENTER),
                    inspection("1", 1, ItemCondition.USED, Disposition.REFURBISH, RETURNS_CENTER),
                    inspection("2", 1, ItemCondition.DAMAGED, Disposition.DISPOSE, RETURNS_CENTER)), w.key());
            assertThat(r.status()).isEqualTo(ReturnStatus.INSPECTED);
            var shirts = w.inventory.position(Sku.of("SHIRT"), RETURNS_CENTER);
            assertThat(shirts.onHand().value()).isEqualTo(shirtsBefore + 1);
            assertThat(shirts.qualityControl()).isEqualTo(Quantity.of(1));
            assertThat(w.inventory.position(Sku.of("MUG"), RETURNS_CENTER).damaged()).isEqualTo(Quantity.of(1));
            assertThat(w.inventory.position(Sku.of("MUG"), RETURNS_CENTER).onHand()).isEqualTo(Quantity.ZERO);
            assertThat(w.inventory.reconcile(List.of(Sku.of("SHIRT"), Sku.of("MUG"))).balanced()).isTrue();

            r = w.returns.refund(r.id(), RefundMethod.ORIGINAL_PAYMENT, w.key());
            assertThat(r.status()).isEqualTo(ReturnStatus.REFUNDED);
            assertThat(r.refund().orElseThrow().lines()).extracting(l -> l.units().value()).containsExactly(2L, 1L);
            order = w.orders.load(orderId);
            assertThat(order.payments().refunded()).isEqualTo(r.refund().get().total());
            assertThat(OrderTotals.paymentStatus(order)).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
            r = w.returns.close(r.id(), w.key());
            assertThat(r.status()).isEqualTo(ReturnStatus.CLOSED);

            assertThat(w.returns.history(r.id())).extracting(e -> e.getClass().getSimpleName()).containsExactly(
                    "Requested", "Approved", "LabelIssued", "InTransit", "Received", "Inspected", "RefundCalculated",
                    "Refunded", "Closed");
            assertThat(w.returns.decider().replay(w.returns.history(r.id()))).isEqualTo(r);
            assertThat(w.returnStore.unpublished(100)).hasSize(9);
            // Once closed, the unreceived shirt is free to be returned again.
            assertThat(requested(LineToReturn.of("1", 1, ReturnReasons.TOO_SMALL)).status())
                    .isEqualTo(ReturnStatus.REQUESTED);
        }

        @Test
        void a_return_is_cancelled_before_it_arrives_and_its_label_is_voided() {
            ReturnRequest r = requested(LineToReturn.of("1", 1, ReturnReasons.TOO_SMALL));
            w.returns.approve(r.id(), RETURNS_CENTER, w.key());
            String tracking = w.returns.issueLabel(r.id(), w.key()).label().orElseThrow().trackingNumber();
            ReturnRequest cancelled = w.returns.cancel(r.id(), "customer kept it", w.key());
            assertThat(cancelled.status()).isEqualTo(ReturnStatus.CANCELLED);
            assertThat(cancelled.note()).isEqualTo("customer kept it");
            assertThat(w.carrier.voidedLabels()).containsExactly(tracking);
            assertThat(requested(LineToReturn.of("1", 3, ReturnReasons.TOO_SMALL)).status())
                    .as("a cancelled return holds no units").isEqualTo(ReturnStatus.REQUESTED);
        }

        @Test
        void a_rejected_return_records_why() {
            ReturnRequest r = requested(LineToReturn.of("2", 1, ReturnReasons.CHANGED_MIND));
            ReturnRequest rejected = w.returns.reject(r.id(), "hygiene product", w.key());
            assertThat(rejected.status()).isEqualTo(ReturnStatus.REJECTED);
            assertThat(w.returns.history(r.id()).get(1)).isInstanceOfSatisfying(ReturnEvent.Rejected.class,
                    e -> assertThat(e.reason()).isEqualTo("hygiene product"));
        }

        @Test
        void the_same_key_twice_gives_one_return_and_one_set_of_events() {
            CommandKey key = w.key();
            ReturnDraft draft = ReturnDraft.returnOf(orderId, LineToReturn.of("1", 1, ReturnReasons.TOO_SMALL));
            ReturnRequest first = w.returns.request(draft, key);
            assertThat(w.returns.request(draft, key)).isEqualTo(first);
            CommandKey approve = w.key();
            w.returns.approve(first.id(), RETURNS_CENTER, approve);
            ReturnRequest again = w.returns.approve(first.id(), RETURNS_CENTER, approve);
            assertThat(again.version()).isEqualTo(2);
            CommandKey receive = w.key();
            w.returns.receive(first.id(), units("1", 1), receive);
            w.returns.receive(first.id(), units("1", 1), receive);
            assertThat(w.orders.load(orderId).requireLine(LineId.of("1")).quantities().returned())
                    .isEqualTo(Quantity.of(1));
            assertThat(w.returns.ofOrder(orderId)).hasSize(1);
            assertThat(w.returns.history(first.id())).hasSize(3);
            assertThatThrownBy(() -> w.returns.request(ReturnDraft.returnOf(orderId, LineToReturn.of("1", 2,
                    ReturnReasons.TOO_SMALL)), key)).isInstanceOf(CommandKeyConflictException.class);
        }
    }

    @Nested
    class Refused {
        /** Runs a refused operation and checks that the return, its events, the order and the stock did not change. */
        void refusedAndUnchanged(ReturnId id, Class<? extends OmsException> type, String rule, Executable operation) {
            ReturnRequest before = w.returns.load(id);
            int events = w.returns.history(id).size();
            Order order = w.orders.load(orderId);
            var movements = w.inventory.position(Sku.of("SHIRT"), RETURNS_CENTER);
            Throwable thrown = org.junit.jupiter.api.Assertions.assertThrows(type, operation);
            if (rule != null) {
                assertThat(((dev.oms.spi.RuleViolationException) thrown).rule()).isEqualTo(rule);
            }
            assertThat(w.returns.load(id)).isEqualTo(before);
            assertThat(w.returns.history(id)).hasSize(events);
            assertThat(w.orders.load(orderId)).isEqualTo(order);
            assertThat(w.inventory.position(Sku.of("SHIRT"), RETURNS_CENTER)).isEqualTo(movements);
        }

        ReturnRequest approved() {
            ReturnRequest r = requested(LineToReturn.of("1", 2, ReturnReasons.TOO_SMALL));
            return w.returns.approve(r.id(), RETURNS_CENTER, w.key());
        }

        @Test
        void cancelling_after_the_units_arrived_is_an_illegal_transition_naming_what_is_allowed() {
            ReturnRequest r = approved();
            w.returns.receive(r.id(), units("1", 2), w.key());
            refusedAndUnchanged(r.id(), ReturnTransitionException.class, null,
                    () -> w.returns.cancel(r.id(), "too late", w.key()));
            assertThatThrownBy(() -> w.returns.cancel(r.id(), "too late", w.key())).hasMessageContaining("RECEIVED")
                    .hasMessageContaining("CANCEL").hasMessageContaining("INSPECT");
        }

        @Test
        void receiving_more_than_asked_or_a_line_not_in_the_return() {
            ReturnRequest r = approved();
            refusedAndUnchanged(r.id(), ReturnRuleException.class, "receive-within-asked",
                    () -> w.returns.receive(r.id(), units("1", 3), w.key()));
            refusedAndUnchanged(r.id(), ReturnRuleException.class, "line-in-return",
                    () -> w.returns.receive(r.id(), units("2", 1), w.key()));
            refusedAndUnchanged(r.id(), dev.oms.spi.InvalidInputException.InvalidQuantityException.class, null,
                    () -> w.returns.receive(r.id(), units("1", 0), w.key()));
        }

        @Test
        void an_inspection_must_cover_exactly_the_received_units_at_a_stocked_location() {
            ReturnRequest r = approved();
            w.returns.receive(r.id(), units("1", 2), w.key());
            refusedAndUnchanged(r.id(), ReturnRuleException.class, "inspect-all-received",
                    () -> w.returns.inspect(r.id(), List.of(inspection("1", 1, ItemCondition.AS_NEW,
                            Disposition.RESTOCK, RETURNS_CENTER)), w.key()));
            refusedAndUnchanged(r.id(), UnknownPositionException.class, null,
                    () -> w.returns.inspect(r.id(), List.of(inspection("1", 2, ItemCondition.AS_NEW,
                            Disposition.RESTOCK, LocationId.of("nowhere"))), w.key()));
            assertThat(w.inventory.position(Sku.of("SHIRT"), BERLIN).onHand().value()).isEqualTo(17);
        }

        @Test
        void refunding_before_inspection_or_exchanging_a_return_or_approving_it_without_a_location() {
            ReturnRequest requested = requested(LineToReturn.of("1", 1, ReturnReasons.TOO_SMALL));
            refusedAndUnchanged(requested.id(), ReturnRuleException.class, "return-location-required",
                    () -> w.returns.approve(requested.id(), w.key()));
            ReturnRequest r = approved();
            refusedAndUnchanged(r.id(), ReturnRuleException.class, "refund-for-kind",
                    () -> w.returns.refund(r.id(), RefundMethod.ORIGINAL_PAYMENT, w.key()));
            refusedAndUnchanged(r.id(), ReturnTransitionException.class, null,
                    () -> w.returns.close(r.id(), w.key()));
            refusedAndUnchanged(r.id(), ReturnRuleException.class, "replacement-for-kind",
                    () -> w.returns.exchange(r.id(), w.key()));
            refusedAndUnchanged(r.id(), InvalidInputException.class, null,
                    () -> w.returns.refund(r.id(), RefundMethod.EXCHANGE_CREDIT, w.key()));
        }

        @Test
        void a_claim_has_no_parcel_to_receive() {
            ReturnRequest claim = w.returns.request(ReturnDraft.claim(orderId, ClaimResolution.REFUND,
                    LineToReturn.of("2", 1, ReturnReasons.DAMAGED)), w.key());
            w.returns.approve(claim.id(), w.key());
            refusedAndUnchanged(claim.id(), ReturnRuleException.class, "claim-without-parcel",
                    () -> w.returns.receive(claim.id(), units("2", 1), w.key()));
        }

        @Test
        void a_refused_return_label_changes_nothing() {
            ReturnsWorld refusing = new ReturnsWorld();
            refusing.stock("SHIRT", 5);
            OrderId id = refusing.deliveredOrder("web-refused-label", b -> b.line(line("1", "SHIRT", 1, "30.00",
                    "0.00", "5.70")));
            refusing.carrier.refuse("14467");
            ReturnRequest r = refusing.returns.request(ReturnDraft.returnOf(id, LineToReturn.of("1", 1,
                    ReturnReasons.TOO_SMALL)), refusing.key());
            ReturnRequest approved = refusing.returns.approve(r.id(), RETURNS_CENTER, refusing.key());
            assertThatThrownBy(() -> refusing.returns.issueLabel(r.id(), refusing.key()))
                    .isInstanceOfSatisfying(ReturnRuleException.class, e -> {
                        assertThat(e.rule()).isEqualTo("label-refused");
                        assertThat(e.getMessage()).contains("address not serviceable");
                    });
            assertThat(refusing.returns.load(r.id())).isEqualTo(approved);
        }

        @Test
        void unknown_returns_and_null_or_malformed_input_are_typed() {
            assertThatThrownBy(() -> w.returns.load(ReturnId.of("rma-none")))
                    .isInstanceOfSatisfying(ReturnNotFoundException.class,
                            e -> assertThat(e.returnId()).isEqualTo(ReturnId.of("rma-none")));
            assertThatThrownBy(() -> w.returns.request(null, w.key())).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> w.returns.request(ReturnDraft.returnOf(orderId, LineToReturn.of("1", 1,
                    ReturnReasons.TOO_SMALL)), null)).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> ReturnDraft.returnOf(orderId)).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> w.returns.request(ReturnDraft.returnOf(OrderId.of("no-such-order"),
                    LineToReturn.of("1", 1, ReturnReasons.TOO_SMALL)), w.key()))
                    .isInstanceOf(dev.oms.spi.OmsException.OrderNotFoundException.class);
            assertThat(w.returns.ofOrder(orderId)).isEmpty();
        }
    }

    @Test
    void the_inventory_ledger_records_each_disposition_with_the_return_as_reference() {
        ReturnRequest r = requested(LineToReturn.of("1", 2, ReturnReasons.DEFECTIVE));
        w.returns.approve(r.id(), RETURNS_CENTER, w.key());
        w.returns.receive(r.id(), units("1", 2), w.key());
        w.returns.inspect(r.id(), List.of(
                inspection("1", 1, ItemCondition.DEFECTIVE, Disposition.RETURN_TO_VENDOR, RETURNS_CENTER),
                inspection("1", 1, ItemCondition.OPENED, Disposition.RESTOCK, BERLIN)), w.key());
        assertThat(w.inventory.movements(Sku.of("SHIRT"), RETURNS_CENTER))
                .filteredOn(m -> m.reason() == MovementReason.RETURN_TO_VENDOR).singleElement()
                .satisfies(m -> assertThat(m.reference().id()).isEqualTo(r.id().value()));
        assertThat(w.inventory.movements(Sku.of("SHIRT"), BERLIN))
                .filteredOn(m -> m.reason() == MovementReason.RESTOCK).hasSize(1);
    }
}
