package dev.oms.core;

import static dev.oms.core.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.oms.core.OrderCommand.*;
import dev.oms.core.OrderCommand.CommandKind;
import dev.oms.core.OrderInvariants;
import dev.oms.core.OrderService.CommandResult;
import dev.oms.core.OrderService.EditPreview;
import dev.oms.core.TransitionTable.CommandGuard;
import dev.oms.core.TransitionTable.CommandGuard.GuardRejectedException;
import dev.oms.core.TransitionTable.IllegalTransitionException;
import dev.oms.core.memory.InMemoryOrderStore;
import dev.oms.spi.Address;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.InvalidInputException.CurrencyMismatchException;
import dev.oms.spi.InvalidInputException.InvalidQuantityException;
import dev.oms.spi.InvalidInputException.UnknownLineException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OmsException;
import dev.oms.spi.OmsException.OrderNotFoundException;
import dev.oms.spi.OrderId;
import dev.oms.spi.PaymentReference;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReturnId;
import dev.oms.spi.RuleViolationException;
import dev.oms.spi.RuleViolationException.AllocatedUnitsException;
import dev.oms.spi.RuleViolationException.OrderOnHoldException;
import dev.oms.spi.RuleViolationException.PaymentLimitExceededException;
import dev.oms.spi.RuleViolationException.QuantityUnavailableException;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.Sku;
import dev.oms.spi.event.OrderEvent.HoldPlaced;
import dev.oms.spi.event.OrderEvent.HoldReleased;
import dev.oms.spi.event.OrderEvent.LineCancelled;
import dev.oms.spi.event.OrderEvent.OrderCancelled;
import dev.oms.spi.event.OrderEvent.OrderEdited;
import dev.oms.spi.event.OrderEvent.PaymentAuthorised;
import dev.oms.spi.event.OrderEvent.PaymentDeclined;
import dev.oms.spi.event.OrderEvent.QuantitiesDelivered;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.NewLine;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.FulfillmentStatus;
import dev.oms.spi.order.Order.HoldType;
import dev.oms.spi.order.Order.LineQuantities;
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.order.Order.PaymentStatus;
import dev.oms.spi.order.OrderEdit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every command accepted once, and every refusal: typed, and nothing stored changes. */
class OrderCommandsTest {
    private static final LocationId WH = LocationId.of("wh-1");
    private static final PaymentReference REF = PaymentReference.of("psp-1");

    private final InMemoryOrderStore store = new InMemoryOrderStore();
    private final OrderService orders = service(store);

    private Order placed() {
        return orders.place(webOrder("web-" + key()).build()).order();
    }

    private Order confirmed() {
        Order order = placed();
        return orders.handle(order.id(), new Confirm()).order();
    }

    private Order allocatedAll() {
        Order order = confirmed();
        return orders.handle(order.id(), new Allocate(WH, List.of(LineQuantity.of("L1", 2), LineQuantity.of("L2", 1))))
                .order();
    }

    private Order shippedAll() {
        Order order = allocatedAll();
        return orders.handle(order.id(), new Ship(ShipmentId.of("s1"),
                List.of(LineQuantity.of("L1", 2), LineQuantity.of("L2", 1)))).order();
    }

    private Order deliveredAll() {
        Order order = shippedAll();
        return orders.handle(order.id(), new Deliver(ShipmentId.of("s1"),
                List.of(LineQuantity.of("L1", 2), LineQuantity.of("L2", 1)))).order();
    }

    private Order authorised(Order order, String amount) {
        return orders.handle(order.id(), new RecordAuthorisation(eur(amount), REF)).order();
    }

    private Order apply(Order order, OrderCommand command) {
        return orders.handle(order.id(), command, key()).order();
    }

    /** Sends a command that must be refused with {@code type}; the stored order, its events and the outbox stay as they were. */
    private <T extends OmsException> T refused(Order order, OrderCommand command, Class<T> type) {
        Order before = store.load(order.id()).orElseThrow();
        int events = store.events(order.id()).size();
        int outbox = store.unpublished(10_000).size();
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> orders.handle(order.id(), command, key()));
        assertThat(thrown).isInstanceOf(type);
        assertThat(store.load(order.id())).contains(before);
        assertThat(store.load(order.id()).orElseThrow().version()).isEqualTo(before.version());
        assertThat(store.events(order.id())).hasSize(events);
        assertThat(store.unpublished(10_000)).hasSize(outbox);
        return type.cast(thrown);
    }

    @Nested
    class Accepted {
        @Test
        void place_creates_a_pending_order_with_every_line_unallocated() {
            Order order = placed();
            assertThat(order.version()).isEqualTo(1);
            assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
            assertThat(order.requireLine(L1).quantities()).isEqualTo(LineQuantities.ordered(Quantity.of(2)));
            assertThat(order.header().tags()).containsExactly("gift");
            assertThat(OrderTotals.paymentStatus(order)).isEqualTo(PaymentStatus.UNPAID);
        }

        @Test
        void confirm_moves_pending_to_confirmed() {
            assertThat(confirmed().status()).isEqualTo(OrderStatus.CONFIRMED);
        }

        @Test
        void several_holds_at_once_then_released_one_by_one() {
            Order order = placed();
            order = apply(order, PlaceHold.of(HoldType.ADDRESS, "check street"));
            order = apply(order, new PlaceHold(HoldType.CUSTOM, "vip-call", "call the customer"));
            assertThat(order.holds()).extracting(h -> h.type()).containsExactly(HoldType.ADDRESS, HoldType.CUSTOM);
            order = apply(order, ReleaseHold.of(HoldType.ADDRESS, "verified"));
            assertThat(order.holds()).extracting(h -> h.code()).containsExactly("vip-call");
            assertThat(order.isOnHold()).isTrue();
        }

        @Test
        void cancel_whole_order_cancels_every_unshipped_unit_once_nothing_is_allocated() {
            Order order = confirmed();
            order = apply(order, new Allocate(WH, List.of(LineQuantity.of("L1", 1))));
            order = apply(order, new Deallocate(WH, List.of(LineQuantity.of("L1", 1))));
            CommandResult result = orders.handle(order.id(), new Cancel(CancelReason.CUSTOMER_REQUEST, "changed mind"));
            assertThat(result.order().status()).isEqualTo(OrderStatus.CANCELLED);
            OrderCancelled event = (OrderCancelled) result.events().get(0);
            assertThat(event.lines()).anySatisfy(lc -> {
                assertThat(lc.lineId()).isEqualTo(L1);
                assertThat(lc.fromAllocated()).isEqualTo(Quantity.ZERO);
                assertThat(lc.fromUnallocated()).isEqualTo(Quantity.of(2));
            });
            assertThat(OrderTotals.of(result.order()).grandTotal()).isEqualTo(eur("0.00"));
        }

        @Test
        void cancel_line_cancels_unallocated_units_and_cancelling_the_last_unit_cancels_the_order() {
            Order order = confirmed();
            order = apply(order, new Allocate(WH, List.of(LineQuantity.of("L1", 1))));
            CommandResult partial = orders.handle(order.id(), new CancelLine(L1, Quantity.of(1),
                    CancelReason.OUT_OF_STOCK, ""));
            LineCancelled event = (LineCancelled) partial.events().get(0);
            assertThat(event.cancellation().fromUnallocated()).isEqualTo(Quantity.of(1));
            assertThat(event.cancellation().fromAllocated()).isEqualTo(Quantity.ZERO);
            assertThat(partial.order().status()).isEqualTo(OrderStatus.PROCESSING);
            apply(partial.order(), new Deallocate(WH, List.of(LineQuantity.of("L1", 1))));
            apply(partial.order(), new CancelLine(L1, Quantity.of(1), CancelReason.OUT_OF_STOCK, ""));
            CommandResult last = orders.handle(order.id(), new CancelLine(L2, Quantity.of(1),
                    CancelReason.OUT_OF_STOCK, ""));
            assertThat(last.events()).hasAtLeastOneElementOfType(OrderCancelled.class);
            assertThat(last.order().status()).isEqualTo(OrderStatus.CANCELLED);
        }

        @Test
        void delivery_is_recorded_at_the_carriers_time_but_never_later_than_now() {
            Order order = shippedAll();
            java.time.Instant scanned = order.updatedAt().minusSeconds(3600);
            CommandResult early = orders.handle(order.id(), new Deliver(ShipmentId.of("s1"),
                    List.of(LineQuantity.of("L1", 1)), Optional.of(scanned)));
            assertThat(((QuantitiesDelivered) early.events().get(0)).deliveredAt()).isEqualTo(scanned);
            CommandResult ahead = orders.handle(order.id(), new Deliver(ShipmentId.of("s1"),
                    List.of(LineQuantity.of("L1", 1)), Optional.of(scanned.plusSeconds(86_400 * 365))));
            QuantitiesDelivered clamped = (QuantitiesDelivered) ahead.events().get(0);
            assertThat(clamped.deliveredAt()).isEqualTo(clamped.occurredAt());
        }

        @Test
        void an_edit_while_fulfilment_runs_changes_only_unallocated_units() {
            Order order = apply(confirmed(), new Allocate(WH, List.of(LineQuantity.of("L1", 1))));
            order = apply(order, Edit.of(new OrderEdit.ChangeQuantity(L1, Quantity.of(4)),
                    new OrderEdit.AddLine(NewLine.of("L3", "SOCKS", 1, eur("4.00")))));
            assertThat(order.status()).isEqualTo(OrderStatus.PROCESSING);
            assertThat(order.requireLine(L1).quantities().allocated()).isEqualTo(Quantity.of(1));
            assertThat(order.requireLine(L1).quantities().unallocated()).isEqualTo(Quantity.of(3));
            assertThat(order.requireLine(LineId.of("L3")).quantities().unallocated()).isEqualTo(Quantity.of(1));
        }

        @Test
        void edit_is_previewed_with_the_money_difference_then_committed() {
            Order order = confirmed();
            Edit edit = Edit.of(new OrderEdit.ChangeQuantity(L1, Quantity.of(3)),
                    new OrderEdit.AddLine(NewLine.of("L3", "SOCKS", 2, eur("4.00"))),
                    new OrderEdit.RemoveLine(L2),
                    new OrderEdit.ChangeShippingAddress(Address.of("DE", "80331")));
            EditPreview preview = orders.previewEdit(order.id(), edit);
            // +1 T-shirt (19.00 + 3.61 tax) + socks 8.00 - mug (15.50 + 2.95 tax) = +12.16
            assertThat(preview.difference()).isEqualTo(eur("12.16"));
            assertThat(store.load(order.id())).contains(order);
            CommandResult committed = orders.commitEdit(preview, key());
            assertThat(committed.order()).isEqualTo(preview.edited());
            OrderEdited event = (OrderEdited) committed.events().get(0);
            assertThat(event.grandTotalAfter().subtract(event.grandTotalBefore())).isEqualTo(eur("12.16"));
            assertThat(committed.order().lines()).extracting(l -> l.id().value()).containsExactly("L1", "L3");
            assertThat(committed.order().header().shippingAddress().postalCode()).isEqualTo("80331");
        }

        @Test
        void a_stale_edit_preview_is_refused() {
            Order order = confirmed();
            EditPreview preview = orders.previewEdit(order.id(), Edit.of(new OrderEdit.ChangeQuantity(L2, Quantity.of(4))));
            apply(order, PlaceHold.of(HoldType.CUSTOMER_REQUEST, "wait"));
            assertThatThrownBy(() -> orders.commitEdit(preview, key()))
                    .isInstanceOf(dev.oms.spi.StaleVersionException.VersionConflictException.class);
        }

        @Test
        void payments_authorise_capture_void_refund_and_a_decline_places_then_authorisation_releases_a_hold() {
            Order order = placed();
            CommandResult declined = orders.handle(order.id(), new RecordDecline(eur("64.50"), "insufficient funds"));
            assertThat(declined.events()).hasAtLeastOneElementOfType(PaymentDeclined.class)
                    .hasAtLeastOneElementOfType(HoldPlaced.class);
            assertThat(declined.order().hold(HoldType.PAYMENT, OrderDecider.DECLINE_HOLD_CODE)).isPresent();
            CommandResult authorised = orders.handle(order.id(), new RecordAuthorisation(eur("70.00"), REF));
            assertThat(authorised.events()).hasAtLeastOneElementOfType(PaymentAuthorised.class)
                    .hasAtLeastOneElementOfType(HoldReleased.class);
            assertThat(authorised.order().isOnHold()).isFalse();
            order = apply(authorised.order(), new RecordCapture(eur("64.50"), REF));
            assertThat(OrderTotals.paymentStatus(order)).isEqualTo(PaymentStatus.PAID);
            order = apply(order, new RecordVoid(eur("5.50"), REF));
            assertThat(order.payments().capturable()).isEqualTo(eur("0.00"));
            order = apply(order, new RecordRefund(eur("64.50"), REF));
            assertThat(OrderTotals.paymentStatus(order)).isEqualTo(PaymentStatus.REFUNDED);
        }

        @Test
        void void_before_capture_gives_voided_status() {
            Order order = authorised(placed(), "64.50");
            order = apply(order, new RecordVoid(eur("64.50"), REF));
            assertThat(OrderTotals.paymentStatus(order)).isEqualTo(PaymentStatus.VOIDED);
        }

        @Test
        void a_lost_parcel_settles_its_units_and_the_order_completes_with_the_rest_delivered() {
            Order order = apply(shippedAll(), new Deliver(ShipmentId.of("s1"), List.of(LineQuantity.of("L1", 2))));
            assertThat(order.fulfillmentStatus()).isEqualTo(FulfillmentStatus.PARTIALLY_DELIVERED);
            order = apply(order, new RecordLoss(List.of(LineQuantity.of("L2", 1)), "claim c-9 refunded"));
            LineQuantities l2 = order.requireLine(L2).quantities();
            assertThat(l2.lost()).isEqualTo(Quantity.of(1));
            assertThat(l2.inTransit()).isEqualTo(Quantity.ZERO);
            assertThat(l2.shipped()).isEqualTo(Quantity.of(1));
            assertThat(order.fulfillmentStatus()).isEqualTo(FulfillmentStatus.DELIVERED);
            assertThat(store.events(order.id())).last().isInstanceOf(dev.oms.spi.event.OrderEvent.QuantitiesLost.class);
            assertThat(apply(order, new Complete()).status()).isEqualTo(OrderStatus.COMPLETED);
            assertThat(OrderInvariants.violations(store.load(order.id()).orElseThrow())).isEmpty();
        }

        @Test
        void allocate_deallocate_ship_deliver_return_complete_archive() {
            Order order = allocatedAll();
            assertThat(order.status()).isEqualTo(OrderStatus.PROCESSING);
            order = apply(order, new Deallocate(WH, List.of(LineQuantity.of("L2", 1))));
            assertThat(order.requireLine(L2).quantities().unallocated()).isEqualTo(Quantity.of(1));
            order = apply(order, new Allocate(LocationId.of("store-7"), List.of(LineQuantity.of("L2", 1))));
            order = apply(order, new Ship(ShipmentId.of("s1"), List.of(LineQuantity.of("L1", 2), LineQuantity.of("L2", 1))));
            order = apply(order, new Deliver(ShipmentId.of("s1"), List.of(LineQuantity.of("L1", 2), LineQuantity.of("L2", 1))));
            order = apply(order, new Complete());
            order = apply(order, new RecordReturn(ReturnId.of("r1"), List.of(LineQuantity.of("L2", 1))));
            assertThat(order.requireLine(L2).quantities().returned()).isEqualTo(Quantity.of(1));
            order = apply(order, new Archive());
            assertThat(order.status()).isEqualTo(OrderStatus.ARCHIVED);
            assertThat(TransitionTable.allowed(OrderStatus.ARCHIVED)).containsExactly(CommandKind.ERASE_PERSONAL_DATA);
        }

        @Test
        void a_cancelled_order_can_still_be_refunded_and_archived() {
            Order order = authorised(placed(), "64.50");
            order = apply(order, new RecordCapture(eur("64.50"), REF));
            order = apply(order, new Cancel(CancelReason.MERCHANT, "pricing error"));
            order = apply(order, new RecordRefund(eur("64.50"), REF));
            assertThat(apply(order, new Archive()).status()).isEqualTo(OrderStatus.ARCHIVED);
        }
    }

    @Nested
    class Refused {
        @Test
        void illegal_transition_names_status_command_and_what_is_allowed() {
            Order order = confirmed();
            IllegalTransitionException e = refused(order, new Confirm(), IllegalTransitionException.class);
            assertThat(e.from()).isEqualTo(OrderStatus.CONFIRMED);
            assertThat(e.attempted()).isEqualTo(CommandKind.CONFIRM);
            assertThat(e.allowed()).contains(CommandKind.ALLOCATE).doesNotContain(CommandKind.CONFIRM);
            assertThat(e.getMessage()).contains(order.id().value(), "CONFIRMED", "CONFIRM", "ALLOCATE");
        }

        @Test
        void ship_before_allocation_is_an_illegal_transition() {
            refused(confirmed(), new Ship(ShipmentId.of("s"), List.of(LineQuantity.of("L1", 1))),
                    IllegalTransitionException.class);
        }

        @Test
        void an_edit_below_the_allocated_or_shipped_units_is_refused() {
            RuleViolationException e = refused(allocatedAll(),
                    Edit.of(new OrderEdit.ChangeQuantity(L1, Quantity.of(1))), RuleViolationException.class);
            assertThat(e.rule()).isEqualTo("edit-unfulfilled-part");
            assertThat(e.getMessage()).contains("L1", "2 units allocated or shipped");
            assertThat(refused(allocatedAll(), Edit.of(new OrderEdit.RemoveLine(L2)), RuleViolationException.class)
                    .rule()).isEqualTo("edit-before-fulfilment");
        }

        @Test
        void cancelling_allocated_units_on_the_order_alone_is_refused_and_points_to_the_flow() {
            Order order = allocatedAll();
            AllocatedUnitsException whole = refused(order, new Cancel(CancelReason.CUSTOMER_REQUEST, ""),
                    AllocatedUnitsException.class);
            assertThat(whole.rule()).isEqualTo("cancel-unallocated-units");
            assertThat(whole.lineId()).isEqualTo(L1);
            assertThat(whole.getMessage()).contains("OrderFlow.cancel", "L1", "2 units allocated");
            AllocatedUnitsException line = refused(order, new CancelLine(L2, Quantity.of(1), CancelReason.OTHER, ""),
                    AllocatedUnitsException.class);
            assertThat(line.lineId()).isEqualTo(L2);
        }

        @Test
        void an_archived_order_accepts_nothing() {
            Order order = placed();
            order = apply(order, new Cancel(CancelReason.CUSTOMER_REQUEST, ""));
            order = apply(order, new Archive());
            refused(order, PlaceHold.of(HoldType.CUSTOM, "x"), IllegalTransitionException.class);
        }

        @Test
        void zero_and_negative_quantities_are_refused_when_the_command_is_built() {
            assertThatThrownBy(() -> LineQuantity.of("L1", 0)).isInstanceOf(InvalidQuantityException.class)
                    .hasMessageContaining("LineQuantity.quantity");
            assertThatThrownBy(() -> Quantity.of(-1)).isInstanceOf(InvalidQuantityException.class);
            assertThatThrownBy(() -> new CancelLine(L1, Quantity.ZERO, CancelReason.OTHER, ""))
                    .isInstanceOf(InvalidQuantityException.class).hasMessageContaining("CancelLine.quantity");
            assertThatThrownBy(() -> new OrderEdit.ChangeQuantity(L1, Quantity.ZERO))
                    .isInstanceOf(InvalidQuantityException.class);
        }

        @Test
        void unknown_line_is_refused() {
            UnknownLineException e = refused(confirmed(), new Allocate(WH, List.of(LineQuantity.of("L9", 1))),
                    UnknownLineException.class);
            assertThat(e.lineId()).isEqualTo(LineId.of("L9"));
        }

        @Test
        void currency_mismatch_is_refused() {
            CurrencyMismatchException e = refused(placed(), new RecordAuthorisation(usd("10.00"), REF),
                    CurrencyMismatchException.class);
            assertThat(e.expected()).isEqualTo(EUR);
            assertThat(e.actual()).isEqualTo(USD);
            assertThatThrownBy(() -> webOrder("web-usd").line(NewLine.of("L3", "X", 1, usd("1.00"))).build())
                    .isInstanceOf(CurrencyMismatchException.class).hasMessageContaining("lines[2].unitPrice");
        }

        @Test
        void amounts_finer_than_the_minor_unit_are_refused() {
            assertThatThrownBy(() -> webOrder("web-fine").line(NewLine.of("L3", "X", 1, eur("1.005"))).build())
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("fraction digits");
        }

        @Test
        void capture_above_authorised_is_refused() {
            Order order = authorised(placed(), "50.00");
            PaymentLimitExceededException e = refused(order, new RecordCapture(eur("50.01"), REF),
                    PaymentLimitExceededException.class);
            assertThat(e.rule()).isEqualTo("capture-within-authorised");
            assertThat(e.limit()).isEqualTo(eur("50.00"));
        }

        @Test
        void refund_above_captured_is_refused() {
            Order order = apply(authorised(placed(), "50.00"), new RecordCapture(eur("30.00"), REF));
            PaymentLimitExceededException e = refused(order, new RecordRefund(eur("30.01"), REF),
                    PaymentLimitExceededException.class);
            assertThat(e.rule()).isEqualTo("refund-within-captured");
        }

        @Test
        void void_above_capturable_is_refused() {
            Order order = apply(authorised(placed(), "50.00"), new RecordCapture(eur("30.00"), REF));
            refused(order, new RecordVoid(eur("20.01"), REF), PaymentLimitExceededException.class);
        }

        @Test
        void moving_more_than_a_bucket_holds_is_refused() {
            QuantityUnavailableException e = refused(allocatedAll(),
                    new Ship(ShipmentId.of("s"), List.of(LineQuantity.of("L1", 3))), QuantityUnavailableException.class);
            assertThat(e.bucket()).isEqualTo("allocated");
            assertThat(e.available()).isEqualTo(2);
            refused(shippedAll(), new Deliver(ShipmentId.of("s"), List.of(LineQuantity.of("L2", 2))),
                    QuantityUnavailableException.class);
            refused(deliveredAll(), new RecordReturn(ReturnId.of("r"), List.of(LineQuantity.of("L2", 2))),
                    QuantityUnavailableException.class);
            refused(confirmed(), new CancelLine(L1, Quantity.of(3), CancelReason.OTHER, ""),
                    QuantityUnavailableException.class);
        }

        @Test
        void holds_block_allocation_but_a_parcel_that_left_is_recorded() {
            Order order = apply(confirmed(), PlaceHold.of(HoldType.FRAUD_REVIEW, "manual check"));
            OrderOnHoldException e = refused(order, new Allocate(WH, List.of(LineQuantity.of("L1", 1))),
                    OrderOnHoldException.class);
            assertThat(e.holds()).extracting(h -> h.type()).containsExactly(HoldType.FRAUD_REVIEW);
            Order allocated = apply(allocatedAll(), PlaceHold.of(HoldType.ADDRESS, "undeliverable"));
            assertThat(apply(allocated, new Ship(ShipmentId.of("s"), List.of(LineQuantity.of("L1", 1))))
                    .requireLine(L1).quantities().inTransit()).isEqualTo(Quantity.of(1));
        }

        @Test
        void placing_an_active_hold_again_or_releasing_an_inactive_one_is_refused() {
            Order order = apply(placed(), PlaceHold.of(HoldType.ADDRESS, "check"));
            assertThat(refused(order, PlaceHold.of(HoldType.ADDRESS, "again"), RuleViolationException.class).rule())
                    .isEqualTo("hold-already-active");
            assertThat(refused(order, ReleaseHold.of(HoldType.PAYMENT, "none"), RuleViolationException.class).rule())
                    .isEqualTo("hold-not-active");
        }

        @Test
        void cancelling_a_partly_shipped_order_is_refused() {
            Order order = apply(allocatedAll(), new Ship(ShipmentId.of("s"), List.of(LineQuantity.of("L1", 1))));
            assertThat(refused(order, new Cancel(CancelReason.CUSTOMER_REQUEST, ""), RuleViolationException.class)
                    .rule()).isEqualTo("cancel-before-shipment");
        }

        @Test
        void losing_more_than_is_in_transit_is_refused_and_delivered_units_cannot_be_lost() {
            QuantityUnavailableException e = refused(shippedAll(),
                    new RecordLoss(List.of(LineQuantity.of("L2", 2)), "claim c-1"), QuantityUnavailableException.class);
            assertThat(e.bucket()).isEqualTo("inTransit");
            refused(deliveredAll(), new RecordLoss(List.of(LineQuantity.of("L1", 1)), "claim c-2"),
                    QuantityUnavailableException.class);
            refused(confirmed(), new RecordLoss(List.of(LineQuantity.of("L1", 1)), "claim c-3"),
                    IllegalTransitionException.class);
        }

        @Test
        void completing_before_everything_is_delivered_is_refused() {
            assertThat(refused(shippedAll(), new Complete(), RuleViolationException.class).rule())
                    .isEqualTo("complete-requires-delivery");
        }

        @Test
        void an_edit_that_leaves_no_open_line_or_reuses_a_line_id_is_refused() {
            Order order = confirmed();
            refused(order, Edit.of(new OrderEdit.RemoveLine(L1), new OrderEdit.RemoveLine(L2)),
                    RuleViolationException.class);
            refused(order, Edit.of(new OrderEdit.AddLine(NewLine.of("L1", "X", 1, eur("1.00")))),
                    InvalidInputException.class);
            refused(order, Edit.of(new OrderEdit.AddLine(NewLine.of("L3", "X", 1, usd("1.00")))),
                    CurrencyMismatchException.class);
        }

        @Test
        void a_host_guard_refuses_with_its_name_and_reason() {
            OrderDecider guarded = OrderDecider.builder().clock(CLOCK).ids(dev.oms.spi.IdGenerator.sequential("g"))
                    .guard("fraud-screen-passed", (o, c) -> o.header().tags().contains("screened")
                            ? Optional.empty() : Optional.of("order was not screened"), CommandKind.CONFIRM)
                    .build();
            OrderService service = OrderService.builder(store).decider(guarded).build();
            Order order = service.place(webOrder("web-guard").build()).order();
            Throwable e = org.assertj.core.api.Assertions.catchThrowable(() -> service.handle(order.id(), new Confirm()));
            assertThat(e).isInstanceOf(GuardRejectedException.class).hasMessageContaining("fraud-screen-passed")
                    .hasMessageContaining("order was not screened");
            assertThat(store.load(order.id())).contains(order);
        }

        @Test
        void unknown_order_and_null_input_are_typed() {
            assertThatThrownBy(() -> orders.handle(OrderId.of("nope"), new Confirm()))
                    .isInstanceOf(OrderNotFoundException.class).hasMessageContaining("nope");
            Order order = placed();
            assertThatThrownBy(() -> orders.handle(order.id(), null)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("command");
            assertThatThrownBy(() -> new PlaceHold(null, "x", "y")).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("PlaceHold.type");
            assertThatThrownBy(() -> Sku.of(" ")).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("Sku");
        }
    }
}
