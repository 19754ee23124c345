package dev.oms.spi.internal;

import dev.oms.spi.Address;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.event.OrderEvent.HoldPlaced;
import dev.oms.spi.event.OrderEvent.HoldReleased;
import dev.oms.spi.event.OrderEvent.LineCancelled;
import dev.oms.spi.event.OrderEvent.OrderCancelled;
import dev.oms.spi.event.OrderEvent.OrderEdited;
import dev.oms.spi.event.OrderEvent.OrderPlaced;
import dev.oms.spi.event.OrderEvent.PaymentDeclined;
import dev.oms.spi.event.OrderEvent.QuantitiesLost;
import dev.oms.spi.fulfillment.CarrierGateway.TrackingUpdate;
import dev.oms.spi.fulfillment.FulfillmentEvent;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentHold;
import dev.oms.spi.order.Attributes;
import dev.oms.spi.order.B2bTerms;
import dev.oms.spi.order.NewLine;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.Hold;
import dev.oms.spi.order.Order.OrderHeader;
import dev.oms.spi.order.OrderEdit;
import dev.oms.spi.process.ProcessInput;
import dev.oms.spi.process.ProcessRecord;
import dev.oms.spi.process.ProcessRecord.ProcessStep;
import dev.oms.spi.returns.ReturnEvent;
import dev.oms.spi.returns.ReturnRequest;
import java.util.List;
import java.util.Optional;

/**
 * What an erasure of an order's personal data keeps, in one place: an address keeps its country
 * (for tax and reporting by country), the customer reference becomes {@link #ERASED_CUSTOMER},
 * and every free text the host gave (hold reasons, notes, decline reasons, a carrier's tracking
 * detail, text attributes of the order and its lines) becomes empty. Ids, codes, amounts, quantities, statuses and times are kept, so totals,
 * reports and the history's shape stay as they were. Pure functions.
 */
public final class PersonalData {
    /** The customer reference of an erased order. */
    public static final CustomerRef ERASED_CUSTOMER = CustomerRef.of("erased");

    private PersonalData() {
    }

    /**
     * The rewrites of an erasure: the events of a history up to a version that erasing changes,
     * erased, oldest first. The save that stores them expects that version, so no event it does
     * not see can be in the log.
     *
     * @param history the aggregate's events, oldest first
     * @param upTo the version the erasure is decided on
     * @param version an event's version
     * @param erase the family's erasure of an event
     * @param <E> the event family
     * @return the erased events that differ from the logged ones
     */
    public static <E> List<E> rewrites(List<E> history, long upTo, java.util.function.ToLongFunction<E> version,
            java.util.function.UnaryOperator<E> erase) {
        List<E> rewrites = new java.util.ArrayList<>();
        for (E event : history) {
            E erased = erase.apply(event);
            if (version.applyAsLong(event) <= upTo && !erased.equals(event)) {
                rewrites.add(erased);
            }
        }
        return rewrites;
    }

    /**
     * @param address an address
     * @return its country only
     */
    public static Address erased(Address address) {
        return new Address(address.country(), "", "", List.of(), Optional.empty());
    }

    /**
     * @param header an order's header
     * @return it with the addresses' countries only, the customer (and a business buyer) erased
     */
    public static OrderHeader erased(OrderHeader header) {
        return new OrderHeader(header.channel(), header.externalOrderId(), ERASED_CUSTOMER,
                erased(header.billingAddress()), erased(header.shippingAddress()), header.serviceLevel(),
                header.pickupLocation(), header.currency(), header.taxPolicy(), header.pricing(),
                header.placedAt(), header.tags(), erased(header.attributes()), header.b2b().map(t -> new B2bTerms(
                        t.company(), ERASED_CUSTOMER.value(), t.purchaseOrder(), t.paymentTerms())));
    }

    /**
     * @param attributes custom attributes
     * @return them with every text empty (numbers, flags, dates and amounts kept)
     */
    public static Attributes erased(Attributes attributes) {
        java.util.Map<String, Attributes.Value> out = new java.util.TreeMap<>();
        attributes.values().forEach((name, value) -> out.put(name, value instanceof Attributes.Text
                ? new Attributes.Text("") : value));
        return new Attributes(out);
    }

    /**
     * @param draft a draft or quote
     * @return it with its header and lines erased as an order's, its author and accepting buyer
     *     {@code erased}, and its manual discounts' reasons empty (a new version, same time)
     */
    public static dev.oms.spi.order.Draft erased(dev.oms.spi.order.Draft draft) {
        InvalidInputException.requireNonNull(draft, "draft");
        return new dev.oms.spi.order.Draft(draft.id(), draft.version() + 1, draft.status(), ERASED_CUSTOMER.value(),
                draft.orderId(), erased(draft.header()), draft.lines().stream().map(PersonalData::erased).toList(),
                draft.discounts(), draft.shippingCharges(), draft.manualDiscounts().stream().map(m ->
                        new dev.oms.spi.order.Draft.ManualDiscount(m.line(), m.code(), m.amount(), "", m.agent(), m.at()))
                        .toList(), draft.quote().map(q -> new dev.oms.spi.order.Draft.Quote(q.sentAt(), q.expiresAt(),
                                q.grandTotal(), q.acceptedAt(), q.acceptedBy().map(by -> ERASED_CUSTOMER.value()))),
                draft.heldStock(), draft.createdAt(), draft.updatedAt(), draft.lastKey());
    }

    /**
     * @param draft a draft
     * @return whether {@link #erased(dev.oms.spi.order.Draft)} would change more than its version
     */
    public static boolean holdsPersonalData(dev.oms.spi.order.Draft draft) {
        dev.oms.spi.order.Draft erased = erased(draft);
        return !(erased.author().equals(draft.author()) && erased.header().equals(draft.header())
                && erased.lines().equals(draft.lines()) && erased.manualDiscounts().equals(draft.manualDiscounts())
                && erased.quote().equals(draft.quote()));
    }

    private static NewLine erased(NewLine line) {
        return line.withAttributes(erased(line.attributes()));
    }

    /**
     * @param order an order's snapshot
     * @return it with its header erased and its holds' reasons empty (version and time unchanged)
     */
    public static Order erased(Order order) {
        InvalidInputException.requireNonNull(order, "order");
        return order.withHeader(erased(order.header())).withHolds(order.holds().stream().map(PersonalData::erased)
                .toList()).withLines(order.lines().stream().map(l -> l.withAttributes(erased(l.attributes()))).toList());
    }

    private static Hold erased(Hold hold) {
        return new Hold(hold.type(), hold.code(), "", hold.placedAt());
    }

    private static OrderEdit erased(OrderEdit edit) {
        if (edit instanceof OrderEdit.ChangeShippingAddress change) {
            return new OrderEdit.ChangeShippingAddress(erased(change.address()));
        }
        if (edit instanceof OrderEdit.AddLine add) {
            return new OrderEdit.AddLine(erased(add.line()));
        }
        if (edit instanceof OrderEdit.SetAttributes set) {
            return new OrderEdit.SetAttributes(set.lineId(), erased(set.attributes()));
        }
        return edit;
    }

    /**
     * @param event an event of an order's history
     * @return the event as an erasure rewrites it (the same id, order, version and time)
     */
    public static OrderEvent erased(OrderEvent event) {
        InvalidInputException.requireNonNull(event, "event");
        if (event instanceof OrderPlaced p) {
            return new OrderPlaced(p.metadata(), erased(p.header()), p.lines().stream().map(PersonalData::erased)
                    .toList(), p.discounts(), p.shippingCharges());
        } else if (event instanceof HoldPlaced h) {
            return new HoldPlaced(h.metadata(), erased(h.hold()));
        } else if (event instanceof HoldReleased h) {
            return new HoldReleased(h.metadata(), h.type(), h.code(), "");
        } else if (event instanceof dev.oms.spi.event.OrderEvent.DeliveryPromised d) {
            return new dev.oms.spi.event.OrderEvent.DeliveryPromised(d.metadata(), d.lines(), d.promisedBy(),
                    d.lateStage(), "");
        } else if (event instanceof OrderCancelled c) {
            return new OrderCancelled(c.metadata(), c.reason(), "", c.lines());
        } else if (event instanceof LineCancelled c) {
            return new LineCancelled(c.metadata(), c.reason(), "", c.cancellation());
        } else if (event instanceof OrderEdited e) {
            return new OrderEdited(e.metadata(), e.edits().stream().map(PersonalData::erased).toList(),
                    e.grandTotalBefore(), e.grandTotalAfter());
        } else if (event instanceof PaymentDeclined d) {
            return new PaymentDeclined(d.metadata(), d.amount(), "", d.method());
        } else if (event instanceof QuantitiesLost l) {
            return new QuantitiesLost(l.metadata(), l.lines(), "");
        }
        return event;
    }

    /**
     * @param order a fulfilment order
     * @return it with its holds' reasons empty (version unchanged)
     */
    public static FulfillmentOrder erased(FulfillmentOrder order) {
        InvalidInputException.requireNonNull(order, "order");
        return order.at(order.version(), order.status(), order.lines(), order.holds().stream()
                .map(h -> new FulfillmentHold(h.code(), "", h.placedAt())).toList());
    }

    /**
     * @param event an event of a fulfilment order's history
     * @return the event as an erasure rewrites it (the same id, version and time)
     */
    public static FulfillmentEvent erased(FulfillmentEvent event) {
        InvalidInputException.requireNonNull(event, "event");
        if (event instanceof FulfillmentEvent.Created c) {
            return new FulfillmentEvent.Created(c.metadata(), erased(c.order()));
        } else if (event instanceof FulfillmentEvent.HoldPlaced h) {
            return new FulfillmentEvent.HoldPlaced(h.metadata(), new FulfillmentHold(h.hold().code(), "",
                    h.hold().placedAt()));
        } else if (event instanceof FulfillmentEvent.UnitsCancelled c) {
            return new FulfillmentEvent.UnitsCancelled(c.metadata(), c.lines(), "", c.status());
        } else if (event instanceof FulfillmentEvent.Cancelled c) {
            return new FulfillmentEvent.Cancelled(c.metadata(), "");
        }
        return event;
    }

    /**
     * @param request a return, exchange or claim
     * @return it with its customer reference erased, its note empty and its replacement's text
     *     attributes empty (version unchanged)
     */
    public static ReturnRequest erased(ReturnRequest request) {
        InvalidInputException.requireNonNull(request, "request");
        ReturnRequest r = request;
        return new ReturnRequest(r.id(), r.orderId(), ERASED_CUSTOMER, r.kind(), r.status(), r.lines(),
                r.shippingPaidBy(), r.returnLocation(), r.label(), r.refund(), r.replacement().map(rep ->
                        new ReturnRequest.Replacement(rep.lines().stream().map(PersonalData::erased).toList(),
                                rep.shipFirst(), rep.orderId())), r.claimResolution(), "",
                r.createdAt(), r.updatedAt(), r.version());
    }

    /**
     * @param event an event of a return's history
     * @return the event as an erasure rewrites it (the same id, version and time)
     */
    public static ReturnEvent erased(ReturnEvent event) {
        InvalidInputException.requireNonNull(event, "event");
        if (event instanceof ReturnEvent.Requested r) {
            return new ReturnEvent.Requested(r.metadata(), erased(r.request()));
        } else if (event instanceof ReturnEvent.Rejected r) {
            return new ReturnEvent.Rejected(r.metadata(), "");
        } else if (event instanceof ReturnEvent.Cancelled c) {
            return new ReturnEvent.Cancelled(c.metadata(), "");
        }
        return event;
    }

    /**
     * @param record a process record of the order flow
     * @return it with the host's input erased, as its next version; its time of last change is
     *     kept, so the erasure does not restart the retention of a finished process
     */
    public static ProcessRecord erased(ProcessRecord record) {
        InvalidInputException.requireNonNull(record, "record");
        return new ProcessRecord(record.id(), record.kind(), record.key(), record.fingerprint(), erased(record.input()),
                record.orderId(), record.status(), record.waitingFor(), record.dueAt(),
                record.steps().stream().map(PersonalData::erased).toList(), record.next(), record.failure(),
                record.attempts(), record.startedAt(), record.updatedAt(), record.version() + 1);
    }

    /**
     * @param record a process record of the order flow
     * @return whether its input or its steps hold anything an erasure changes
     */
    public static boolean holdsPersonalData(ProcessRecord record) {
        return changes(record.input(), PersonalData::erased)
                || record.steps().stream().anyMatch(s -> changes(s, PersonalData::erased));
    }

    /**
     * Whether an erasure changes anything of an aggregate: its snapshot or an event of its history.
     *
     * @param snapshot the aggregate as stored
     * @param eraseSnapshot the family's erasure of a snapshot
     * @param history its events
     * @param eraseEvent the family's erasure of an event
     * @param <S> the snapshot type
     * @param <E> the event family
     * @return whether anything of it holds personal data
     */
    public static <S, E> boolean holdsPersonalData(S snapshot, java.util.function.UnaryOperator<S> eraseSnapshot,
            List<E> history, java.util.function.UnaryOperator<E> eraseEvent) {
        return changes(snapshot, eraseSnapshot) || history.stream().anyMatch(e -> changes(e, eraseEvent));
    }

    private static <T> boolean changes(T value, java.util.function.UnaryOperator<T> erase) {
        return !erase.apply(value).equals(value);
    }

    /**
     * A step's note is oms' own, but one that says a payment was declined or a step refused quotes
     * the provider's or the refusal's text after the word: only the word stays (which is what the
     * flow reads back).
     */
    private static ProcessStep erased(ProcessStep step) {
        for (String word : List.of("declined", "refused")) {
            if (step.note().startsWith(word + ":")) {
                return new ProcessStep(step.name(), step.lines(), step.amount(), word);
            }
        }
        return step;
    }

    private static ProcessInput erased(ProcessInput input) {
        if (input instanceof ProcessInput.Accept a) {
            return new ProcessInput.Accept(erased(a.header()), a.lines().stream().map(PersonalData::erased).toList(),
                    a.discounts(), a.shippingCharges(),
                    a.payments());
        } else if (input instanceof ProcessInput.Cancel c) {
            return new ProcessInput.Cancel(c.orderId(), c.lines(), c.reason(), "");
        } else if (input instanceof ProcessInput.Edit e) {
            return new ProcessInput.Edit(e.orderId(), e.baseVersion(), e.edits().stream().map(PersonalData::erased)
                    .toList());
        } else if (input instanceof ProcessInput.ChangeHold h) {
            return new ProcessInput.ChangeHold(h.orderId(), h.type(), h.code(), "", h.release());
        } else if (input instanceof ProcessInput.Track t) {
            TrackingUpdate u = t.update();
            return new ProcessInput.Track(new TrackingUpdate(u.updateId(), u.trackingNumber(), u.status(),
                    u.occurredAt(), ""));
        }
        return input;
    }
}
