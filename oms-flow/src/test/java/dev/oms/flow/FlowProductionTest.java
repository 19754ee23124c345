package dev.oms.flow;

import static dev.oms.flow.FlowWorld.BERLIN;
import static dev.oms.flow.FlowWorld.eur;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.flow.Production.LineProduction;
import dev.oms.flow.Production.Recipe;
import dev.oms.flow.Production.Stage;
import dev.oms.flow.Production.StageProgress;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.RuleViolationException;
import dev.oms.spi.Sku;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.event.OrderEvent.DeliveryPromised;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.fulfillment.FulfillmentStore;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.process.ProcessRecord.ProcessStatus;
import dev.oms.spi.process.ProcessRecord.WaitReason;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Made-to-order production: a table made in four stages at the Berlin workshop, planned when the
 * order is accepted, its promise moved and announced when a stage is late, received, reserved and
 * shipped when the last stage completes; the desk beside it ships from stock at once.
 */
class FlowProductionTest {
    static final Recipe TABLE = new Recipe(BERLIN, List.of(new Stage("design-approved", Duration.ofDays(2)),
            new Stage("cutting", Duration.ofDays(1)), new Stage("assembly", Duration.ofDays(3)),
            new Stage("quality-check", Duration.ofDays(1))), Duration.ofDays(3));
    static final Production RECIPES = sku -> sku.value().equals("TABLE") ? Optional.of(TABLE) : Optional.empty();

    private final AtomicBoolean failFulfilment = new AtomicBoolean();
    private final FlowWorld w = new FlowWorld(failingFulfilment(FlowStores.inMemory()), b -> b.production(RECIPES))
            .stock("DESK", BERLIN, 5).stock("TABLE", BERLIN, 0);

    private FlowStores failingFulfilment(FlowStores stores) {
        FulfillmentStore real = stores.fulfillment();
        FulfillmentStore failing = (FulfillmentStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {FulfillmentStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("save") && failFulfilment.getAndSet(false)) {
                        throw new IllegalStateException("the process died here");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return FlowStores.of(stores.orders(), stores.inventory(), failing, stores.returns(), stores.processes());
    }

    private FlowResult accepted() {
        return w.flow.accept(w.order("ann").line("1", "TABLE", 2, eur("900.00")).line("2", "DESK", 1, eur("250.00"))
                .build(), w.key());
    }

    private Instant day(Instant start, int days) {
        return start.plus(Duration.ofDays(days));
    }

    private List<DeliveryPromised> promises(OrderId id) {
        return w.flow.orders().history(id).stream().filter(DeliveryPromised.class::isInstance)
                .map(DeliveryPromised.class::cast).toList();
    }

    @Test
    void a_made_to_order_line_is_planned_made_in_stages_and_shipped_when_the_last_is_done() {
        Instant start = w.clock.instant();
        FlowResult accepted = accepted();
        OrderId id = accepted.order().id();
        assertThat(accepted.waitingFor()).contains(WaitReason.PRODUCTION);
        assertThat(accepted.fulfillmentOrders()).as("the desk ships from stock at once").singleElement()
                .satisfies(fo -> assertThat(fo.lines()).extracting(l -> l.lineId().value()).containsExactly("2"));
        LineProduction table = w.flow.production(id).get(0);
        assertThat(table.stages()).extracting(StageProgress::planned).containsExactly(day(start, 2), day(start, 3),
                day(start, 6), day(start, 7));
        assertThat(table.promisedBy()).isEqualTo(day(start, 10));
        assertThat(promises(id)).singleElement().satisfies(p -> {
            assertThat(p.promisedBy()).isEqualTo(day(start, 10));
            assertThat(p.lateStage()).isEmpty();
            assertThat(p.lines()).containsExactly(LineId.of("1"));
        });

        w.clock.advance(Duration.ofDays(2));
        w.flow.completeStage(id, LineId.of("1"), "design-approved", w.clock.instant(), w.key());
        w.clock.advance(Duration.ofDays(1));
        w.flow.completeStage(id, LineId.of("1"), "cutting", w.clock.instant().minusSeconds(3600), w.key());
        assertThat(promises(id)).as("on time: nothing to tell").hasSize(1);

        w.clock.advance(Duration.ofDays(5)); // assembly was due on day 6, done on day 8
        FlowResult late = w.flow.completeStage(id, LineId.of("1"), "assembly", w.clock.instant(), w.key());
        assertThat(late.waitingFor()).contains(WaitReason.PRODUCTION);
        assertThat(promises(id)).hasSize(2).last().satisfies(p -> {
            assertThat(p.lateStage()).contains("assembly");
            assertThat(p.promisedBy()).isEqualTo(day(start, 12));
            assertThat(p.note()).isEqualTo("assembly finished 2 days late; now promised by " + day(start, 12));
        });
        LineProduction moved = w.flow.production(id).get(0);
        assertThat(moved.stages().get(3).planned()).as("the plan after it moves too").isEqualTo(day(start, 9));
        assertThat(moved.promisedBy()).isEqualTo(day(start, 12));
        assertThat(w.flow.inventory().position(Sku.of("TABLE"), BERLIN).onHand()).isEqualTo(Quantity.ZERO);

        w.clock.advance(Duration.ofDays(1));
        FlowResult done = w.flow.completeStage(id, LineId.of("1"), "quality-check", w.clock.instant(), w.key());
        assertThat(done.status()).isEqualTo(ProcessStatus.DONE);
        assertThat(w.flow.production(id).get(0).produced()).isTrue();
        assertThat(w.flow.inventory().position(Sku.of("TABLE"), BERLIN).onHand()).isEqualTo(Quantity.of(2));
        assertThat(w.flow.inventory().position(Sku.of("TABLE"), BERLIN).reserved()).isEqualTo(Quantity.of(2));
        List<FulfillmentOrder> fos = w.flow.fulfillment().ofOrder(id);
        assertThat(fos).hasSize(2);
        for (FulfillmentOrder fo : fos) {
            w.deliver(w.shipAll(fo).shipments().get(0));
        }
        assertThat(w.flow.orders().load(id).status()).isEqualTo(OrderStatus.COMPLETED);
    }

    @Test
    void a_wrong_report_is_refused_naming_it_and_changes_nothing() {
        OrderId id = accepted().order().id();
        List<OrderEvent> before = w.flow.orders().history(id);
        assertThatThrownBy(() -> w.flow.completeStage(id, LineId.of("1"), "painting", w.clock.instant(), w.key()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no stage painting")
                .hasMessageContaining("design-approved");
        assertThatThrownBy(() -> w.flow.completeStage(id, LineId.of("1"), "cutting", w.clock.instant(), w.key()))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.rule())
                        .isEqualTo("stages-in-order"));
        assertThatThrownBy(() -> w.flow.completeStage(id, LineId.of("1"), "design-approved",
                w.clock.instant().plusSeconds(60), w.key())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("future");
        assertThatThrownBy(() -> w.flow.completeStage(id, LineId.of("2"), "cutting", w.clock.instant(), w.key()))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.rule())
                        .isEqualTo("made-to-order"));
        assertThatThrownBy(() -> w.flow.completeStage(id, LineId.of("9"), "cutting", w.clock.instant(), w.key()))
                .isInstanceOf(InvalidInputException.class);
        assertThat(w.flow.orders().history(id)).isEqualTo(before);
        assertThat(w.flow.production(id).get(0).stages()).allSatisfy(s -> assertThat(s.actual()).isEmpty());

        Instant at = w.clock.instant();
        w.flow.completeStage(id, LineId.of("1"), "design-approved", at, w.key());
        assertThat(w.flow.completeStage(id, LineId.of("1"), "design-approved", at, w.key()).replayed())
                .as("the same report again").isTrue();
        assertThatThrownBy(() -> w.flow.completeStage(id, LineId.of("1"), "design-approved", at.minusSeconds(1),
                w.key())).isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.rule())
                        .isEqualTo("stage-reported-once"));
    }

    @Test
    void a_crash_between_the_receipt_and_the_fulfilment_order_is_finished_by_resume_once() {
        OrderId id = accepted().order().id();
        for (String stage : List.of("design-approved", "cutting", "assembly")) {
            w.flow.completeStage(id, LineId.of("1"), stage, w.clock.instant(), w.key());
        }
        failFulfilment.set(true);
        assertThatThrownBy(() -> w.flow.completeStage(id, LineId.of("1"), "quality-check", w.clock.instant(),
                w.key())).hasMessageContaining("died here");
        assertThat(w.flow.inventory().position(Sku.of("TABLE"), BERLIN).onHand()).as("received").isEqualTo(
                Quantity.of(2));
        assertThat(w.flow.fulfillment().ofOrder(id)).hasSize(1);

        w.clock.advance(Duration.ofHours(1));
        w.flow.resume();
        assertThat(w.flow.fulfillment().ofOrder(id)).hasSize(2);
        assertThat(w.flow.inventory().position(Sku.of("TABLE"), BERLIN).onHand()).as("received once").isEqualTo(
                Quantity.of(2));
        assertThat(w.flow.inventory().position(Sku.of("TABLE"), BERLIN).reserved()).isEqualTo(Quantity.of(2));
        assertThat(w.flow.production(id).get(0).produced()).isTrue();
    }

    @Test
    void cancelling_an_order_in_production_ends_it_and_nothing_is_made_into_stock() {
        OrderId id = accepted().order().id();
        w.flow.completeStage(id, LineId.of("1"), "design-approved", w.clock.instant(), w.key());
        w.flow.cancel(id, CancelReason.CUSTOMER_REQUEST, "changed their mind", w.key());
        assertThat(w.flow.orders().load(id).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThatThrownBy(() -> w.flow.completeStage(id, LineId.of("1"), "cutting", w.clock.instant(), w.key()))
                .isInstanceOf(RuleViolationException.class);
        assertThat(w.flow.inventory().position(Sku.of("TABLE"), BERLIN).onHand()).isEqualTo(Quantity.ZERO);
        assertThat(w.flow.inventory().position(Sku.of("DESK"), BERLIN).reserved()).isEqualTo(Quantity.ZERO);
    }

    @Test
    void an_edit_may_lower_a_made_to_order_line_never_add_to_it() {
        OrderId id = accepted().order().id();
        assertThatThrownBy(() -> w.flow.previewEdit(id, List.of(new dev.oms.spi.order.OrderEdit.ChangeQuantity(
                LineId.of("1"), Quantity.of(3))))).isInstanceOfSatisfying(RuleViolationException.class, e ->
                        assertThat(e.rule()).isEqualTo("made-to-order-edit"));
        assertThatThrownBy(() -> w.flow.previewEdit(id, List.of(new dev.oms.spi.order.OrderEdit.AddLine(
                dev.oms.spi.order.NewLine.of("3", "TABLE", 1, eur("900.00")))))).isInstanceOf(RuleViolationException.class);
        w.flow.commitEdit(w.flow.previewEdit(id, List.of(new dev.oms.spi.order.OrderEdit.ChangeQuantity(
                LineId.of("1"), Quantity.of(1)))), w.key());
        for (String stage : List.of("design-approved", "cutting", "assembly", "quality-check")) {
            w.flow.completeStage(id, LineId.of("1"), stage, w.clock.instant(), w.key());
        }
        assertThat(w.flow.inventory().position(Sku.of("TABLE"), BERLIN).onHand()).as("one table made")
                .isEqualTo(Quantity.of(1));
    }

    @Test
    void a_made_to_order_line_cancelled_in_production_is_no_longer_made_or_waited_for() {
        OrderId id = accepted().order().id();
        w.flow.completeStage(id, LineId.of("1"), "design-approved", w.clock.instant(), w.key());
        w.flow.cancel(id, LineId.of("1"), Quantity.of(2), CancelReason.CUSTOMER_REQUEST, "not needed", w.key());
        assertThatThrownBy(() -> w.flow.completeStage(id, LineId.of("1"), "cutting", w.clock.instant(), w.key()))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.rule())
                        .isEqualTo("made-to-order")).hasMessageContaining("cancelled");
        assertThat(w.flow.processesOf(id)).filteredOn(p -> p.kind() == dev.oms.spi.process.ProcessRecord.ProcessKind.ACCEPT)
                .singleElement().satisfies(a -> assertThat(a.waitingFor()).isNotEqualTo(Optional.of(
                        WaitReason.PRODUCTION)));
        w.deliver(w.shipAll(w.flow.fulfillment().ofOrder(id).get(0)).shipments().get(0));
        assertThat(w.flow.orders().load(id).status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(w.flow.inventory().position(Sku.of("TABLE"), BERLIN).onHand()).isEqualTo(Quantity.ZERO);
    }

    @Test
    void a_stage_reported_before_the_one_before_it_is_refused() {
        OrderId id = accepted().order().id();
        w.clock.advance(Duration.ofDays(1));
        w.flow.completeStage(id, LineId.of("1"), "design-approved", w.clock.instant(), w.key());
        assertThatThrownBy(() -> w.flow.completeStage(id, LineId.of("1"), "cutting",
                w.clock.instant().minusSeconds(60), w.key())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("before stage design-approved");
    }

    @Test
    void a_made_to_order_product_its_workshop_does_not_stock_is_refused_saying_where_to_define_it() {
        FlowWorld bare = new FlowWorld(FlowStores.inMemory(), b -> b.production(RECIPES)).stock("DESK", BERLIN, 5);
        assertThatThrownBy(() -> bare.flow.accept(bare.order("ann").line("1", "TABLE", 1, eur("900.00")).build(),
                bare.key())).isInstanceOf(InvalidInputException.UnknownSkuException.class)
                .hasMessageContaining("made to order at wh-berlin: define its position there");
    }
}
