package dev.oms.flow;

import static dev.oms.flow.FlowWorld.eur;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import dev.oms.core.TransitionTable.IllegalTransitionException;
import dev.oms.docs.ReadmeSnippets;
import dev.oms.json.StoredJson;
import dev.oms.returns.ReturnDraft;
import dev.oms.returns.ReturnDraft.LineToReturn;
import dev.oms.returns.ReturnReasons;
import dev.oms.spi.Address;
import dev.oms.spi.CommandKey;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.event.OrderEvent.PersonalDataErased;
import dev.oms.spi.fulfillment.FulfillmentEvent;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.HoldType;
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.order.OrderEdit;
import dev.oms.spi.process.ProcessRecord;
import dev.oms.spi.returns.Inspection;
import dev.oms.spi.returns.ReturnEvent;
import dev.oms.spi.returns.ReturnRequest;
import dev.oms.spi.store.EventOutbox.OutboxEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The erasure of an order's personal data across the flow's stores: nothing the customer or an
 * agent wrote is left in any record, event or outbox entry of the order, and what reports need
 * (amounts, quantities, statuses, the history's shape) is kept.
 */
class FlowErasureTest {
    /** What the customer and the agents wrote; none of it may be left anywhere after the erasure. */
    private static final List<String> PERSONAL = List.of("gdpr-customer-7", "Am Neuen Garten", "Potsdam", "14467",
            "Bahnhofstr", "+49 30 1234", "Ms Weber");

    private final FlowWorld w = new FlowWorld().stock("TEE", FlowWorld.BERLIN, 10);
    private final OrderFlow flow = w.flow;

    private static final Address HOME = new Address("DE", "14467", "Potsdam", List.of("Am Neuen Garten 7"),
            Optional.empty());
    private static final Address NEW_HOME = new Address("DE", "14467", "Potsdam", List.of("Bahnhofstr. 9"),
            Optional.empty());

    /** Accepted, held and released, its address edited, shipped, delivered and partly returned: it completed. */
    private OrderId completedOrder() {
        FlowResult accepted = flow.accept(w.order("gdpr-customer-7").billTo(HOME).shipTo(HOME)
                .line("1", "TEE", 2, eur("20.00")).build(), w.key());
        OrderId id = accepted.order().id();
        flow.placeHold(id, HoldType.CUSTOMER_REQUEST, "call", "customer asked to call +49 30 1234", w.key());
        flow.releaseHold(id, HoldType.CUSTOMER_REQUEST, "call", "Ms Weber called back", w.key());
        flow.commitEdit(flow.previewEdit(id, List.of(new OrderEdit.ChangeShippingAddress(NEW_HOME))), w.key());
        for (FulfillmentOrder fo : flow.fulfillment().ofOrder(id)) {
            w.deliver(w.shipAll(fo).shipments().get(0));
        }
        ReturnRequest rma = flow.requestReturn(ReturnDraft.returnOf(id, LineToReturn.of("1", 1,
                ReturnReasons.TOO_SMALL)), w.key());
        flow.returns().cancel(rma.id(), "Ms Weber kept it after all", w.key());
        assertThat(flow.orders().load(id).status()).isEqualTo(OrderStatus.COMPLETED);
        return id;
    }

    /** Everything the stores keep of the order, in the stored (JSON) form, so no field escapes the search. */
    private String everythingStoredOf(OrderId id) {
        List<String> parts = new ArrayList<>();
        parts.add(StoredJson.write(flow.orders().load(id), Order.class));
        flow.orders().history(id).forEach(e -> parts.add(StoredJson.write(e, OrderEvent.class)));
        w.stores.orders().unpublished(100_000).stream().map(OutboxEntry::event).filter(e -> e.orderId().equals(id))
                .forEach(e -> parts.add(StoredJson.write(e, OrderEvent.class)));
        for (ProcessRecord p : flow.processesOf(id)) {
            parts.add(StoredJson.write(p, ProcessRecord.class));
        }
        for (FulfillmentOrder fo : flow.fulfillment().ofOrder(id)) {
            parts.add(StoredJson.write(fo, FulfillmentOrder.class));
            flow.fulfillment().history(fo.id()).forEach(e -> parts.add(StoredJson.write(e, FulfillmentEvent.class)));
        }
        w.stores.fulfillment().unpublished(100_000).stream().map(OutboxEntry::event)
                .filter(e -> e.orderId().equals(id)).forEach(e -> parts.add(StoredJson.write(e, FulfillmentEvent.class)));
        for (ReturnRequest r : flow.returns().ofOrder(id)) {
            parts.add(StoredJson.write(r, ReturnRequest.class));
            flow.returns().history(r.id()).forEach(e -> parts.add(StoredJson.write(e, ReturnEvent.class)));
        }
        w.stores.returns().unpublished(100_000).stream().map(OutboxEntry::event)
                .filter(e -> e.metadata().orderId().equals(id)).forEach(e -> parts.add(StoredJson.write(e, ReturnEvent.class)));
        return String.join("\n", parts);
    }

    @Test
    void an_erased_order_keeps_nothing_personal_in_any_store_and_keeps_its_numbers() {
        OrderId id = completedOrder();
        String before = everythingStoredOf(id);
        for (String personal : PERSONAL) {
            assertThat(before).as("the search finds what was written: " + personal).contains(personal);
        }
        Order completed = flow.orders().load(id);
        List<OrderEvent> history = flow.orders().history(id);
        int processes = flow.processesOf(id).size();

        // erasure-example:begin
        Order erased = flow.erasePersonalData(id, CommandKey.of("gdpr-request-1"));   // an order that ended
        // erasure-example:end

        String after = everythingStoredOf(id);
        for (String personal : PERSONAL) {
            assertThat(after).as("left after the erasure: " + personal).doesNotContain(personal);
        }
        assertThat(erased.header().customer().value()).isEqualTo("erased");
        assertThat(erased.header().shippingAddress()).isEqualTo(Address.of("DE", ""));
        assertThat(erased.lines()).isEqualTo(completed.lines());
        assertThat(erased.payments()).isEqualTo(completed.payments());
        assertThat(erased.status()).isEqualTo(OrderStatus.COMPLETED);
        List<OrderEvent> rewritten = flow.orders().history(id);
        assertThat(rewritten).hasSize(history.size() + 1);
        assertThat(rewritten.subList(0, history.size())).extracting(OrderEvent::eventId)
                .isEqualTo(history.stream().map(OrderEvent::eventId).toList());
        assertThat(rewritten.get(history.size())).isInstanceOf(PersonalDataErased.class);
        assertThat(flow.orders().decider().replay(rewritten)).isEqualTo(erased);
        assertThat(flow.processesOf(id)).hasSize(processes);
        for (FulfillmentOrder fo : flow.fulfillment().ofOrder(id)) {
            assertThat(flow.fulfillment().decider().replay(flow.fulfillment().history(fo.id()))).isEqualTo(fo);
        }
        for (ReturnRequest r : flow.returns().ofOrder(id)) {
            assertThat(flow.returns().decider().evolveAll(null, flow.returns().history(r.id()))).isEqualTo(r);
        }

        // a repeat with the key changes nothing; another request finds nothing left to erase in the parts
        String once = everythingStoredOf(id);
        assertThat(flow.erasePersonalData(id, CommandKey.of("gdpr-request-1"))).isEqualTo(erased);
        assertThat(everythingStoredOf(id)).isEqualTo(once);
        assertThat(flow.fulfillment().ofOrder(id)).allSatisfy(fo -> assertThat(flow.fulfillment().history(fo.id()))
                .filteredOn(FulfillmentEvent.PersonalDataErased.class::isInstance).hasSizeLessThanOrEqualTo(1));
        // another key erases again: the order records it; its parts, with nothing left, are left as they are
        flow.erasePersonalData(id, CommandKey.of("gdpr-request-2"));
        assertThat(flow.orders().history(id)).filteredOn(PersonalDataErased.class::isInstance).hasSize(2);
        assertThat(flow.fulfillment().ofOrder(id)).allSatisfy(fo -> assertThat(flow.fulfillment().history(fo.id()))
                .filteredOn(FulfillmentEvent.PersonalDataErased.class::isInstance).hasSizeLessThanOrEqualTo(1));
    }

    @Test
    void an_order_that_has_not_ended_is_refused_and_nothing_is_erased() {
        FlowResult live = flow.accept(w.order("gdpr-customer-7").billTo(HOME).shipTo(HOME)
                .line("1", "TEE", 1, eur("20.00")).build(), w.key());
        OrderId id = live.order().id();
        flow.placeHold(id, HoldType.CUSTOMER_REQUEST, "call", "Ms Weber asked to wait", w.key());
        String before = everythingStoredOf(id);

        IllegalTransitionException refused = catchThrowableOfType(IllegalTransitionException.class,
                () -> flow.erasePersonalData(id, CommandKey.of("gdpr-too-early")));

        assertThat(refused).hasMessageContaining(id.value()).hasMessageContaining("ERASE_PERSONAL_DATA");
        assertThat(everythingStoredOf(id)).isEqualTo(before);
        // once it ended (cancelled here), the same request erases it
        flow.cancel(id, CancelReason.CUSTOMER_REQUEST, "Ms Weber cancelled by phone", w.key());
        flow.erasePersonalData(id, CommandKey.of("gdpr-too-early"));
        assertThat(everythingStoredOf(id)).doesNotContain("Ms Weber").doesNotContain("gdpr-customer-7");
    }

    @Test
    void an_erasure_interrupted_before_the_order_is_finished_by_its_repeat() {
        OrderId id = completedOrder();
        // what a crash after the parts and before the order leaves: parts erased, the order not
        flow.fulfillment().erasePersonalData(id, CommandKey.reserved("erasure", "gdpr-crash/fulfillment"));
        flow.returns().erasePersonalData(id, CommandKey.reserved("erasure", "gdpr-crash/returns"));
        assertThat(flow.orders().load(id).header().customer().value()).isEqualTo("gdpr-customer-7");
        assertThat(flow.orders().history(id)).noneMatch(PersonalDataErased.class::isInstance);

        flow.erasePersonalData(id, CommandKey.of("gdpr-crash"));

        String after = everythingStoredOf(id);
        for (String personal : PERSONAL) {
            assertThat(after).as("left after the repeat: " + personal).doesNotContain(personal);
        }
        assertThat(flow.fulfillment().ofOrder(id)).allSatisfy(fo -> assertThat(flow.fulfillment().history(fo.id()))
                .filteredOn(FulfillmentEvent.PersonalDataErased.class::isInstance).hasSize(1));
        assertThat(flow.orders().history(id)).filteredOn(PersonalDataErased.class::isInstance).hasSize(1);
    }

    @Test
    void a_host_key_in_the_reserved_namespace_is_refused() {
        OrderId id = completedOrder();
        assertThat(catchThrowableOfType(dev.oms.spi.InvalidInputException.class,
                () -> flow.erasePersonalData(id, CommandKey.reserved("erasure", "x")))).hasMessageContaining("key");
        assertThat(flow.orders().load(id).header().customer().value()).isEqualTo("gdpr-customer-7");
    }

    @Test
    void a_key_that_erased_one_order_is_refused_for_another_and_changes_nothing() {
        OrderId first = completedOrder();
        flow.erasePersonalData(first, CommandKey.of("gdpr-shared"));
        FlowResult live = flow.accept(w.order("gdpr-customer-7").billTo(HOME).shipTo(HOME)
                .line("1", "TEE", 1, eur("20.00")).build(), w.key());
        OrderId second = live.order().id();
        flow.placeHold(second, HoldType.CUSTOMER_REQUEST, "call", "Ms Weber asked to wait", w.key());
        String before = everythingStoredOf(second);

        assertThat(catchThrowableOfType(dev.oms.spi.OmsException.CommandKeyConflictException.class,
                () -> flow.erasePersonalData(second, CommandKey.of("gdpr-shared")))).hasMessageContaining(first.value());
        assertThat(everythingStoredOf(second)).as("not even the parts of a live order").isEqualTo(before);
        flow.cancel(second, CancelReason.CUSTOMER_REQUEST, "", w.key());
        assertThat(catchThrowableOfType(dev.oms.spi.OmsException.CommandKeyConflictException.class,
                () -> flow.erasePersonalData(second, CommandKey.of("gdpr-shared")))).isNotNull();
        assertThat(everythingStoredOf(second)).contains("Ms Weber");
    }

    @Test
    void an_order_with_a_return_under_way_is_refused_and_an_erased_order_takes_no_return() {
        OrderId id = completedOrder();
        ReturnRequest open = flow.requestReturn(ReturnDraft.returnOf(id, LineToReturn.of("1", 1,
                ReturnReasons.TOO_SMALL)), w.key());
        String before = everythingStoredOf(id);
        dev.oms.spi.RuleViolationException refused = catchThrowableOfType(dev.oms.spi.RuleViolationException.class,
                () -> flow.erasePersonalData(id, CommandKey.of("gdpr-open-return")));
        assertThat(refused.rule()).isEqualTo("erase-when-settled");
        assertThat(refused).hasMessageContaining(open.id().value());
        assertThat(everythingStoredOf(id)).isEqualTo(before);

        flow.returns().cancel(open.id(), "", w.key());
        flow.erasePersonalData(id, CommandKey.of("gdpr-open-return"));
        dev.oms.returns.ReturnPolicy.ReturnRefusedException late = catchThrowableOfType(dev.oms.returns.ReturnPolicy.ReturnRefusedException.class,
                () -> flow.requestReturn(ReturnDraft.returnOf(id, LineToReturn.of("1", 1, ReturnReasons.TOO_SMALL)),
                        w.key()));
        assertThat(late).hasMessageContaining("order-not-erased");
        assertThat(flow.returns().ofOrder(id)).hasSize(2);
    }

    @Test
    void the_replacement_order_of_an_exchange_is_erased_with_the_order() {
        w.stock("CAP", FlowWorld.BERLIN, 5);
        OrderId id = completedOrder();
        ReturnRequest exchange = flow.requestReturn(ReturnDraft.exchange(id, List.of(LineToReturn.of("1", 1,
                ReturnReasons.TOO_SMALL)), List.of(dev.oms.spi.order.NewLine.of("1", "CAP", 1, eur("20.00"))), false),
                w.key());
        flow.approveReturn(exchange.id(), FlowWorld.BERLIN, w.key());
        flow.receiveReturn(exchange.id(), List.of(dev.oms.spi.order.LineQuantity.of("1", 1)), w.key());
        flow.inspectReturn(exchange.id(), List.of(new Inspection.LineInspection(dev.oms.spi.LineId.of("1"),
                new Inspection(Quantity.of(1), Inspection.ItemCondition.AS_NEW,
                        dev.oms.spi.returns.Inspection.Disposition.RESTOCK, FlowWorld.BERLIN))), w.key());
        flow.exchange(exchange.id(), w.key());
        OrderId replacement = flow.returns().load(exchange.id()).replacement().orElseThrow().orderId().orElseThrow();
        assertThat(everythingStoredOf(replacement)).contains("gdpr-customer-7");
        dev.oms.core.TransitionTable.IllegalTransitionException notYet = catchThrowableOfType(
                IllegalTransitionException.class, () -> flow.erasePersonalData(id, CommandKey.of("gdpr-x")));
        assertThat(notYet).hasMessageContaining(replacement.value());
        for (FulfillmentOrder fo : flow.fulfillment().ofOrder(replacement)) {
            w.deliver(w.shipAll(fo).shipments().get(0));
        }
        assertThat(flow.orders().load(replacement).status()).isEqualTo(OrderStatus.COMPLETED);

        flow.erasePersonalData(id, CommandKey.of("gdpr-x"));

        for (OrderId erased : List.of(id, replacement)) {
            String stored = everythingStoredOf(erased);
            for (String personal : PERSONAL) {
                assertThat(stored).as(erased + " keeps " + personal).doesNotContain(personal);
            }
        }
    }

    @Test
    void the_channel_delivering_an_erased_order_again_gets_the_order_back() {
        dev.oms.core.PlaceOrder placement = w.order("gdpr-customer-7").billTo(HOME).shipTo(HOME)
                .line("1", "TEE", 1, eur("20.00")).build();
        CommandKey key = w.key();
        OrderId id = flow.accept(placement, key).order().id();
        flow.cancel(id, CancelReason.CUSTOMER_REQUEST, "", w.key());
        flow.erasePersonalData(id, CommandKey.of("gdpr-again"));

        assertThat(flow.accept(placement, key).order().id()).isEqualTo(id);
        assertThat(flow.accept(placement, w.key()).order().id()).isEqualTo(id);
        assertThat(flow.orders().load(id).header().customer().value()).isEqualTo("erased");
    }

    @Test
    void the_readme_shows_the_erasure_example() {
        assertThat(ReadmeSnippets.codeBlockAfter(ReadmeSnippets.readme(),
                "<!-- erasure-example:begin (from FlowErasureTest) -->")).isEqualTo(ReadmeSnippets.region(
                        java.nio.file.Path.of("src/test/java/dev/oms/flow/FlowErasureTest.java"), "erasure-example"));
    }
}
