package dev.oms.spi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.EventId;
import dev.oms.spi.FulfillmentOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReservationId;
import dev.oms.spi.ReturnId;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.Sku;
import dev.oms.spi.fulfillment.FulfillmentEvent;
import dev.oms.spi.fulfillment.FulfillmentEvent.FulfillmentEventMetadata;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentHold;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentKind;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentLine;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentOrderStatus;
import dev.oms.spi.fulfillment.FulfillmentStore.FulfillmentChange;
import dev.oms.spi.fulfillment.Shipment;
import dev.oms.spi.fulfillment.Shipment.ShipmentStatus;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.returns.RefundAccount;
import dev.oms.spi.returns.ReturnEvent;
import dev.oms.spi.returns.ReturnEvent.ReturnEventMetadata;
import dev.oms.spi.returns.ReturnRequest;
import dev.oms.spi.returns.ReturnRequest.ReturnKind;
import dev.oms.spi.returns.ReturnRequest.ReturnLine;
import dev.oms.spi.returns.ReturnRequest.ReturnStatus;
import dev.oms.spi.returns.ReturnRequest.ShippingPayer;
import dev.oms.spi.returns.ReturnStore.ReturnChange;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a change record lets an erasure rewrite: only its own erased history, and nothing else in the same change. */
class RewritesTest {
    private static final Instant AT = Instant.parse("2026-11-01T09:00:00Z");
    private static final FulfillmentOrderId FO = FulfillmentOrderId.of("fo-1");
    private static final OrderId ORDER = OrderId.of("o-1");

    private static FulfillmentOrder fo(long version, String reason) {
        return new FulfillmentOrder(FO, ORDER, LocationId.of("wh-1"), FulfillmentKind.DELIVERY,
                FulfillmentOrderStatus.CREATED, List.of(new FulfillmentLine(LineId.of("1"), Sku.of("TEE"), Quantity.of(1),
                        Quantity.ZERO, Quantity.ZERO)), List.of(new FulfillmentHold("h", reason, AT)),
                ReservationId.of("res-1"), 0, Optional.empty(), AT, version);
    }

    private static FulfillmentEventMetadata meta(String id, long version) {
        return new FulfillmentEventMetadata(EventId.of(id), FO, ORDER, version, AT);
    }

    private static String refusal(Runnable change) {
        return catchThrowableOfType(InvalidInputException.class, change::run).getMessage();
    }

    @Test
    void a_fulfilment_change_rewrites_only_erased_earlier_events_alone_with_its_erasure() {
        FulfillmentEvent erasure = new FulfillmentEvent.PersonalDataErased(meta("e-3", 3));
        FulfillmentEvent erasedHold = new FulfillmentEvent.HoldPlaced(meta("e-2", 2), new FulfillmentHold("h", "", AT));
        FulfillmentOrder erased = fo(3, "");
        assertThat(new FulfillmentChange(erased, 2, List.of(erasure), Optional.empty(), Optional.empty(),
                List.of(erasedHold)).rewrites()).containsExactly(erasedHold);

        assertThat(refusal(() -> new FulfillmentChange(erased, 2, List.of(erasure), Optional.empty(), Optional.empty(),
                List.of(new FulfillmentEvent.HoldPlaced(meta("e-2", 2), new FulfillmentHold("h", "Ms Weber", AT))))))
                .contains("still holds personal data");
        assertThat(refusal(() -> new FulfillmentChange(erased, 2, List.of(new FulfillmentEvent.Packed(meta("e-3", 3))),
                Optional.empty(), Optional.empty(), List.of(erasedHold)))).contains("only an erasure");
        assertThat(refusal(() -> new FulfillmentChange(erased, 2, List.of(erasure, new FulfillmentEvent.Packed(
                meta("e-4", 3))), Optional.empty(), Optional.empty(), List.of(erasedHold)))).contains("alone");
        assertThat(refusal(() -> new FulfillmentChange(erased, 2, List.of(erasure), Optional.empty(), Optional.empty(),
                List.of(new FulfillmentEvent.PickingStarted(meta("e-9", 3)))))).contains("not an earlier event");
        assertThat(refusal(() -> new FulfillmentChange(erased, 2, List.of(erasure), Optional.empty(), Optional.empty(),
                List.of(erasedHold, erasedHold)))).contains("appears twice");
        Shipment parcel = new Shipment(ShipmentId.of("s-1"), FO, ORDER, LocationId.of("wh-1"),
                List.of(LineQuantity.of("1", 1)), "post", "standard", "T1", "label://T1", ShipmentStatus.SHIPPED, AT,
                Set.of(), 1);
        assertThat(refusal(() -> new FulfillmentChange(erased, 2, List.of(erasure), Optional.of(parcel),
                Optional.empty(), List.of(erasedHold)))).contains("no shipment");
    }

    @Test
    void a_return_change_that_rewrites_counts_no_refund() {
        ReturnId id = ReturnId.of("r-1");
        ReturnRequest erased = new ReturnRequest(id, ORDER, CustomerRef.of("erased"), ReturnKind.RETURN,
                ReturnStatus.CANCELLED, List.of(ReturnLine.requested(LineId.of("1"), Sku.of("TEE"), Quantity.of(1),
                        "TOO_SMALL")), ShippingPayer.CUSTOMER, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), "", AT, AT, 3);
        ReturnEvent erasure = new ReturnEvent.PersonalDataErased(new ReturnEventMetadata(EventId.of("e-3"), id, ORDER,
                3, AT));
        ReturnEvent cancelled = new ReturnEvent.Cancelled(new ReturnEventMetadata(EventId.of("e-2"), id, ORDER, 2, AT),
                "");
        RefundAccount account = RefundAccount.empty(ORDER);
        assertThat(refusal(() -> new ReturnChange(erased, 2, List.of(erasure), Optional.of(new ReturnChange.AccountWrite(
                account.next(), account.version())), Optional.empty(), List.of(cancelled)))).contains("no refund");
        assertThat(new ReturnChange(erased, 2, List.of(erasure), Optional.empty(), Optional.empty(), List.of(cancelled))
                .rewrites()).containsExactly(cancelled);
    }
}
