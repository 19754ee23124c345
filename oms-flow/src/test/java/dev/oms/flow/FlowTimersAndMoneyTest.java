package dev.oms.flow;

import static dev.oms.flow.FlowWorld.BERLIN;
import static dev.oms.flow.FlowWorld.HAMBURG;
import static dev.oms.flow.FlowWorld.STORE;
import static dev.oms.flow.FlowWorld.eur;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.oms.core.OrderTotals;
import dev.oms.core.internal.shared.ShippedValue;
import dev.oms.fakes.FakeCarrier;
import dev.oms.fakes.FakePaymentGateway;
import dev.oms.fakes.FakeStoreCredit;
import dev.oms.flow.EditPlan.StalePreviewException;
import dev.oms.returns.ReturnDraft.LineToReturn;
import dev.oms.returns.ReturnReasons;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.fulfillment.CarrierGateway;
import dev.oms.spi.fulfillment.CarrierGateway.LabelRequest;
import dev.oms.spi.fulfillment.CarrierGateway.LabelResult;
import dev.oms.spi.fulfillment.CarrierGateway.RateQuote;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.payment.PaymentGateway;
import dev.oms.spi.payment.PaymentGateway.PaymentRequest;
import dev.oms.spi.payment.PaymentGateway.PaymentResult;
import dev.oms.spi.process.ProcessRecord;
import dev.oms.spi.process.ProcessRecord.ProcessStatus;
import dev.oms.spi.process.ProcessRecord.WaitReason;
import dev.oms.spi.returns.RefundBreakdown.RefundMethod;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.money.MonetaryAmount;
import org.junit.jupiter.api.Test;

/** The flow's timers on the injected clock, resume after failing gateways, and the money rules. */
class FlowTimersAndMoneyTest {
    @Test
    void an_accepted_order_is_taxed_by_the_host_s_tax_engine_and_authorised_with_its_tax() {
        dev.oms.spi.order.TaxProvider engine = request -> new dev.oms.spi.order.TaxProvider.TaxQuote(
                java.util.Map.of(dev.oms.spi.LineId.of("1"), java.util.List.of(dev.oms.spi.order.TaxLine.of("DE-VAT",
                        eur("7.60")))), java.util.List.of(java.util.List.of(dev.oms.spi.order.TaxLine.of("DE-VAT",
                        eur("0.93")))));
        FlowWorld w = new FlowWorld(FlowStores.inMemory(), b -> b.taxes(engine)).stock("TEE", BERLIN, 5);
        dev.oms.core.PlaceOrder place = dev.oms.core.PlaceOrder.builder(dev.oms.spi.ChannelId.of("web"),
                        dev.oms.spi.ExternalOrderId.of("taxed-1"), CustomerRef.of("tina"),
                        javax.money.Monetary.getCurrency("EUR")).shipTo(FlowWorld.POTSDAM)
                .placedAt(java.time.Instant.parse("2026-11-01T09:00:00Z")).line("1", "TEE", 2, eur("20.00"))
                .shipping("standard", eur("4.90"), dev.oms.spi.order.LineTax.none()).build();
        FlowResult r = w.flow.accept(place, w.key());
        assertThat(dev.oms.core.OrderTotals.of(r.order()).tax()).isEqualTo(eur("8.53"));
        assertThat(r.money().authorised()).as("40.00 + 4.90 + 7.60 + 0.93").isEqualTo(eur("53.43"));
    }

    @Test
    void an_unpaid_order_is_cancelled_when_its_time_is_due_and_not_before() {
        FlowWorld w = new FlowWorld().stock("TEE", BERLIN, 5);
        w.payments.declineCustomer(CustomerRef.of("late"));
        FlowResult r = w.flow.accept(w.order("late").line("1", "TEE", 1, eur("20.00")).build(), w.key());
        assertThat(r.waitingFor()).contains(WaitReason.PAYMENT);
        w.clock.advance(Duration.ofHours(23));
        assertThat(w.flow.runDue()).isEmpty();
        w.clock.advance(Duration.ofHours(2));
        List<ProcessRecord> due = w.flow.runDue();
        assertThat(due).singleElement().satisfies(p -> assertThat(p.status()).isEqualTo(ProcessStatus.DONE));
        Order order = w.flow.orders().load(r.order().id());
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(w.flow.inventory().position(Sku.of("TEE"), BERLIN).reserved()).isEqualTo(Quantity.ZERO);
    }

    @Test
    void a_backorder_past_its_time_is_cancelled_and_the_rest_of_the_order_goes_on() {
        FlowWorld w = new FlowWorld().stock("TEE", BERLIN, 1).stock("MUG", BERLIN, 1);
        FlowResult r = w.flow.accept(w.order("b").line("1", "TEE", 3, eur("20.00")).line("2", "MUG", 1, eur("8.00"))
                .build(), w.key());
        assertThat(r.waitingFor()).contains(WaitReason.STOCK);
        w.clock.advance(Duration.ofDays(15));
        w.flow.runDue();
        Order order = w.flow.orders().load(r.order().id());
        assertThat(order.status()).isEqualTo(OrderStatus.PROCESSING);
        assertThat(order.requireLine(LineId.of("1")).quantities().cancelled()).isEqualTo(Quantity.of(2));
        assertThat(w.flow.process(r.process()).orElseThrow().status()).isEqualTo(ProcessStatus.DONE);
        FulfillmentOrder fo = w.flow.fulfillment().ofOrder(order.id()).get(0);
        FlowResult shipped = w.shipAll(fo);
        FlowResult delivered = w.deliver(shipped.shipments().get(0));
        assertThat(delivered.order().status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(delivered.order().payments().captured()).isEqualTo(OrderTotals.of(delivered.order()).grandTotal());
        assertThat(delivered.order().payments().capturable()).isEqualTo(eur("0.00"));
    }

    @Test
    void an_uncollected_pickup_goes_back_to_stock_and_its_authorisation_is_voided() {
        FlowWorld w = new FlowWorld().stock("TEE", STORE, 2);
        FlowResult r = w.flow.accept(w.order("p").pickupAt(STORE).line("1", "TEE", 1, eur("20.00")).build(), w.key());
        FulfillmentOrder fo = r.fulfillmentOrders().get(0);
        w.flow.startPicking(fo.id(), w.key());
        w.flow.pack(fo.id(), w.key());
        assertThat(w.flow.readyForPickup(fo.id(), w.key()).waitingFor()).contains(WaitReason.COLLECTION);
        w.clock.advance(Duration.ofDays(8));
        w.flow.runDue();
        Order order = w.flow.orders().load(r.order().id());
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.payments().capturable()).isEqualTo(eur("0.00"));
        assertThat(w.flow.inventory().position(Sku.of("TEE"), STORE).reserved()).isEqualTo(Quantity.ZERO);
        assertThat(w.flow.inventory().position(Sku.of("TEE"), STORE).onHand()).isEqualTo(Quantity.of(2));
    }

    /**
     * The bug this flow fixes: a provider that takes the money for the first parcel and times
     * out, then a second parcel's capture. Each parcel captures only the value its own shipment
     * added, so the provider never holds more than the grand total, and a resume records the first
     * capture once.
     */
    @Test
    void a_provider_that_times_out_after_taking_the_money_never_leads_to_more_than_the_grand_total() {
        FakePaymentGateway real = new FakePaymentGateway();
        AtomicBoolean timeOutOnce = new AtomicBoolean(true);
        PaymentGateway flaky = new AroundGateway(real) {
            @Override
            public PaymentResult capture(PaymentRequest r) {
                PaymentResult taken = real.capture(r);
                if (timeOutOnce.getAndSet(false)) {
                    throw new IllegalStateException("read timed out (the money was taken)");
                }
                return taken;
            }
        };
        FlowWorld w = new FlowWorld(FlowStores.inMemory(), b -> b.payments(flaky)).stock("TEE", BERLIN, 5)
                .stock("MUG", HAMBURG, 5);
        FlowResult r = w.flow.accept(w.order("t").line("1", "TEE", 2, eur("20.00")).line("2", "MUG", 1, eur("8.00"))
                .discount("TEN", eur("10.00")).build(), w.key());
        MonetaryAmount grandTotal = OrderTotals.of(r.order()).grandTotal();
        assertThatThrownBy(() -> w.shipAll(r.fulfillmentOrders().get(0))).hasMessageContaining("timed out");
        w.shipAll(r.fulfillmentOrders().get(1));
        w.clock.advance(Duration.ofMinutes(1));
        w.flow.resume();
        MonetaryAmount taken = real.operations().stream().filter(o -> o.kind().equals("capture"))
                .map(o -> o.request().amount()).reduce(eur("0.00"), MonetaryAmount::add);
        Order order = w.flow.orders().load(r.order().id());
        assertThat(taken).as("what the provider took").isEqualTo(grandTotal);
        assertThat(order.payments().captured()).as("what oms recorded").isEqualTo(grandTotal);
        assertThat(w.flow.processesOf(order.id())).noneMatch(p -> p.status() == ProcessStatus.RUNNING);
    }

    @Test
    void an_order_placed_with_a_gift_card_and_a_card_is_accepted_and_captured_per_parcel_gift_card_first() {
        FlowWorld w = new FlowWorld().stock("TEE", BERLIN, 5).stock("MUG", HAMBURG, 5);
        // placed by other means (a channel import with its payments[]), the money already authorised per method
        Order placed = w.flow.orders().place(w.order("g").line("1", "TEE", 2, eur("20.00"))
                .line("2", "MUG", 1, eur("8.00")).build(), w.key()).order();
        MonetaryAmount total = OrderTotals.of(placed).grandTotal();
        dev.oms.spi.payment.PaymentMethod gift = dev.oms.spi.payment.PaymentMethod.of("gift-1",
                dev.oms.spi.payment.PaymentMethod.Kind.GIFT_CARD);
        dev.oms.spi.payment.PaymentMethod card = dev.oms.spi.payment.PaymentMethod.of("card",
                dev.oms.spi.payment.PaymentMethod.Kind.CARD);
        w.flow.orders().handle(placed.id(), new dev.oms.core.OrderCommand.RecordAuthorisation(eur("30.00"),
                dev.oms.spi.PaymentReference.of("gc-1"), java.util.Optional.of(gift)), w.key());
        w.flow.orders().handle(placed.id(), new dev.oms.core.OrderCommand.RecordAuthorisation(total.subtract(
                eur("30.00")), dev.oms.spi.PaymentReference.of("psp-1"), java.util.Optional.of(card)), w.key());
        FlowResult r = w.flow.accept(placed.id(), w.key());
        assertThat(r.order().status()).isEqualTo(OrderStatus.PROCESSING);
        assertThat(r.fulfillmentOrders()).isNotEmpty();
        assertThat(w.payments.operations()).as("nothing more to authorise").noneMatch(o -> o.kind().equals("authorise"));
        // an edit that costs more is authorised on the card
        dev.oms.flow.EditPlan plan = w.flow.previewEdit(placed.id(), List.of(new dev.oms.spi.order.OrderEdit
                .ChangeQuantity(LineId.of("1"), Quantity.of(3))));
        w.flow.commitEdit(plan, w.key());
        assertThat(w.payments.operations()).filteredOn(o -> o.kind().equals("authorise"))
                .singleElement().satisfies(o -> assertThat(o.request().method()).contains(card));
        MonetaryAmount edited = OrderTotals.of(w.flow.orders().load(placed.id())).grandTotal();
        assertThat(edited).isGreaterThan(total);
        for (FulfillmentOrder fo : w.flow.fulfillment().ofOrder(placed.id())) {
            w.shipAll(fo);
        }
        Order shipped = w.flow.orders().load(placed.id());
        assertThat(shipped.payments().captured()).isEqualTo(edited);
        assertThat(shipped.payments().method("gift-1").orElseThrow().ledger().captured()).isEqualTo(eur("30.00"));
        // the first parcel's capture spent the gift card first; every capture named its method
        assertThat(w.payments.operations()).filteredOn(o -> o.kind().equals("capture"))
                .allSatisfy(o -> assertThat(o.request().method()).isPresent());
    }

    @Test
    void a_carrier_outage_leaves_the_shipment_running_and_resume_finishes_it_once_the_carrier_is_back() {
        FakeCarrier real = new FakeCarrier("parcelco");
        AtomicBoolean down = new AtomicBoolean(true);
        CarrierGateway carrier = new CarrierGateway() {
            public List<RateQuote> quote(dev.oms.spi.LocationId from, dev.oms.spi.Address to, long units) {
                return real.quote(from, to, units);
            }

            public LabelResult createLabel(LabelRequest request) {
                if (down.get()) {
                    throw new IllegalStateException("label API unavailable");
                }
                return real.createLabel(request);
            }

            public boolean cancelLabel(String trackingNumber) {
                return real.cancelLabel(trackingNumber);
            }
        };
        FlowWorld w = new FlowWorld(FlowStores.inMemory(), b -> b.carrier(carrier)).stock("TEE", BERLIN, 5);
        FlowResult r = w.flow.accept(w.order("c").line("1", "TEE", 1, eur("20.00")).build(), w.key());
        assertThatThrownBy(() -> w.shipAll(r.fulfillmentOrders().get(0))).hasMessageContaining("unavailable");
        ProcessRecord ship = w.flow.processesOf(r.order().id()).stream().filter(p -> p.status() == ProcessStatus.RUNNING)
                .findFirst().orElseThrow();
        assertThat(ship.failure()).hasValueSatisfying(f -> assertThat(f).contains("label API unavailable"));
        w.clock.advance(Duration.ofMinutes(1));
        w.flow.resume(); // still down: tried, still running
        assertThat(w.flow.process(ship.id()).orElseThrow().status()).isEqualTo(ProcessStatus.RUNNING);
        down.set(false);
        w.clock.advance(Duration.ofMinutes(1));
        w.flow.resume();
        assertThat(w.flow.process(ship.id()).orElseThrow().status()).isEqualTo(ProcessStatus.DONE);
        Order order = w.flow.orders().load(r.order().id());
        assertThat(order.requireLine(LineId.of("1")).quantities().inTransit()).isEqualTo(Quantity.of(1));
        assertThat(order.payments().captured()).isEqualTo(OrderTotals.of(order).grandTotal());
    }

    @Test
    void cancelling_the_rest_after_a_partial_shipment_refunds_what_the_shipped_units_no_longer_cost() {
        FlowWorld w = new FlowWorld().stock("TEE", BERLIN, 5).stock("MUG", HAMBURG, 5);
        FlowResult r = w.flow.accept(w.order("d").line("1", "TEE", 1, eur("50.00")).line("2", "MUG", 1, eur("50.00"))
                .discount("TEN", eur("10.00")).build(), w.key());
        FulfillmentOrder tees = r.fulfillmentOrders().stream().filter(f -> f.location().equals(BERLIN)).findFirst()
                .orElseThrow();
        FlowResult shipped = w.shipAll(tees);
        FlowResult cancelled = w.flow.cancel(r.order().id(), CancelReason.CUSTOMER_REQUEST, "the rest", w.key());
        Order order = cancelled.order();
        assertThat(order.requireLine(LineId.of("2")).quantities().cancelled()).isEqualTo(Quantity.of(1));
        // the whole order discount now rests on the tee: it costs less than its share captured before
        MonetaryAmount value = ShippedValue.of(order);
        assertThat(cancelled.money().refunded().isPositive()).isTrue();
        assertThat(order.payments().captured().subtract(order.payments().refunded())).isEqualTo(value);
        assertThat(shipped.money().captured().subtract(cancelled.money().refunded())).isEqualTo(value);
    }

    @Test
    void an_ended_order_voids_what_it_did_not_capture_unless_the_policy_leaves_it_to_lapse() {
        FlowWorld voiding = new FlowWorld().stock("TEE", BERLIN, 5);
        FlowResult a = voiding.flow.accept(voiding.order("v").line("1", "TEE", 1, eur("20.00")).build(), voiding.key());
        Order cancelled = voiding.flow.cancel(a.order().id(), CancelReason.CUSTOMER_REQUEST, "no", voiding.key()).order();
        assertThat(cancelled.payments().voided()).isEqualTo(cancelled.payments().authorised());
        assertThat(operations(voiding, "void")).isOne();

        FlowWorld lapsing = new FlowWorld(FlowStores.inMemory(), b -> b.policy(FlowPolicy.defaults()
                .withVoidUnneeded(false))).stock("TEE", BERLIN, 5);
        FlowResult b = lapsing.flow.accept(lapsing.order("l").line("1", "TEE", 1, eur("20.00")).build(), lapsing.key());
        Order kept = lapsing.flow.cancel(b.order().id(), CancelReason.CUSTOMER_REQUEST, "no", lapsing.key()).order();
        assertThat(kept.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(kept.payments().voided().isZero()).isTrue();
        assertThat(kept.payments().capturable()).isEqualTo(kept.payments().authorised());
        assertThat(operations(lapsing, "void")).isZero();
    }

    @Test
    void adjustments_go_to_store_credit_when_the_policy_says_so_and_the_flow_refuses_to_build_without_its_gateway() {
        assertThatThrownBy(() -> new FlowWorld(FlowStores.inMemory(), b -> b.policy(FlowPolicy.defaults()
                .withAdjustmentRefunds(RefundMethod.STORE_CREDIT)))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("storeCredit");
        FakeStoreCredit credit = new FakeStoreCredit();
        FlowWorld w = new FlowWorld(FlowStores.inMemory(), b -> b.storeCredit(credit).policy(FlowPolicy.defaults()
                .withAdjustmentRefunds(RefundMethod.STORE_CREDIT))).stock("TEE", BERLIN, 5).stock("MUG", HAMBURG, 5);
        FlowResult r = w.flow.accept(w.order("s").line("1", "TEE", 1, eur("50.00")).line("2", "MUG", 1, eur("50.00"))
                .discount("TEN", eur("10.00")).build(), w.key());
        w.shipAll(r.fulfillmentOrders().stream().filter(f -> f.location().equals(BERLIN)).findFirst().orElseThrow());
        Order order = w.flow.cancel(r.order().id(), CancelReason.CUSTOMER_REQUEST, "the rest", w.key()).order();
        MonetaryAmount adjustment = order.payments().refunded();
        assertThat(adjustment.isPositive()).isTrue();
        assertThat(credit.balance(order.header().customer(), "EUR")).contains(adjustment);
        assertThat(operations(w, "refund")).isZero(); // nothing back to the card
    }

    @Test
    void a_return_of_a_delivered_unit_whose_capture_an_outage_left_for_later_captures_it_before_refunding() {
        FakePaymentGateway real = new FakePaymentGateway();
        AtomicBoolean capturesDown = new AtomicBoolean(true);
        PaymentGateway gateway = new AroundGateway(real) {
            @Override
            public PaymentResult capture(PaymentRequest r) {
                if (capturesDown.get()) {
                    throw new IllegalStateException("capture API unavailable");
                }
                return real.capture(r);
            }
        };
        FlowWorld w = new FlowWorld(FlowStores.inMemory(), b -> b.payments(gateway)).stock("TEE", BERLIN, 5);
        FlowResult r = w.flow.accept(w.order("o").line("1", "TEE", 2, eur("20.00")).build(), w.key());
        assertThatThrownBy(() -> w.shipAll(r.fulfillmentOrders().get(0))).hasMessageContaining("unavailable");
        dev.oms.spi.fulfillment.Shipment parcel = w.flow.fulfillment().shipmentsOf(r.fulfillmentOrders().get(0).id())
                .get(0);
        assertThatThrownBy(() -> w.deliver(parcel)).hasMessageContaining("unavailable");
        assertThat(w.flow.orders().load(r.order().id()).payments().captured().isZero()).isTrue();
        dev.oms.spi.returns.ReturnRequest rma = w.flow.requestReturn(dev.oms.returns.ReturnDraft.returnOf(
                r.order().id(), LineToReturn.of("1", 1, ReturnReasons.DOES_NOT_FIT)),
                w.key());
        w.flow.approveReturn(rma.id(), BERLIN, w.key());
        w.flow.receiveReturn(rma.id(), List.of(LineQuantity.of("1", 1)), w.key());
        w.flow.inspectReturn(rma.id(), List.of(new dev.oms.spi.returns.Inspection.LineInspection(LineId.of("1"),
                new dev.oms.spi.returns.Inspection(Quantity.of(1), dev.oms.spi.returns.Inspection.ItemCondition.AS_NEW,
                        dev.oms.spi.returns.Inspection.Disposition.RESTOCK, BERLIN))), w.key());
        capturesDown.set(false);
        w.flow.refundReturn(rma.id(), RefundMethod.ORIGINAL_PAYMENT, w.key());
        Order order = w.flow.orders().load(r.order().id());
        assertThat(order.payments().refunded().isPositive()).isTrue();
        assertThat(order.payments().captured()).isEqualTo(OrderTotals.of(order).grandTotal());
    }

    /**
     * Found by two racing threads of the flow simulation: an edit that raises a quantity reserved
     * its stock, then the order was cancelled before the edit's authorisation was recorded. The
     * edit retried the refused authorisation for ever and held its reservation; now it ends as
     * failed, releases what it reserved and voids the authorisation the provider approved.
     */
    @Test
    void an_edit_whose_order_is_cancelled_before_its_authorisation_is_recorded_fails_and_keeps_nothing() {
        FakePaymentGateway real = new FakePaymentGateway();
        AtomicBoolean cancelFirst = new AtomicBoolean(false);
        FlowWorld[] world = new FlowWorld[1];
        dev.oms.spi.OrderId[] racing = new dev.oms.spi.OrderId[1];
        PaymentGateway gateway = new AroundGateway(real) {
            @Override
            public PaymentResult authorise(PaymentRequest r) {
                if (cancelFirst.getAndSet(false)) {
                    world[0].flow.cancel(racing[0], CancelReason.CUSTOMER_REQUEST, "changed their mind", world[0].key());
                }
                return real.authorise(r);
            }
        };
        FlowWorld w = new FlowWorld(FlowStores.inMemory(), b -> b.payments(gateway)).stock("TEE", BERLIN, 5);
        world[0] = w;
        FlowResult r = w.flow.accept(w.order("e").line("1", "TEE", 1, eur("20.00")).build(), w.key());
        racing[0] = r.order().id();
        dev.oms.flow.EditPlan plan = w.flow.previewEdit(r.order().id(), List.of(new dev.oms.spi.order.OrderEdit
                .ChangeQuantity(LineId.of("1"), Quantity.of(3))));
        assertThat(plan.difference().isPositive()).isTrue();
        cancelFirst.set(true);
        assertThatThrownBy(() -> w.flow.commitEdit(plan, w.key())).isInstanceOf(StalePreviewException.class)
                .hasMessageContaining("CANCELLED");
        Order order = w.flow.orders().load(r.order().id());
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(w.flow.inventory().position(Sku.of("TEE"), BERLIN).reserved()).isEqualTo(Quantity.ZERO);
        assertThat(w.flow.processesOf(order.id())).allSatisfy(p -> assertThat(p.status())
                .isIn(ProcessStatus.DONE, ProcessStatus.FAILED));
        MonetaryAmount authorised = sum(real, "authorise");
        assertThat(sum(real, "void")).as("every authorisation the provider approved is voided").isEqualTo(authorised);
        assertThat(w.flow.resume()).allSatisfy(p -> assertThat(p.status()).isIn(ProcessStatus.DONE,
                ProcessStatus.FAILED));
        assertThat(sum(real, "void")).isEqualTo(authorised);
    }

    private static MonetaryAmount sum(FakePaymentGateway gateway, String kind) {
        return gateway.operations().stream().filter(o -> o.kind().equals(kind)).map(o -> o.request().amount())
                .reduce(eur("0.00"), MonetaryAmount::add);
    }

    private static long operations(FlowWorld w, String kind) {
        return w.payments.operations().stream().filter(o -> o.kind().equals(kind)).count();
    }
}
