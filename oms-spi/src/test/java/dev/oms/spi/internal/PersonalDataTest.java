package dev.oms.spi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.spi.Address;
import dev.oms.spi.Amounts;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.EventId;
import dev.oms.spi.FulfillmentOrderId;
import dev.oms.spi.LineId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReturnId;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.event.OrderEvent.EventMetadata;
import dev.oms.spi.event.OrderEvent.HoldReleased;
import dev.oms.spi.event.OrderEvent.LineCancellation;
import dev.oms.spi.event.OrderEvent.LineCancelled;
import dev.oms.spi.event.OrderEvent.OrderCancelled;
import dev.oms.spi.event.OrderEvent.PaymentDeclined;
import dev.oms.spi.event.OrderEvent.QuantitiesLost;
import dev.oms.spi.fulfillment.FulfillmentEvent;
import dev.oms.spi.fulfillment.FulfillmentEvent.FulfillmentEventMetadata;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentHold;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentOrderStatus;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.Order.HoldType;
import dev.oms.spi.process.ProcessId;
import dev.oms.spi.process.ProcessInput;
import dev.oms.spi.process.ProcessRecord;
import dev.oms.spi.process.ProcessRecord.ProcessKind;
import dev.oms.spi.process.ProcessRecord.ProcessStatus;
import dev.oms.spi.process.ProcessRecord.ProcessStep;
import dev.oms.spi.returns.ReturnEvent;
import dev.oms.spi.returns.ReturnEvent.ReturnEventMetadata;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What an erasure keeps and what it erases, field by field: every text, address and customer
 * reference anywhere in a stored record or event is classified here, so a field added later
 * fails this test until someone decides whether it is personal (and {@link PersonalData} erases
 * it); and the fields the flow's tests do not reach are erased here directly.
 */
class PersonalDataTest {
    private static final String PERSONAL = "Ms Weber, +49 30 1234";
    private static final Instant AT = Instant.parse("2026-11-01T09:00:00Z");

    /** Erased by {@link PersonalData} (addresses to their country, the customer to {@code erased}, texts to empty). */
    private static final Set<String> ERASED = Set.of(
            "Accept.header.billingAddress Address", "Accept.header.customer CustomerRef",
            "Accept.header.shippingAddress Address", "Cancel.note String", "Cancelled.reason String",
            "ChangeHold.text String", "Created.order.holds[].reason String",
            "Edit.edits[](ChangeShippingAddress).address Address", "FulfillmentOrder.holds[].reason String",
            "HoldPlaced.hold.reason String", "HoldReleased.note String", "LineCancelled.note String",
            "Order.header.billingAddress Address", "Order.header.customer CustomerRef",
            "Order.header.shippingAddress Address", "Order.holds[].reason String", "OrderCancelled.note String",
            "OrderEdited.edits[](ChangeShippingAddress).address Address", "OrderPlaced.header.billingAddress Address",
            "OrderPlaced.header.customer CustomerRef", "OrderPlaced.header.shippingAddress Address",
            "PaymentDeclined.reason String", "ProcessRecord.input(Accept).header.billingAddress Address",
            "ProcessRecord.input(Accept).header.customer CustomerRef",
            "ProcessRecord.input(Accept).header.shippingAddress Address", "ProcessRecord.input(Cancel).note String",
            "ProcessRecord.input(ChangeHold).text String",
            "ProcessRecord.input(Edit).edits[](ChangeShippingAddress).address Address",
            "ProcessRecord.input(Track).update.detail String", "ProcessRecord.steps[].note String",
            "QuantitiesLost.note String", "Rejected.reason String", "Requested.request.customer CustomerRef",
            "Requested.request.note String", "ReturnRequest.customer CustomerRef", "ReturnRequest.note String",
            "Track.update.detail String", "UnitsCancelled.reason String",
            // a business buyer is a person's reference, like the customer's
            "Accept.header.b2b[].buyer String",
            "Order.header.b2b[].buyer String",
            "OrderPlaced.header.b2b[].buyer String",
            "ProcessRecord.input(Accept).header.b2b[].buyer String",
            // a text attribute may be a gift message or a contact: free text
            "Accept.header.attributes.values[](Text).value String",
            "Accept.lines[].attributes.values[](Text).value String",
            "Edit.edits[](AddLine).line.attributes.values[](Text).value String",
            "Edit.edits[](SetAttributes).attributes.values[](Text).value String",
            "Order.header.attributes.values[](Text).value String",
            "Order.lines[].attributes.values[](Text).value String",
            "OrderEdited.edits[](AddLine).line.attributes.values[](Text).value String",
            "OrderEdited.edits[](SetAttributes).attributes.values[](Text).value String",
            "OrderPlaced.header.attributes.values[](Text).value String",
            "OrderPlaced.lines[].attributes.values[](Text).value String",
            "ProcessRecord.input(Accept).header.attributes.values[](Text).value String",
            "ProcessRecord.input(Accept).lines[].attributes.values[](Text).value String",
            "ProcessRecord.input(Edit).edits[](AddLine).line.attributes.values[](Text).value String",
            "ProcessRecord.input(Edit).edits[](SetAttributes).attributes.values[](Text).value String",
            "Requested.request.replacement[].lines[].attributes.values[](Text).value String",
            "ReturnRequest.replacement[].lines[].attributes.values[](Text).value String",
            // a draft holds what its order will: the same personal data, the author and the buyer who accepted,
            // and the reasons an agent wrote for a manual discount; a delivery promise's note is free text
            "DeliveryPromised.note String",
            "Draft.author String",
            "Draft.header.attributes.values[](Text).value String",
            "Draft.header.b2b[].buyer String",
            "Draft.header.billingAddress Address",
            "Draft.header.customer CustomerRef",
            "Draft.header.shippingAddress Address",
            "Draft.lines[].attributes.values[](Text).value String",
            "Draft.manualDiscounts[].reason String",
            "Draft.quote[].acceptedBy[] String");

    /** Kept: codes, carrier references, step names and oms' own texts, none of them the customer's words. */
    private static final Set<String> KEPT = Set.of(
            "Accept.discounts[].code String", "Accept.header.tags[] String", "Accept.shippingCharges[].code String",
            "Accept.shippingCharges[].discount[].code String", "Order.shippingCharges[].discount[].code String",
            "OrderPlaced.shippingCharges[].discount[].code String",
            "ProcessRecord.input(Accept).shippingCharges[].discount[].code String",
            // a payment method's id is the host's name for it within the order, never a card or gift card number
            "Order.payments.methods[].method.id String", "PaymentAuthorised.method[].id String", "PaymentDeclined.method[].id String",
            "PaymentCaptured.method[].id String", "PaymentRefunded.method[].id String",
            "PaymentVoided.method[].id String", "Accept.payments[].method.id String",
            "InvoiceSettled.method.id String",
            "ProcessRecord.input(Accept).payments[].method.id String",
            "ChangeHold.code String", "Created.order.holds[].code String", "FulfillmentOrder.holds[].code String",
            "HoldPlaced.hold.code String", "HoldReleased.code String", "LabelIssued.label.carrier String",
            "LabelIssued.label.labelReference String", "LabelIssued.label.trackingNumber String",
            "Order.discounts[].code String", "Order.header.tags[] String", "Order.holds[].code String",
            "Order.shippingCharges[].code String", "OrderPlaced.discounts[].code String",
            "OrderPlaced.header.tags[] String", "OrderPlaced.shippingCharges[].code String",
            "ProcessRecord.failure[] String", "ProcessRecord.fingerprint String",
            "ProcessRecord.input(Accept).discounts[].code String", "ProcessRecord.input(Accept).header.tags[] String",
            "ProcessRecord.input(Accept).shippingCharges[].code String", "ProcessRecord.input(ChangeHold).code String",
            "ProcessRecord.input(Receive).reference.id String", "ProcessRecord.input(ReturnStep).operation String",
            "ProcessRecord.input(Track).update.trackingNumber String",
            "ProcessRecord.input(Track).update.updateId String", "ProcessRecord.next[] String",
            "ProcessRecord.steps[].lines[].note String", "ProcessRecord.steps[].name String",
            "Receive.reference.id String", "Requested.request.label[].carrier String",
            "Requested.request.label[].labelReference String", "Requested.request.label[].trackingNumber String",
            "Requested.request.lines[].reason String", "ReturnRequest.label[].carrier String",
            "ReturnRequest.label[].labelReference String", "ReturnRequest.label[].trackingNumber String",
            "ReturnRequest.lines[].reason String", "ReturnStep.operation String",
            "ShipmentTracked.shipment.appliedUpdates[] String", "ShipmentTracked.shipment.carrier String",
            "ShipmentTracked.shipment.labelReference String", "ShipmentTracked.shipment.service String",
            "ShipmentTracked.shipment.trackingNumber String", "ShipmentTracked.updateId String",
            "Shipped.shipment.appliedUpdates[] String", "Shipped.shipment.carrier String",
            "Shipped.shipment.labelReference String", "Shipped.shipment.service String",
            "Shipped.shipment.trackingNumber String", "Track.update.trackingNumber String",
            "Track.update.updateId String",
            // a refund's notes: oms' own words and figures on how each amount came about
            "RefundCalculated.refund.notes[].part String", "RefundCalculated.refund.notes[].rule String",
            "Requested.request.refund[].notes[].part String", "Requested.request.refund[].notes[].rule String",
            "ReturnRequest.refund[].notes[].part String", "ReturnRequest.refund[].notes[].rule String",
            // tax codes: the host's identifiers of taxes
            "Accept.lines[].tax(Rates).rates[].code String", "Accept.lines[].tax(Supplied).taxes[].code String",
            "Accept.shippingCharges[].tax(Rates).rates[].code String",
            "Accept.shippingCharges[].tax(Supplied).taxes[].code String",
            "Edit.edits[](AddLine).line.tax(Rates).rates[].code String",
            "Edit.edits[](AddLine).line.tax(Supplied).taxes[].code String",
            "Order.lines[].tax(Rates).rates[].code String", "Order.lines[].tax(Supplied).taxes[].code String",
            "Order.shippingCharges[].tax(Rates).rates[].code String",
            "Order.shippingCharges[].tax(Supplied).taxes[].code String",
            "OrderEdited.edits[](AddLine).line.tax(Rates).rates[].code String",
            "OrderEdited.edits[](AddLine).line.tax(Supplied).taxes[].code String",
            "OrderPlaced.lines[].tax(Rates).rates[].code String",
            "OrderPlaced.lines[].tax(Supplied).taxes[].code String",
            "OrderPlaced.shippingCharges[].tax(Rates).rates[].code String",
            "OrderPlaced.shippingCharges[].tax(Supplied).taxes[].code String",
            "ProcessRecord.input(Accept).lines[].tax(Rates).rates[].code String",
            "ProcessRecord.input(Accept).lines[].tax(Supplied).taxes[].code String",
            "ProcessRecord.input(Accept).shippingCharges[].tax(Rates).rates[].code String",
            "ProcessRecord.input(Accept).shippingCharges[].tax(Supplied).taxes[].code String",
            "ProcessRecord.input(Edit).edits[](AddLine).line.tax(Rates).rates[].code String",
            "ProcessRecord.input(Edit).edits[](AddLine).line.tax(Supplied).taxes[].code String",
            "Requested.request.replacement[].lines[].tax(Rates).rates[].code String",
            "Requested.request.replacement[].lines[].tax(Supplied).taxes[].code String",
            "ReturnRequest.replacement[].lines[].tax(Rates).rates[].code String",
            "ReturnRequest.replacement[].lines[].tax(Supplied).taxes[].code String",
            // a business order's company account and purchase-order number: the company's, not a person's
            "Accept.header.b2b[].company String", "Accept.header.b2b[].purchaseOrder String",
            "Order.header.b2b[].company String", "Order.header.b2b[].purchaseOrder String",
            "OrderPlaced.header.b2b[].company String", "OrderPlaced.header.b2b[].purchaseOrder String",
            "ProcessRecord.input(Accept).header.b2b[].company String", "ProcessRecord.input(Accept).header.b2b[].purchaseOrder String",
            // custom attributes' names: the host's codes
            "Accept.header.attributes.values[] String",
            "Accept.lines[].attributes.values[] String",
            "Edit.edits[](AddLine).line.attributes.values[] String",
            "Edit.edits[](SetAttributes).attributes.values[] String",
            "Order.header.attributes.values[] String",
            "Order.lines[].attributes.values[] String",
            "OrderEdited.edits[](AddLine).line.attributes.values[] String",
            "OrderEdited.edits[](SetAttributes).attributes.values[] String",
            "OrderPlaced.header.attributes.values[] String",
            "OrderPlaced.lines[].attributes.values[] String",
            "ProcessRecord.input(Accept).header.attributes.values[] String",
            "ProcessRecord.input(Accept).lines[].attributes.values[] String",
            "ProcessRecord.input(Edit).edits[](AddLine).line.attributes.values[] String",
            "ProcessRecord.input(Edit).edits[](SetAttributes).attributes.values[] String",
            "Requested.request.replacement[].lines[].attributes.values[] String",
            "ReturnRequest.replacement[].lines[].attributes.values[] String",
            // codes, and the agent (a member of staff, like an approver) who gave a manual discount
            "DeliveryPromised.lateStage[] String",
            "Draft.discounts[].code String",
            "Draft.header.attributes.values[] String",
            "Draft.header.b2b[].company String",
            "Draft.header.b2b[].purchaseOrder String",
            "Draft.header.tags[] String",
            "Draft.lines[].attributes.values[] String",
            "Draft.lines[].tax(Rates).rates[].code String",
            "Draft.lines[].tax(Supplied).taxes[].code String",
            "Draft.manualDiscounts[].agent String",
            "Draft.manualDiscounts[].code String",
            "Draft.shippingCharges[].code String",
            "Draft.shippingCharges[].discount[].code String",
            "Draft.shippingCharges[].tax(Rates).rates[].code String",
            "Draft.shippingCharges[].tax(Supplied).taxes[].code String");

    @Test
    void every_text_address_and_customer_of_a_stored_record_is_classified_as_erased_or_kept() {
        Set<String> found = new TreeSet<>();
        for (Class<?> root : List.of(OrderEvent.class, FulfillmentEvent.class, ReturnEvent.class, ProcessInput.class,
                dev.oms.spi.order.Order.class, dev.oms.spi.fulfillment.FulfillmentOrder.class,
                dev.oms.spi.returns.ReturnRequest.class, ProcessRecord.class, dev.oms.spi.order.Draft.class)) {
            walk(root, root.getSimpleName(), new HashSet<>(), found);
        }
        assertThat(ERASED).doesNotContainAnyElementsOf(KEPT);
        Set<String> classified = new TreeSet<>(ERASED);
        classified.addAll(KEPT);
        assertThat(found).as("classify each new field in ERASED (and erase it in PersonalData) or KEPT")
                .isEqualTo(classified);
    }

    private static void walk(Class<?> type, String path, Set<Class<?>> seen, Set<String> found) {
        if (type.isInterface() && type.isSealed()) {
            for (Class<?> permitted : type.getPermittedSubclasses()) {
                walk(permitted, path.contains(".") ? path + "(" + permitted.getSimpleName() + ")"
                        : permitted.getSimpleName(), seen, found);
            }
            return;
        }
        if (!type.isRecord() || !seen.add(type)) {
            return;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            component(component.getGenericType(), path + "." + component.getName(), seen, found);
        }
        seen.remove(type);
    }

    private static void component(Type type, String path, Set<Class<?>> seen, Set<String> found) {
        if (type instanceof ParameterizedType generic) {
            for (Type argument : generic.getActualTypeArguments()) {
                component(argument, path + "[]", seen, found);
            }
        } else if (type == String.class || type == Address.class || type == CustomerRef.class) {
            found.add(path + " " + ((Class<?>) type).getSimpleName());
        } else if (type instanceof Class<?> k && k.getPackageName().startsWith("dev.oms") && !isId(k)) {
            walk(k, path, seen, found);
        }
    }

    /** An id or code type: one text component named {@code value}, kept. */
    private static boolean isId(Class<?> type) {
        return type.isRecord() && type.getRecordComponents().length == 1
                && type.getRecordComponents()[0].getName().equals("value");
    }

    @Test
    void the_texts_of_events_the_flow_tests_do_not_reach_are_erased() {
        EventMetadata m = new EventMetadata(EventId.of("e-1"), OrderId.of("o-1"), 2, AT, Optional.empty());
        List<LineQuantity> one = List.of(LineQuantity.of("1", 1));
        assertThat(PersonalData.erased(new PaymentDeclined(m, Amounts.of("1.00", "EUR"), PERSONAL)))
                .isEqualTo(new PaymentDeclined(m, Amounts.of("1.00", "EUR"), ""));
        assertThat(PersonalData.erased(new QuantitiesLost(m, one, PERSONAL))).isEqualTo(new QuantitiesLost(m, one, ""));
        LineCancellation c = new LineCancellation(LineId.of("1"), Quantity.of(1), Quantity.ZERO);
        assertThat(PersonalData.erased(new LineCancelled(m, CancelReason.OTHER, PERSONAL, c)))
                .isEqualTo(new LineCancelled(m, CancelReason.OTHER, "", c));
        assertThat(PersonalData.erased(new OrderCancelled(m, CancelReason.OTHER, PERSONAL, List.of(c))))
                .isEqualTo(new OrderCancelled(m, CancelReason.OTHER, "", List.of(c)));
        assertThat(PersonalData.erased(new HoldReleased(m, HoldType.CUSTOM, "h", PERSONAL)))
                .isEqualTo(new HoldReleased(m, HoldType.CUSTOM, "h", ""));

        FulfillmentEventMetadata f = new FulfillmentEventMetadata(EventId.of("e-2"), FulfillmentOrderId.of("fo-1"),
                OrderId.of("o-1"), 2, AT);
        assertThat(PersonalData.erased(new FulfillmentEvent.UnitsCancelled(f, one, PERSONAL,
                FulfillmentOrderStatus.CREATED))).isEqualTo(new FulfillmentEvent.UnitsCancelled(f, one, "",
                        FulfillmentOrderStatus.CREATED));
        assertThat(PersonalData.erased(new FulfillmentEvent.Cancelled(f, PERSONAL)))
                .isEqualTo(new FulfillmentEvent.Cancelled(f, ""));
        assertThat(PersonalData.erased(new FulfillmentEvent.HoldPlaced(f, new FulfillmentHold("h", PERSONAL, AT))))
                .isEqualTo(new FulfillmentEvent.HoldPlaced(f, new FulfillmentHold("h", "", AT)));

        ReturnEventMetadata r = new ReturnEventMetadata(EventId.of("e-3"), ReturnId.of("r-1"), OrderId.of("o-1"), 2, AT);
        assertThat(PersonalData.erased(new ReturnEvent.Rejected(r, PERSONAL))).isEqualTo(new ReturnEvent.Rejected(r, ""));
        assertThat(PersonalData.erased(new ReturnEvent.Cancelled(r, PERSONAL)))
                .isEqualTo(new ReturnEvent.Cancelled(r, ""));
    }

    @Test
    void a_process_keeps_its_steps_words_and_its_time_and_loses_the_quoted_texts() {
        List<ProcessStep> steps = List.of(new ProcessStep("authorise", List.of(), Optional.empty(),
                "declined: " + PERSONAL), new ProcessStep("x1", List.of(), Optional.empty(), "refused: " + PERSONAL),
                new ProcessStep("place", List.of(), Optional.empty(), "o-1"));
        ProcessRecord record = new ProcessRecord(ProcessId.of("p-1"), ProcessKind.CANCEL, CommandKey.of("k-1"), "fp",
                new ProcessInput.Cancel(OrderId.of("o-1"), List.of(), CancelReason.OTHER, PERSONAL),
                Optional.of(OrderId.of("o-1")), ProcessStatus.DONE, Optional.empty(), Optional.empty(), steps,
                Optional.empty(), Optional.empty(), 1, AT, AT.plusSeconds(60), 4);
        assertThat(PersonalData.holdsPersonalData(record)).isTrue();

        ProcessRecord erased = PersonalData.erased(record);

        assertThat(erased.steps()).extracting(ProcessStep::note).containsExactly("declined", "refused", "o-1");
        assertThat(((ProcessInput.Cancel) erased.input()).note()).isEmpty();
        assertThat(erased.version()).isEqualTo(5);
        assertThat(erased.updatedAt()).as("retention counts from the last real change").isEqualTo(record.updatedAt());
        assertThat(PersonalData.holdsPersonalData(erased)).isFalse();
        assertThat(erased.toString()).doesNotContain("Weber");
    }
}
