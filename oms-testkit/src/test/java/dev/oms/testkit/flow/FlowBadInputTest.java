package dev.oms.testkit.flow;

import static dev.oms.testkit.flow.CrashWorld.BERLIN;
import static dev.oms.testkit.flow.CrashWorld.eur;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import dev.oms.core.OrderCommand;
import dev.oms.core.TransitionTable.IllegalTransitionException;
import dev.oms.flow.EditPlan;
import dev.oms.flow.EditPlan.StalePreviewException;
import dev.oms.flow.FlowResult;
import dev.oms.fulfillment.FulfillmentDecider.FulfillmentRuleException;
import dev.oms.returns.ReturnDraft;
import dev.oms.returns.ReturnDraft.LineToReturn;
import dev.oms.returns.ReturnReasons;
import dev.oms.returns.ReturnService.ReturnNotFoundException;
import dev.oms.returns.ReturnTransitions.ReturnTransitionException;
import dev.oms.spi.CommandKey;
import dev.oms.spi.FulfillmentOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.InvalidInputException.UnknownLineException;
import dev.oms.spi.InvalidInputException.UnknownPositionException;
import dev.oms.spi.InvalidInputException.UnknownSkuException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OmsException.CommandKeyConflictException;
import dev.oms.spi.OmsException.OrderNotFoundException;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReturnId;
import dev.oms.spi.RuleViolationException;
import dev.oms.spi.RuleViolationException.QuantityUnavailableException;
import dev.oms.spi.Sku;
import dev.oms.spi.fulfillment.CarrierGateway.TrackingUpdate;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.fulfillment.Shipment.ShipmentStatus;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.NewLine;
import dev.oms.spi.order.Order.HoldType;
import dev.oms.spi.order.OrderEdit;
import dev.oms.spi.returns.RefundBreakdown.RefundMethod;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the flow with bad input: an unknown order, SKU, line, fulfilment order,
 * parcel or return, a cancelled order, more units than are open, a stale preview, a reserved or
 * reused key. Each is refused with a typed error that names what was wrong, and changes nothing
 * in any module: not one write to any store, not one call to any gateway (every store and gateway
 * of the world counts its effects).
 */
class FlowBadInputTest {
    private final CrashWorld w = new CrashWorld();

    /** Runs the call, expects the error, and that it wrote nothing anywhere and called no gateway. */
    private Throwable refused(ThrowingCallable call, Class<? extends Throwable> type, String... named) {
        w.faults.reset();
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(type);
        assertThat(thrown.getMessage()).contains(named);
        assertThat(w.faults.log()).as("nothing written to any store, no gateway called").isEmpty();
        return thrown;
    }

    private FlowResult accepted() {
        w.stock("TEE", BERLIN, 5);
        return w.accept(w.order("a").line(w.line("1", "TEE", 2, "20.00")));
    }

    @Test
    void accepting_an_unknown_sku_or_with_a_reserved_or_reused_key_is_refused() {
        FlowResult a = accepted();
        refused(() -> w.flow.accept(w.order("b").line(NewLine.of("1", "NOPE", 1, eur("1.00"))).build(),
                w.key()), UnknownSkuException.class, "NOPE");
        refused(() -> w.flow.accept(w.order("b").line(w.line("1", "TEE", 1, "1.00")).build(),
                new CommandKey("oms/mine")), InvalidInputException.class, "oms/");
        CommandKey used = a.order().payments().authorised().isPositive() ? keyOfAcceptance(a) : null;
        refused(() -> w.flow.accept(w.order("c").line(w.line("1", "TEE", 1, "1.00")).build(), used),
                CommandKeyConflictException.class, used.value());
        refused(() -> w.flow.accept(OrderId.of("missing"), w.key()), OrderNotFoundException.class, "missing");
    }

    private CommandKey keyOfAcceptance(FlowResult a) {
        return w.flow.process(a.process()).orElseThrow().key();
    }

    @Test
    void cancelling_too_much_an_unknown_line_or_a_cancelled_order_is_refused() {
        FlowResult a = accepted();
        OrderId id = a.order().id();
        refused(() -> w.flow.cancel(id, LineId.of("1"), Quantity.of(3), CancelReason.CUSTOMER_REQUEST, "", w.key()),
                QuantityUnavailableException.class, id.value(), "line 1", "2 unshipped", "3");
        refused(() -> w.flow.cancel(id, LineId.of("9"), Quantity.of(1), CancelReason.CUSTOMER_REQUEST, "", w.key()),
                UnknownLineException.class, "9");
        refused(() -> w.flow.cancel(OrderId.of("missing"), CancelReason.CUSTOMER_REQUEST, "", w.key()),
                OrderNotFoundException.class, "missing");
        w.flow.cancel(id, CancelReason.CUSTOMER_REQUEST, "", w.key());
        refused(() -> w.flow.cancel(id, CancelReason.CUSTOMER_REQUEST, "again", w.key()),
                IllegalTransitionException.class, id.value(), "CANCELLED");
        OrderId placedElsewhere = w.flow.orders().place(w.order("x").line(w.line("1", "TEE", 1, "1.00")).build(),
                w.key()).order().id();
        w.flow.orders().handle(placedElsewhere, new OrderCommand.Cancel(CancelReason.MERCHANT, ""), w.key());
        refused(() -> w.flow.accept(placedElsewhere, w.key()), IllegalTransitionException.class, "CANCELLED");
    }

    @Test
    void cancelling_an_order_whose_every_unit_shipped_is_refused() {
        FlowResult a = accepted();
        FulfillmentOrder fo = w.packed(a.fulfillmentOrders().get(0));
        w.flow.ship(fo.id(), w.open(fo), w.key());
        refused(() -> w.flow.cancel(a.order().id(), CancelReason.CUSTOMER_REQUEST, "", w.key()),
                RuleViolationException.class, "cancel-unshipped-units");
    }

    @Test
    void a_stale_preview_or_an_edit_below_what_shipped_is_refused() {
        FlowResult a = accepted();
        OrderId id = a.order().id();
        EditPlan plan = w.flow.previewEdit(id, List.of(new OrderEdit.ChangeQuantity(LineId.of("1"), Quantity.of(1))));
        w.flow.placeHold(id, HoldType.CUSTOMER_REQUEST, "wait", "asked", w.key());
        refused(() -> w.flow.commitEdit(plan, w.key()), StalePreviewException.class, id.value(), "version");
        w.flow.releaseHold(id, HoldType.CUSTOMER_REQUEST, "wait", "ok", w.key());
        FulfillmentOrder fo = w.packed(a.fulfillmentOrders().get(0));
        w.flow.ship(fo.id(), w.open(fo), w.key());
        w.faults.reset();
        Throwable thrown = catchThrowable(() -> w.flow.previewEdit(id, List.of(new OrderEdit.ChangeQuantity(
                LineId.of("1"), Quantity.of(1)))));
        assertThat(thrown).isInstanceOf(RuleViolationException.class).hasMessageContaining("edit-unfulfilled-part");
        assertThat(w.faults.log()).isEmpty();
    }

    @Test
    void shipping_more_than_is_open_for_an_order_on_hold_or_an_unknown_fulfilment_order_is_refused_before_the_carrier() {
        FlowResult a = accepted();
        FulfillmentOrder fo = w.packed(a.fulfillmentOrders().get(0));
        refused(() -> w.flow.ship(fo.id(), List.of(LineQuantity.of("1", 3)), w.key()), FulfillmentRuleException.class,
                "ship-within-open", "line 1");
        refused(() -> w.flow.ship(FulfillmentOrderId.of("missing"), List.of(LineQuantity.of("1", 1)), w.key()),
                InvalidInputException.class, "missing");
        w.flow.placeHold(a.order().id(), HoldType.ADDRESS, "street", "check the street", w.key());
        refused(() -> w.flow.ship(fo.id(), List.of(LineQuantity.of("1", 1)), w.key()), FulfillmentRuleException.class,
                "order-on-hold");
        refused(() -> w.flow.pack(fo.id(), w.key()), FulfillmentRuleException.class, "order-on-hold");
        refused(() -> w.flow.readyForPickup(fo.id(), w.key()), FulfillmentRuleException.class, "pickup-only");
    }

    @Test
    void unknown_parcels_positions_skus_and_returns_are_refused() {
        FlowResult a = accepted();
        refused(() -> w.flow.track(new TrackingUpdate("u1", "NO-SUCH-PARCEL", ShipmentStatus.DELIVERED,
                w.clock.instant(), "")), InvalidInputException.class, "NO-SUCH-PARCEL");
        refused(() -> w.flow.receive(Sku.of("NOPE"), BERLIN, Quantity.of(1), Reference.of(Reference.Type.RECEIPT, "po"),
                w.key()), UnknownSkuException.class, "NOPE");
        refused(() -> w.flow.receive(w.sku("TEE"), LocationId.of("nowhere"), Quantity.of(1),
                Reference.of(Reference.Type.RECEIPT, "po"), w.key()), UnknownPositionException.class, "nowhere");
        refused(() -> w.flow.refundReturn(ReturnId.of("rma-missing"), RefundMethod.ORIGINAL_PAYMENT, w.key()),
                ReturnNotFoundException.class, "rma-missing");
        FulfillmentOrder fo = w.packed(a.fulfillmentOrders().get(0));
        w.flow.track(w.delivered(w.flow.ship(fo.id(), w.open(fo), w.key()).shipments().get(0)));
        var rma = w.flow.requestReturn(ReturnDraft.returnOf(a.order().id(), LineToReturn.of("1", 1,
                ReturnReasons.TOO_SMALL)), w.key());
        refused(() -> w.flow.receiveReturn(rma.id(), List.of(LineQuantity.of("1", 1)), w.key()),
                ReturnTransitionException.class, rma.id().value());
        refused(() -> w.flow.retryPayment(OrderId.of("missing"), w.key()), OrderNotFoundException.class, "missing");
    }

    @Test
    void a_hold_that_is_active_or_a_release_of_one_that_is_not_is_refused() {
        FlowResult a = accepted();
        OrderId id = a.order().id();
        w.flow.placeHold(id, HoldType.CUSTOMER_REQUEST, "wait", "asked", w.key());
        refused(() -> w.flow.placeHold(id, HoldType.CUSTOMER_REQUEST, "wait", "asked again", w.key()),
                RuleViolationException.class, "hold-already-active");
        refused(() -> w.flow.releaseHold(id, HoldType.ADDRESS, "none", "", w.key()), RuleViolationException.class,
                "hold-not-active");
    }
}
