package dev.oms.returns;

import dev.oms.core.OrderCommand;
import dev.oms.core.OrderPayments;
import dev.oms.core.OrderService;
import dev.oms.core.OrderTotals;
import dev.oms.inventory.InventoryService;
import dev.oms.returns.ReturnCommand.ReturnCommandKind;
import dev.oms.returns.ReturnDecider.ReturnRuleException;
import dev.oms.returns.ReturnPolicy.ReturnRefusedException;
import dev.oms.returns.internal.Intake;
import dev.oms.returns.internal.ReturnSteps;
import dev.oms.returns.internal.Settlement;
import dev.oms.spi.CommandKey;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.InvalidInputException.CurrencyMismatchException;
import dev.oms.spi.LocationId;
import dev.oms.spi.OmsException.CommandKeyConflictException;
import dev.oms.spi.OrderId;
import dev.oms.spi.ReturnId;
import dev.oms.spi.RuleViolationException.PaymentLimitExceededException;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.event.OrderEvent.PersonalDataErased;
import dev.oms.spi.fulfillment.CarrierGateway;
import dev.oms.spi.fulfillment.CarrierGateway.LabelRequest;
import dev.oms.spi.fulfillment.CarrierGateway.LabelResult;
import dev.oms.spi.internal.PersonalData;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.payment.StoreCreditGateway;
import dev.oms.spi.returns.Inspection.LineInspection;
import dev.oms.spi.returns.RefundBreakdown;
import dev.oms.spi.returns.RefundBreakdown.RefundMethod;
import dev.oms.spi.returns.ReturnEvent;
import dev.oms.spi.returns.ReturnRequest;
import dev.oms.spi.returns.ReturnRequest.Replacement;
import dev.oms.spi.returns.ReturnRequest.ReturnKind;
import dev.oms.spi.returns.ReturnRequest.ReturnLabel;
import dev.oms.spi.returns.ReturnRequest.ReturnStatus;
import dev.oms.spi.returns.ReturnStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.money.MonetaryAmount;

/**
 * Returns, exchanges and claims from request to close, keeping the order, payment and inventory
 * in step.
 *
 * <ul>
 *   <li>{@link #request}: checks the {@link ReturnPolicy} (every violation in one
 *       {@link ReturnRefusedException}) and saves the request.</li>
 *   <li>{@link #approve}, {@link #reject}, {@link #issueLabel} (a prepaid label through the
 *       {@link CarrierGateway}), {@link #markInTransit}, {@link #cancel} (until the units arrive;
 *       voids the label and cancels an unconfirmed replacement order).</li>
 *   <li>{@link #receive}: records the units as returned on the order ({@code RecordReturn}), so
 *       its fulfilment status follows.</li>
 *   <li>{@link #inspect}: condition and disposition per unit; each disposition becomes an
 *       inventory movement at the chosen location (a restock makes the units available again).</li>
 *   <li>{@link #refund}: calculates the refund line by line (the pure refund calculation), counts it
 *       against the order's refund account in the same save, then pays it to the original payment
 *       or as store credit and records it on the order. Never more than what was captured and
 *       not yet refunded: a larger refund is refused before anything is counted.</li>
 *   <li>{@link #exchange}: settles an exchange against its replacement order (credit, and the
 *       price difference charged or refunded), or sends a claim's free replacement.</li>
 * </ul>
 * Every operation takes a {@link CommandKey}. A return's id is derived from its request key, and
 * each step records a key derived from the caller's, so repeating an operation with the same key
 * after a crash replays what finished and completes the rest, exactly once. Reusing a key for a
 * different request is refused with {@link CommandKeyConflictException}.
 *
 * <p>Requests and refunds of one order are serialised by the order's refund account (saved with
 * a version check), so two concurrent requests can never hold the same delivered unit and two
 * concurrent refunds are counted one after the other. No JVM lock is involved. Thread-safe.
 */
public final class ReturnService {

    private final OrderService orders;
    private final OrderPayments payments;
    private final InventoryService inventory;
    private final ReturnStore store;
    private final ReturnPolicy policy;
    private final Optional<CarrierGateway> carrier;
    private final ReturnDecider decider;
    private final ReturnSteps steps;
    private final Settlement settlement;
    private final Intake intake;

    private ReturnService(Builder b) {
        this.orders = b.orders;
        this.payments = b.payments;
        this.inventory = b.inventory;
        this.store = b.store;
        this.policy = b.policy;
        this.carrier = Optional.ofNullable(b.carrier);
        this.decider = new ReturnDecider(b.clock, b.ids);
        this.steps = new ReturnSteps(store, decider, orders, b.clock);
        this.settlement = new Settlement(steps, store, decider, orders, payments, policy,
                Optional.ofNullable(b.storeCredit));
        this.intake = new Intake(steps, settlement, store, decider, orders, policy, b.clock);
    }

    /**
     * @param orders the order service
     * @param payments moves money through the host's payment provider
     * @param inventory the inventory engine (restocks and dispositions)
     * @param store where returns live
     * @return a builder (standard policy, no carrier, no store credit, system clock, random ids)
     */
    public static Builder builder(OrderService orders, OrderPayments payments, InventoryService inventory,
            ReturnStore store) {
        return new Builder(orders, payments, inventory, store);
    }

    /** @return the policy in force */
    public ReturnPolicy policy() {
        return policy;
    }

    /** @return the pure core, for replays and property tests */
    public ReturnDecider decider() {
        return decider;
    }

    // ------------------------------------------------------------------ reads

    /**
     * @param id a return id
     * @return the return
     * @throws ReturnNotFoundException if there is none
     */
    public ReturnRequest load(ReturnId id) {
        return store.load(InvalidInputException.requireNonNull(id, "id")).orElseThrow(() -> new ReturnNotFoundException(id));
    }

    /**
     * @param orderId an order
     * @return its returns, exchanges and claims, oldest first
     */
    public List<ReturnRequest> ofOrder(OrderId orderId) {
        return store.ofOrder(orderId);
    }

    /**
     * Erases the personal data of an order from its returns, exchanges and claims: each one's
     * customer reference becomes {@code erased} and its note and reasons empty, in the snapshot
     * and in its history (rewritten in place with their outbox entries, in the save that records
     * a {@link ReturnEvent.PersonalDataErased}). Status, lines, money and the history's events are
     * kept; the refund account holds no personal data. A return with nothing to erase is left as
     * it is, so a repeat changes nothing. The order flow calls it for orders that ended, as part
     * of its erasure.
     *
     * @param orderId the order
     * @param key the idempotency key (a step per return is derived from it)
     * @return the order's returns, erased
     */
    public List<ReturnRequest> erasePersonalData(OrderId orderId, CommandKey key) {
        InvalidInputException.requireNonNull(orderId, "orderId");
        InvalidInputException.requireNonNull(key, "key");
        List<ReturnRequest> erased = new ArrayList<>();
        for (ReturnRequest r : store.ofOrder(orderId)) {
            boolean holds = PersonalData.holdsPersonalData(r, PersonalData::erased, store.events(r.id()),
                    PersonalData::erased);
            erased.add(holds ? steps.step(r.id(), key, "erase:" + r.id(), "", current -> new ReturnCommand.ErasePersonalData())
                    : r);
        }
        return erased;
    }

    /**
     * @param id a return id
     * @return its events, oldest first: the timeline for customer service and notifications
     */
    public List<ReturnEvent> history(ReturnId id) {
        return store.events(id);
    }


    /**
     * Asks for a return, an exchange or a claim.
     *
     * @param draft what is asked
     * @param key the idempotency key; the return's id is derived from it
     * @return the request, {@link ReturnStatus#REQUESTED}
     * @throws ReturnRefusedException with every policy violation; nothing was saved
     * @throws CurrencyMismatchException if replacement prices are in another currency than the order
     */
    public ReturnRequest request(ReturnDraft draft, CommandKey key) {
        return intake.request(draft, key);
    }

    // ------------------------------------------------------------------ approval and the way back

    /**
     * Approves a return or an exchange. An exchange's replacement order is placed now (pending);
     * if it ships first, its full price is authorised and it is confirmed at once.
     *
     * @param id the return
     * @param returnLocation where the units go back to
     * @param key the idempotency key
     * @return the return, approved
     */
    public ReturnRequest approve(ReturnId id, LocationId returnLocation, CommandKey key) {
        InvalidInputException.requireNonNull(returnLocation, "returnLocation");
        return approve(id, Optional.of(returnLocation), key);
    }

    /**
     * Approves a claim (nothing comes back).
     *
     * @param id the claim
     * @param key the idempotency key
     * @return the claim, approved
     */
    public ReturnRequest approve(ReturnId id, CommandKey key) {
        return approve(id, Optional.empty(), key);
    }

    private ReturnRequest approve(ReturnId id, Optional<LocationId> location, CommandKey key) {
        ReturnRequest r = steps.step(id, key, "approve", location, current -> new ReturnCommand.Approve(location));
        if (r.kind() == ReturnKind.EXCHANGE) {
            r = steps.placeReplacement(r, key);
            Replacement replacement = r.replacement().orElseThrow();
            if (replacement.shipFirst()) {
                OrderId replacementId = replacement.orderId().orElseThrow();
                MonetaryAmount price = OrderTotals.of(orders.load(replacementId)).grandTotal();
                if (price.isPositive()) {
                    payments.authorise(replacementId, price, ReturnSteps.derived(key, "replacement-authorise"));
                }
                orders.handle(replacementId, new OrderCommand.Confirm(), ReturnSteps.derived(key, "replacement-confirm"));
            }
        }
        return r;
    }

    /**
     * @param id the return
     * @param reason why (shown to the customer; no personal data)
     * @param key the idempotency key
     * @return the return, rejected
     */
    public ReturnRequest reject(ReturnId id, String reason, CommandKey key) {
        InvalidInputException.requireNonNull(reason, "reason");
        return steps.step(id, key, "reject", reason, current -> new ReturnCommand.Reject(reason));
    }

    /**
     * Buys a prepaid return label from the customer's address to the return location.
     *
     * @param id an approved return or exchange
     * @param key the idempotency key (the carrier's is the return id)
     * @return the return, with its label
     * @throws ReturnRuleException ({@code label-refused}) if the carrier refused; nothing changed
     */
    public ReturnRequest issueLabel(ReturnId id, CommandKey key) {
        CarrierGateway gateway = carrier.orElseThrow(() -> new InvalidInputException("carrier",
                "no CarrierGateway is configured, so no return label can be issued"));
        InvalidInputException.requireNonNull(key, "key");
        if (store.findCommand(ReturnSteps.derived(key, "label")).isPresent()) {
            return load(id);
        }
        ReturnRequest r = load(id);
        decider.requireAllowed(r, ReturnCommandKind.ISSUE_LABEL);
        Order order = orders.load(r.orderId());
        long units = r.lines().stream().mapToLong(l -> l.quantity().value()).sum();
        LabelResult result = gateway.createLabel(LabelRequest.returnLabel(ShipmentId.of("ret-" + r.id()),
                order.header().shippingAddress(), r.returnLocation().orElseThrow(), units));
        if (result instanceof LabelResult.Failed failed) {
            throw new ReturnRuleException(r, "label-refused", "the carrier refused a return label: " + failed.reason());
        }
        LabelResult.Created created = (LabelResult.Created) result;
        ReturnLabel label = new ReturnLabel(created.carrier(), created.trackingNumber(), created.labelReference());
        return steps.step(id, key, "label", label, current -> new ReturnCommand.RecordLabel(label));
    }

    /**
     * @param id the return
     * @param key the idempotency key
     * @return the return, in transit
     */
    public ReturnRequest markInTransit(ReturnId id, CommandKey key) {
        return steps.step(id, key, "in-transit", "", current -> new ReturnCommand.MarkInTransit());
    }

    /**
     * Withdraws a return before its units arrive: a label is voided, an exchange's replacement
     * order that was not confirmed is cancelled (one that ships first stays: it is paid for).
     *
     * @param id the return
     * @param reason why (no personal data)
     * @param key the idempotency key
     * @return the return, cancelled
     */
    public ReturnRequest cancel(ReturnId id, String reason, CommandKey key) {
        InvalidInputException.requireNonNull(reason, "reason");
        ReturnRequest r = steps.step(id, key, "cancel", reason, current -> new ReturnCommand.Cancel(reason));
        if (r.label().isPresent() && carrier.isPresent()) {
            carrier.get().cancelLabel(r.label().get().trackingNumber());
        }
        Optional<Replacement> replacement = r.replacement();
        if (replacement.isPresent() && replacement.get().orderId().isPresent() && !replacement.get().shipFirst()) {
            OrderId placed = replacement.get().orderId().get();
            if (orders.load(placed).status() == OrderStatus.PENDING) {
                orders.handle(placed, new OrderCommand.Cancel(CancelReason.CUSTOMER_REQUEST,
                        "return " + r.id() + " was cancelled"), ReturnSteps.derived(key, "replacement-cancel"));
            }
        }
        return r;
    }

    // ------------------------------------------------------------------ receipt and inspection

    /**
     * Units arrived at the return location: recorded on the return and as returned on the order.
     *
     * @param id the return
     * @param lines units per order line
     * @param key the idempotency key
     * @return the return, received
     */
    public ReturnRequest receive(ReturnId id, List<LineQuantity> lines, CommandKey key) {
        ReturnCommand.Receive command = new ReturnCommand.Receive(lines);
        InvalidInputException.requireNonNull(key, "key");
        CommandKey stepKey = ReturnSteps.derived(key, "receive");
        if (store.findCommand(stepKey).isPresent()) {
            return steps.step(id, key, "receive", command, current -> command);
        }
        ReturnRequest r = load(id);
        decider.decide(r, command);
        orders.handle(r.orderId(), new OrderCommand.RecordReturn(r.id(), command.lines()), ReturnSteps.derived(key, "order-return"));
        return steps.step(id, key, "receive", command, current -> command);
    }

    /**
     * Inspects every received unit not inspected yet; each disposition is recorded in inventory
     * at its location (a restock makes the units available again).
     *
     * @param id the return
     * @param inspections per order line, covering exactly the uninspected received units
     * @param key the idempotency key
     * @return the return, inspected
     * @throws dev.oms.spi.InvalidInputException.UnknownSkuException if a SKU is stocked nowhere
     * @throws dev.oms.spi.InvalidInputException.UnknownPositionException if a SKU is not stocked at an
     *     inspection's location
     */
    public ReturnRequest inspect(ReturnId id, List<LineInspection> inspections, CommandKey key) {
        ReturnCommand.Inspect command = new ReturnCommand.Inspect(inspections);
        InvalidInputException.requireNonNull(key, "key");
        ReturnRequest r = load(id);
        if (store.findCommand(ReturnSteps.derived(key, "inspect")).isEmpty()) {
            decider.decide(r, command);
            for (LineInspection li : command.inspections()) {
                inventory.position(r.line(li.lineId()).orElseThrow().sku(), li.inspection().location());
            }
        }
        ReturnRequest inspected = steps.step(id, key, "inspect", command, current -> command);
        Reference ref = Reference.of(Reference.Type.RETURN, id.value());
        for (int i = 0; i < command.inspections().size(); i++) {
            LineInspection li = command.inspections().get(i);
            inventory.receiveReturn(inspected.line(li.lineId()).orElseThrow().sku(), li.inspection().location(),
                    li.inspection().quantity(), li.inspection().disposition(), ref, ReturnSteps.derived(key, "disposition-" + i));
        }
        return inspected;
    }

    // ------------------------------------------------------------------ money

    /**
     * @param id a refunded, exchanged or inspected return
     * @param key the idempotency key
     * @return it, closed
     */
    public ReturnRequest close(ReturnId id, CommandKey key) {
        return steps.step(id, key, "close", "", current -> new ReturnCommand.Close());
    }

    /**
     * What {@link #refund} would pay now, without counting or saving anything: for showing the
     * customer or an agent before they confirm.
     *
     * @param id the return (inspected, or an approved refund claim)
     * @param method where the money would go
     * @return the refund, line by line
     */
    public RefundBreakdown previewRefund(ReturnId id, RefundMethod method) {
        return settlement.previewRefund(id, method);
    }

    /**
     * Refunds an inspected return or an approved refund claim: calculates the refund, counts it
     * against the order's refund account, pays it and records it on the order.
     *
     * @param id the return
     * @param method to the original payment or as store credit
     * @param key the idempotency key
     * @return the return, refunded
     * @throws PaymentLimitExceededException ({@code refund-within-captured}) if the refund exceeds
     *     what was captured and not yet refunded; nothing was counted or paid
     * @throws dev.oms.core.OrderPayments.PaymentDeclinedException if the provider declined; the refund stays
     *     calculated and a retry pays it
     */
    public ReturnRequest refund(ReturnId id, RefundMethod method, CommandKey key) {
        return settlement.refund(id, method, key);
    }

    /**
     * What {@link #grantGoodwill} would give now, line by line (an order amount split over the
     * lines), without counting or saving anything.
     *
     * @param goodwill what to give
     * @param method where the money would go
     * @return the goodwill refund: one line per order line given some, its {@code goodwill} positive
     */
    public RefundBreakdown previewGoodwill(Goodwill goodwill, RefundMethod method) {
        return intake.previewGoodwill(goodwill, method);
    }

    /**
     * Gives money back without units coming back ({@link Goodwill}), on lines or on the order:
     * creates a {@link dev.oms.spi.returns.ReturnRequest.ReturnKind#GOODWILL} request, approved,
     * with its refund calculated and counted against the order's refund account in one save, then
     * pays it like {@link #refund} and records it on the order. A later refund of the lines' units
     * takes the goodwill back in proportion to what they are worth, so the order's refunds and
     * goodwill never add up to more than one full refund. The request is listed by
     * {@link #ofOrder} with the returns; it holds no units, and only closing it is left.
     *
     * @param goodwill what to give
     * @param method to the original payment or as store credit
     * @param key the idempotency key; the request's id is derived from it, and a repeat after a
     *     crash completes what is left, once
     * @return the goodwill request, refunded
     * @throws dev.oms.spi.RuleViolationException ({@code goodwill-within-value}) if a line, or the
     *     order, would get more than its unrefunded units are still worth less goodwill given on
     *     them before (a line with units not shipped yet takes none);
     *     ({@code goodwill-with-per-refund-rounding}) where refunds are rounded per refund;
     *     ({@code order-not-archived}, {@code order-not-erased}) for such an order; nothing was saved
     * @throws PaymentLimitExceededException ({@code refund-within-captured}) if it exceeds what was
     *     captured and not yet refunded; nothing was saved
     * @throws dev.oms.spi.InvalidInputException.CurrencyMismatchException if an amount is in another
     *     currency than the order; nothing was saved
     * @throws dev.oms.core.OrderPayments.PaymentDeclinedException if the provider declined; the
     *     goodwill stays approved and counted, and {@link #refund} with its id and a new key pays it
     *     (a provider answers a repeat of the same payment key as it did the first time)
     */
    public ReturnRequest grantGoodwill(Goodwill goodwill, RefundMethod method, CommandKey key) {
        ReturnRequest granted = intake.grantGoodwill(goodwill, method, key);
        return granted.status() == ReturnStatus.APPROVED ? settlement.refund(granted.id(), method, key) : granted;
    }

    /**
     * Settles an inspected exchange, or sends an approved replacement claim's free replacement.
     *
     * <p>An exchange's returned units are valued like a refund without restocking or return
     * shipping fees (the credit). If the replacement shipped first, its price was authorised at
     * approval and the credit is now refunded to the original payment. Otherwise the credit pays
     * the replacement (recorded as a refund of the original order and a payment of the
     * replacement, both with the reference {@code exchange:<return id>}); the customer pays the
     * difference if the replacement costs more, or gets it back if it costs less; and the
     * replacement order is confirmed.
     *
     * @param id the exchange or claim
     * @param key the idempotency key
     * @return it, exchanged
     */
    public ReturnRequest exchange(ReturnId id, CommandKey key) {
        return settlement.exchange(id, key);
    }


    /** Configures a {@link ReturnService}. Not thread-safe; build once and share the service. */
    public static final class Builder {
        private final OrderService orders;
        private final OrderPayments payments;
        private final InventoryService inventory;
        private final ReturnStore store;
        private ReturnPolicy policy = ReturnPolicy.standard();
        private CarrierGateway carrier;
        private StoreCreditGateway storeCredit;
        private Clock clock = Clock.systemUTC();
        private IdGenerator ids = IdGenerator.randomUuids();

        private Builder(OrderService orders, OrderPayments payments, InventoryService inventory, ReturnStore store) {
            this.orders = InvalidInputException.requireNonNull(orders, "orders");
            this.payments = InvalidInputException.requireNonNull(payments, "payments");
            this.inventory = InvalidInputException.requireNonNull(inventory, "inventory");
            this.store = InvalidInputException.requireNonNull(store, "store");
        }

        /** @param value the return policy @return this builder */
        public Builder policy(ReturnPolicy value) {
            this.policy = InvalidInputException.requireNonNull(value, "policy");
            return this;
        }

        /** @param value issues return labels @return this builder */
        public Builder carrier(CarrierGateway value) {
            this.carrier = InvalidInputException.requireNonNull(value, "carrier");
            return this;
        }

        /** @param value pays refunds as store credit @return this builder */
        public Builder storeCredit(StoreCreditGateway value) {
            this.storeCredit = InvalidInputException.requireNonNull(value, "storeCredit");
            return this;
        }

        /** @param value where time comes from (the return window is counted on it) @return this builder */
        public Builder clock(Clock value) {
            this.clock = InvalidInputException.requireNonNull(value, "clock");
            return this;
        }

        /** @param value where event ids come from @return this builder */
        public Builder ids(IdGenerator value) {
            this.ids = InvalidInputException.requireNonNull(value, "ids");
            return this;
        }

        /** @return the service */
        public ReturnService build() {
            return new ReturnService(this);
        }
    }

    /** No return with this id is stored. */
    public static class ReturnNotFoundException extends InvalidInputException {
        private static final long serialVersionUID = 1L;

        private final ReturnId returnId;

        /** @param returnId the id asked for */
        public ReturnNotFoundException(ReturnId returnId) {
            super("returnId", "no return " + returnId);
            this.returnId = returnId;
        }

        /** @return the id asked for */
        public ReturnId returnId() {
            return returnId;
        }
    }
}
