package dev.oms.returns;

import dev.oms.core.CommandFingerprint;
import dev.oms.core.CommandResult;
import dev.oms.core.OrderCommand;
import dev.oms.core.OrderPayments;
import dev.oms.core.OrderService;
import dev.oms.core.OrderTotals;
import dev.oms.core.PlaceOrder;
import dev.oms.inventory.InventoryService;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CommandKeyConflictException;
import dev.oms.spi.CurrencyMismatchException;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OmsException;
import dev.oms.spi.OrderId;
import dev.oms.spi.PaymentLimitExceededException;
import dev.oms.spi.PaymentReference;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReturnId;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.event.PaymentRefunded;
import dev.oms.spi.event.PersonalDataErased;
import dev.oms.spi.event.QuantitiesDelivered;
import dev.oms.spi.fulfillment.CarrierGateway;
import dev.oms.spi.fulfillment.LabelRequest;
import dev.oms.spi.fulfillment.LabelResult;
import dev.oms.spi.internal.PersonalData;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.NewLine;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.OrderLine;
import dev.oms.spi.order.OrderStatus;
import dev.oms.spi.payment.StoreCreditGateway;
import dev.oms.spi.returns.ClaimResolution;
import dev.oms.spi.returns.RefundAccount;
import dev.oms.spi.returns.RefundBreakdown;
import dev.oms.spi.returns.RefundMethod;
import dev.oms.spi.returns.Replacement;
import dev.oms.spi.returns.ReturnChange;
import dev.oms.spi.returns.ReturnConflictException;
import dev.oms.spi.returns.ReturnEvent;
import dev.oms.spi.returns.ReturnEvent.LineInspection;
import dev.oms.spi.returns.ReturnKind;
import dev.oms.spi.returns.ReturnLabel;
import dev.oms.spi.returns.ReturnLine;
import dev.oms.spi.returns.ReturnRequest;
import dev.oms.spi.returns.ReturnStatus;
import dev.oms.spi.returns.ReturnStore;
import dev.oms.spi.returns.ShippingPayer;
import dev.oms.spi.store.CommandRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.money.MonetaryAmount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *   <li>{@link #refund}: calculates the refund line by line ({@link RefundCalculator}), counts it
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
    private static final Logger LOG = LoggerFactory.getLogger(ReturnService.class);
    private static final int MAX_ATTEMPTS = 16;

    private final OrderService orders;
    private final OrderPayments payments;
    private final InventoryService inventory;
    private final ReturnStore store;
    private final ReturnPolicy policy;
    private final Optional<CarrierGateway> carrier;
    private final Optional<StoreCreditGateway> storeCredit;
    private final Clock clock;
    private final ReturnDecider decider;

    private ReturnService(Builder b) {
        this.orders = b.orders;
        this.payments = b.payments;
        this.inventory = b.inventory;
        this.store = b.store;
        this.policy = b.policy;
        this.carrier = Optional.ofNullable(b.carrier);
        this.storeCredit = Optional.ofNullable(b.storeCredit);
        this.clock = b.clock;
        this.decider = new ReturnDecider(b.clock, b.ids);
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
            boolean holds = !PersonalData.erased(r).equals(r)
                    || store.events(r.id()).stream().anyMatch(e -> !PersonalData.erased(e).equals(e));
            erased.add(holds ? step(r.id(), key, "erase:" + r.id(), "", current -> new ReturnCommand.ErasePersonalData())
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
     * What {@link #refund} would pay now, without counting or saving anything: for showing the
     * customer or an agent before they confirm.
     *
     * @param id the return (inspected, or an approved refund claim)
     * @param method where the money would go
     * @return the refund, line by line
     */
    public RefundBreakdown previewRefund(ReturnId id, RefundMethod method) {
        ReturnRequest r = load(id);
        if (r.refund().isPresent()) {
            return r.refund().get();
        }
        decider.requireAllowed(r, ReturnCommandKind.CALCULATE_REFUND);
        return calculation(r, method, store.refundAccount(r.orderId())).breakdown();
    }

    // ------------------------------------------------------------------ request

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
        InvalidInputException.requireNonNull(draft, "draft");
        InvalidInputException.requireNonNull(key, "key");
        ReturnId id = ReturnId.of("rma-" + CommandFingerprint.ofKey(key).substring(0, 20));
        List<Object> content = List.of("request", draft);
        String fingerprint = CommandFingerprint.of(content);
        for (int attempt = 1; ; attempt++) {
            Optional<CommandRecord> done = store.findCommand(key);
            if (done.isPresent()) {
                requireSameCommand(done.get(), content);
                return load(id);
            }
            // The account first: if another request lands after this read, the save below conflicts.
            var account = store.refundAccount(draft.orderId());
            Order order = orders.load(draft.orderId());
            Instant now = clock.instant();
            List<OrderEvent> history = orders.history(order.id());
            List<PolicyViolation> violations = new ArrayList<>(policy.check(order, draft.kind(), draft.lines(),
                    deliveredAt(history), held(store.ofOrder(order.id())), now));
            // an archived order takes no return; an erased one neither: its customer and addresses are gone
            String refused = order.status() == OrderStatus.ARCHIVED ? "order-not-archived"
                    : history.stream().anyMatch(PersonalDataErased.class::isInstance) ? "order-not-erased" : null;
            if (refused != null) {
                for (RequestedLine line : draft.lines()) {
                    violations.add(new PolicyViolation(refused, line.lineId(), "order " + order.id() + " is "
                            + (refused.equals("order-not-archived") ? "archived" : "erased (its personal data)")));
                }
            }
            if (!violations.isEmpty()) {
                throw new ReturnRefusedException(order.id(), violations);
            }
            ReturnRequest created = newRequest(id, order, draft, now);
            ReturnEvent.Requested event = decider.request(created);
            try {
                store.save(new ReturnChange(created, 0, List.of(event),
                        Optional.of(new ReturnChange.AccountWrite(account.next(), account.version())),
                        Optional.of(new CommandRecord(key, fingerprint, order.id(), 1, List.of(event.eventId())))));
                LOG.debug("return {} requested for order {}: {} {}", id, order.id(), draft.kind(), draft.lines());
                return created;
            } catch (ReturnConflictException | CommandKeyConflictException raced) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw raced;
                }
            }
        }
    }

    private ReturnRequest newRequest(ReturnId id, Order order, ReturnDraft draft, Instant now) {
        List<ReturnLine> lines = new ArrayList<>();
        for (RequestedLine asked : draft.lines()) {
            OrderLine line = order.requireLine(asked.lineId());
            lines.add(ReturnLine.requested(line.id(), line.sku(), asked.quantity(), asked.reason()));
        }
        ShippingPayer payer = draft.kind() == ReturnKind.CLAIM ? ShippingPayer.MERCHANT
                : policy.shippingPayer(draft.lines().stream().map(RequestedLine::reason).toList());
        Optional<Replacement> replacement = Optional.empty();
        if (draft.kind() == ReturnKind.EXCHANGE) {
            for (NewLine l : draft.replacementLines()) {
                if (!l.unitPrice().getCurrency().equals(order.currency())) {
                    throw new CurrencyMismatchException("ReturnDraft.replacementLines", order.currency(),
                            l.unitPrice().getCurrency());
                }
            }
            replacement = Optional.of(new Replacement(draft.replacementLines(), draft.shipReplacementFirst(),
                    Optional.empty()));
        } else if (draft.claimResolution().filter(c -> c == ClaimResolution.REPLACEMENT).isPresent()) {
            replacement = Optional.of(new Replacement(freeCopies(order, lines), false, Optional.empty()));
        }
        return new ReturnRequest(id, order.id(), order.header().customer(), draft.kind(), ReturnStatus.REQUESTED,
                lines, payer, Optional.empty(), Optional.empty(), Optional.empty(), replacement,
                draft.claimResolution(), "", now, now, 1);
    }

    /** The claimed units again, free of charge. */
    private static List<NewLine> freeCopies(Order order, List<ReturnLine> lines) {
        MonetaryAmount zero = dev.oms.spi.Amounts.zero(order.currency());
        List<NewLine> copies = new ArrayList<>();
        for (ReturnLine l : lines) {
            copies.add(new NewLine(l.lineId(), l.sku(), l.quantity(), zero, zero, zero));
        }
        return copies;
    }

    /**
     * Units other open requests hold against the order's delivered and in-transit units. A claim
     * for lost units stops holding them once settled: the order then records them lost.
     */
    private ReturnPolicy.Held held(List<ReturnRequest> existing) {
        Map<LineId, Quantity> delivered = new HashMap<>();
        Map<LineId, Quantity> inTransit = new HashMap<>();
        for (ReturnRequest r : existing) {
            if (!r.holdsUnits()) {
                continue;
            }
            for (ReturnLine line : r.lines()) {
                if (r.kind() == ReturnKind.CLAIM) {
                    boolean lost = undelivered(line);
                    boolean settled = r.status() == ReturnStatus.REFUNDED || r.status() == ReturnStatus.EXCHANGED
                            || r.status() == ReturnStatus.CLOSED;
                    if (lost && settled) {
                        continue;
                    }
                    (lost ? inTransit : delivered).merge(line.lineId(), line.quantity(), Quantity::plus);
                } else if (r.status() != ReturnStatus.CLOSED) {
                    // received units are already returned on the order; only those still expected are held
                    delivered.merge(line.lineId(), line.quantity().minus(line.received()), Quantity::plus);
                }
            }
        }
        return new ReturnPolicy.Held(delivered, inTransit);
    }

    /** When each line was last delivered (the carrier's time), from the order's events. */
    private static Map<LineId, Instant> deliveredAt(List<OrderEvent> history) {
        Map<LineId, Instant> at = new HashMap<>();
        for (OrderEvent event : history) {
            if (event instanceof QuantitiesDelivered delivered) {
                for (LineQuantity lq : delivered.lines()) {
                    at.merge(lq.lineId(), delivered.deliveredAt(), (a, b) -> a.isAfter(b) ? a : b);
                }
            }
        }
        return at;
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
        ReturnRequest r = step(id, key, "approve", location, current -> new ReturnCommand.Approve(location));
        if (r.kind() == ReturnKind.EXCHANGE) {
            r = placeReplacement(r, key);
            Replacement replacement = r.replacement().orElseThrow();
            if (replacement.shipFirst()) {
                OrderId replacementId = replacement.orderId().orElseThrow();
                MonetaryAmount price = OrderTotals.of(orders.load(replacementId)).grandTotal();
                if (price.isPositive()) {
                    payments.authorise(replacementId, price, derived(key, "replacement-authorise"));
                }
                orders.handle(replacementId, new OrderCommand.Confirm(), derived(key, "replacement-confirm"));
            }
        }
        return r;
    }

    private ReturnRequest placeReplacement(ReturnRequest r, CommandKey key) {
        if (r.replacement().orElseThrow().orderId().isPresent()) {
            return r;
        }
        Order original = orders.load(r.orderId());
        PlaceOrder.Builder b = PlaceOrder.builder(original.header().channel(), ExternalOrderId.of("x-" + r.id()),
                original.header().customer(), original.currency())
                .shipTo(original.header().shippingAddress()).billTo(original.header().billingAddress())
                .placedAt(clock.instant())
                .tag(r.kind() == ReturnKind.EXCHANGE ? "exchange" : "claim-replacement");
        if (original.header().pickupLocation().isPresent()) {
            b.pickupAt(original.header().pickupLocation().get());
        } else {
            b.serviceLevel(original.header().serviceLevel());
        }
        r.replacement().orElseThrow().lines().forEach(b::line);
        OrderId placed = orders.place(b.build(), derived(key, "replacement-place")).order().id();
        return step(r.id(), key, "replacement-ordered", placed,
                current -> new ReturnCommand.RecordReplacementOrdered(placed));
    }

    /**
     * @param id the return
     * @param reason why (shown to the customer; no personal data)
     * @param key the idempotency key
     * @return the return, rejected
     */
    public ReturnRequest reject(ReturnId id, String reason, CommandKey key) {
        InvalidInputException.requireNonNull(reason, "reason");
        return step(id, key, "reject", reason, current -> new ReturnCommand.Reject(reason));
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
        if (store.findCommand(derived(key, "label")).isPresent()) {
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
        return step(id, key, "label", label, current -> new ReturnCommand.RecordLabel(label));
    }

    /**
     * @param id the return
     * @param key the idempotency key
     * @return the return, in transit
     */
    public ReturnRequest markInTransit(ReturnId id, CommandKey key) {
        return step(id, key, "in-transit", "", current -> new ReturnCommand.MarkInTransit());
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
        ReturnRequest r = step(id, key, "cancel", reason, current -> new ReturnCommand.Cancel(reason));
        if (r.label().isPresent() && carrier.isPresent()) {
            carrier.get().cancelLabel(r.label().get().trackingNumber());
        }
        Optional<Replacement> replacement = r.replacement();
        if (replacement.isPresent() && replacement.get().orderId().isPresent() && !replacement.get().shipFirst()) {
            OrderId placed = replacement.get().orderId().get();
            if (orders.load(placed).status() == OrderStatus.PENDING) {
                orders.handle(placed, new OrderCommand.Cancel(CancelReason.CUSTOMER_REQUEST,
                        "return " + r.id() + " was cancelled"), derived(key, "replacement-cancel"));
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
        CommandKey stepKey = derived(key, "receive");
        if (store.findCommand(stepKey).isPresent()) {
            return step(id, key, "receive", command, current -> command);
        }
        ReturnRequest r = load(id);
        decider.decide(r, command);
        orders.handle(r.orderId(), new OrderCommand.RecordReturn(r.id(), command.lines()), derived(key, "order-return"));
        return step(id, key, "receive", command, current -> command);
    }

    /**
     * Inspects every received unit not inspected yet; each disposition is recorded in inventory
     * at its location (a restock makes the units available again).
     *
     * @param id the return
     * @param inspections per order line, covering exactly the uninspected received units
     * @param key the idempotency key
     * @return the return, inspected
     * @throws dev.oms.spi.inventory.UnknownSkuException if a SKU is stocked nowhere
     * @throws dev.oms.spi.inventory.UnknownPositionException if a SKU is not stocked at an
     *     inspection's location
     */
    public ReturnRequest inspect(ReturnId id, List<LineInspection> inspections, CommandKey key) {
        ReturnCommand.Inspect command = new ReturnCommand.Inspect(inspections);
        InvalidInputException.requireNonNull(key, "key");
        ReturnRequest r = load(id);
        if (store.findCommand(derived(key, "inspect")).isEmpty()) {
            decider.decide(r, command);
            for (LineInspection li : command.inspections()) {
                inventory.position(r.line(li.lineId()).orElseThrow().sku(), li.inspection().location());
            }
        }
        ReturnRequest inspected = step(id, key, "inspect", command, current -> command);
        Reference ref = Reference.of(Reference.Type.RETURN, id.value());
        for (int i = 0; i < command.inspections().size(); i++) {
            LineInspection li = command.inspections().get(i);
            inventory.receiveReturn(inspected.line(li.lineId()).orElseThrow().sku(), li.inspection().location(),
                    li.inspection().quantity(), li.inspection().disposition(), ref, derived(key, "disposition-" + i));
        }
        return inspected;
    }

    // ------------------------------------------------------------------ money

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
     * @throws dev.oms.core.PaymentDeclinedException if the provider declined; the refund stays
     *     calculated and a retry pays it
     */
    public ReturnRequest refund(ReturnId id, RefundMethod method, CommandKey key) {
        InvalidInputException.requireNonNull(method, "method");
        if (method == RefundMethod.EXCHANGE_CREDIT) {
            throw new InvalidInputException("method", "exchange credit is for exchanges; use exchange()");
        }
        InvalidInputException.requireNonNull(key, "key");
        if (store.findCommand(derived(key, "refunded")).isPresent()) {
            return load(id);
        }
        decider.requireAllowed(load(id), ReturnCommandKind.REFUND);
        ReturnRequest r = calculated(id, method, key);
        recordLostUnits(r, key);
        RefundBreakdown refund = r.refund().orElseThrow();
        if (refund.method() != method) {
            throw new ReturnRuleException(r, "refund-matches-calculation", "the refund was calculated for "
                    + refund.method() + ", not " + method);
        }
        Optional<PaymentReference> reference = Optional.empty();
        if (refund.total().isPositive()) {
            CommandResult paid = method == RefundMethod.STORE_CREDIT
                    ? payments.refundAsStoreCredit(r.orderId(), refund.total(), storeCredit.orElseThrow(() ->
                            new InvalidInputException("storeCredit", "no StoreCreditGateway is configured")),
                            derived(key, "pay"))
                    : payments.refund(r.orderId(), refund.total(), derived(key, "pay"));
            reference = refundReference(paid);
        }
        Optional<PaymentReference> ref = reference;
        return step(id, key, "refunded", method, current -> new ReturnCommand.RecordRefunded(refund.total(), method, ref));
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
        InvalidInputException.requireNonNull(key, "key");
        if (store.findCommand(derived(key, "exchanged")).isPresent()) {
            return load(id);
        }
        ReturnRequest r = load(id);
        MonetaryAmount none = zero(r);
        if (r.kind() == ReturnKind.RETURN) {
            throw new ReturnRuleException(r, "replacement-for-kind", "a return is refunded, not exchanged");
        }
        if (r.kind() == ReturnKind.CLAIM) {
            decider.requireAllowed(r, ReturnCommandKind.EXCHANGE);
            r = placeReplacement(r, key);
            OrderId replacement = r.replacement().orElseThrow().orderId().orElseThrow();
            orders.handle(replacement, new OrderCommand.Confirm(), derived(key, "replacement-confirm"));
            return step(id, key, "exchanged", "claim", current -> new ReturnCommand.RecordExchanged(none, none, none));
        }
        decider.requireAllowed(r, ReturnCommandKind.EXCHANGE);
        r = calculated(id, RefundMethod.EXCHANGE_CREDIT, key);
        recordLostUnits(r, key);
        MonetaryAmount credit = r.refund().orElseThrow().total();
        OrderId replacementId = r.replacement().orElseThrow().orderId().orElseThrow();
        MonetaryAmount price = OrderTotals.of(orders.load(replacementId)).grandTotal();
        MonetaryAmount transferred = none;
        MonetaryAmount charged = none;
        MonetaryAmount refunded = none;
        if (r.replacement().get().shipFirst()) {
            if (credit.isPositive()) {
                payments.refund(r.orderId(), credit, derived(key, "credit-refund"));
            }
            refunded = credit;
        } else {
            transferred = credit.isGreaterThan(price) ? price : credit;
            if (transferred.isPositive()) {
                PaymentReference ref = PaymentReference.of("exchange:" + r.id());
                orders.handle(r.orderId(), new OrderCommand.RecordRefund(transferred, ref), derived(key, "credit-out"));
                orders.handle(replacementId, new OrderCommand.RecordAuthorisation(transferred, ref),
                        derived(key, "credit-in"));
                orders.handle(replacementId, new OrderCommand.RecordCapture(transferred, ref),
                        derived(key, "credit-captured"));
            }
            if (price.isGreaterThan(credit)) {
                charged = price.subtract(credit);
                payments.authorise(replacementId, charged, derived(key, "difference-charge"));
            } else if (credit.isGreaterThan(price)) {
                refunded = credit.subtract(price);
                payments.refund(r.orderId(), refunded, derived(key, "difference-refund"));
            }
            orders.handle(replacementId, new OrderCommand.Confirm(), derived(key, "replacement-confirm"));
        }
        MonetaryAmount t = transferred;
        MonetaryAmount c = charged;
        MonetaryAmount f = refunded;
        return step(id, key, "exchanged", "exchange", current -> new ReturnCommand.RecordExchanged(t, c, f));
    }

    /**
     * @param id a refunded, exchanged or inspected return
     * @param key the idempotency key
     * @return it, closed
     */
    public ReturnRequest close(ReturnId id, CommandKey key) {
        return step(id, key, "close", "", current -> new ReturnCommand.Close());
    }

    /**
     * Settling a claim for units that never arrived records them lost on the order (what of them
     * is still in transit: a parcel that turned up after all is delivered, not lost), so the order
     * can complete. Idempotent by a key derived from the caller's.
     */
    private void recordLostUnits(ReturnRequest r, CommandKey key) {
        if (r.kind() != ReturnKind.CLAIM) {
            return;
        }
        Order order = orders.load(r.orderId());
        List<LineQuantity> lost = new ArrayList<>();
        for (ReturnLine line : r.lines()) {
            if (undelivered(line)) {
                long inTransit = order.requireLine(line.lineId()).quantities().inTransit().value();
                long units = Math.min(line.quantity().value(), inTransit);
                if (units > 0) {
                    lost.add(new LineQuantity(line.lineId(), Quantity.of(units)));
                }
            }
        }
        if (!lost.isEmpty() && orders.load(r.orderId()).status() == dev.oms.spi.order.OrderStatus.PROCESSING) {
            orders.handle(r.orderId(), new OrderCommand.RecordLoss(lost, "claim " + r.id()), derived(key, "lost"));
        }
    }

    private boolean undelivered(ReturnLine line) {
        return policy.reasons().find(line.reason()).filter(reason -> reason.use() == ReturnReason.Use.CLAIM_UNDELIVERED)
                .isPresent();
    }

    /** Calculates and counts the refund once; a later call returns the counted one. */
    private ReturnRequest calculated(ReturnId id, RefundMethod method, CommandKey key) {
        for (int attempt = 1; ; attempt++) {
            ReturnRequest r = load(id);
            if (r.refund().isPresent()) {
                return r;
            }
            decider.requireAllowed(r, ReturnCommandKind.CALCULATE_REFUND);
            var account = store.refundAccount(r.orderId());
            RefundCalculator.Result result = calculation(r, method, account);
            RefundBreakdown refund = result.breakdown();
            Order order = orders.load(r.orderId());
            // An early guard on what was paid so far; the order's payment ledger is the final one
            // (a refund counted here but beyond the ledger when paid is refused there, and stays
            // calculated for a later attempt).
            MonetaryAmount refundable = order.payments().refundable();
            if (refund.total().isGreaterThan(refundable)) {
                if (store.refundAccount(r.orderId()).version() != account.version()) {
                    continue; // another refund was counted (and maybe paid) meanwhile: calculate again
                }
                throw new PaymentLimitExceededException(order.id(), "refund-within-captured", refundable,
                        refund.total());
            }
            ReturnCommand.RecordRefundCalculated command = new ReturnCommand.RecordRefundCalculated(refund);
            List<ReturnEvent> events = decider.decide(r, command);
            ReturnRequest next = decider.evolveAll(r, events);
            try {
                store.save(new ReturnChange(next, r.version(), events,
                        Optional.of(new ReturnChange.AccountWrite(result.accountAfter(), account.version())),
                        Optional.of(record(derived(key, "calculate"), List.of("calculate", method), next, events))));
                LOG.debug("return {} of order {}: refund {} calculated", id, r.orderId(), refund.total());
                return next;
            } catch (ReturnConflictException | CommandKeyConflictException raced) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw raced;
                }
            }
        }
    }

    private RefundCalculator.Result calculation(ReturnRequest r, RefundMethod method, RefundAccount account) {
        Order order = orders.load(r.orderId());
        boolean isReturn = r.kind() == ReturnKind.RETURN;
        List<RefundCalculator.RefundUnits> units = new ArrayList<>();
        for (ReturnLine line : r.lines()) {
            Quantity q = r.kind() == ReturnKind.CLAIM ? line.quantity() : line.received();
            if (q.isPositive()) {
                units.add(new RefundCalculator.RefundUnits(line.lineId(), q, policy.refundsShipping(line.reason()),
                        isReturn && !policy.waivesRestockingFee(line.reason())));
            }
        }
        if (units.isEmpty()) {
            throw new ReturnRuleException(r, "refund-for-kind", "no unit of the return was received, so nothing is "
                    + "refunded; close it instead");
        }
        MonetaryAmount fee = isReturn && r.shippingPaidBy() == ShippingPayer.CUSTOMER
                ? policy.returnShippingFee(order) : zero(r, order);
        return RefundCalculator.calculate(order, units, account,
                isReturn ? policy.restockingFee() : RestockingFee.none(), fee, method);
    }

    // ------------------------------------------------------------------ plumbing

    /**
     * Decides a command on the fresh return and saves it with the step's key, once: a repeat of the
     * step with the same key returns the return as it is now.
     */
    private ReturnRequest step(ReturnId id, CommandKey key, String name, Object arguments,
            Function<ReturnRequest, ReturnCommand> command) {
        InvalidInputException.requireNonNull(key, "key");
        CommandKey stepKey = derived(key, name);
        List<Object> content = List.of(name, arguments);
        String fingerprint = CommandFingerprint.of(content);
        for (int attempt = 1; ; attempt++) {
            Optional<CommandRecord> done = store.findCommand(stepKey);
            if (done.isPresent()) {
                requireSameCommand(done.get(), content);
                return load(id);
            }
            ReturnRequest current = load(id);
            ReturnCommand decided = command.apply(current);
            List<ReturnEvent> events = decider.decide(current, decided);
            ReturnRequest next = decider.evolveAll(current, events);
            List<ReturnEvent> rewrites = decided instanceof ReturnCommand.ErasePersonalData
                    ? PersonalData.rewrites(store.events(id), current.version(), e -> e.metadata().returnVersion(),
                            PersonalData::erased) : List.of();
            try {
                store.save(new ReturnChange(next, current.version(), events, Optional.empty(), Optional.of(
                        new CommandRecord(stepKey, fingerprint, next.orderId(), next.version(),
                                events.stream().map(ReturnEvent::eventId).toList())), rewrites));
                LOG.debug("return {} of order {}: {} -> {}", id, next.orderId(), name, next.status());
                return next;
            } catch (ReturnConflictException | CommandKeyConflictException raced) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw raced;
                }
            }
        }
    }

    private static CommandRecord record(CommandKey key, Object arguments, ReturnRequest next, List<ReturnEvent> events) {
        return new CommandRecord(key, CommandFingerprint.of(arguments), next.orderId(), next.version(),
                events.stream().map(ReturnEvent::eventId).toList());
    }

    private static void requireSameCommand(CommandRecord record, Object content) {
        if (!CommandFingerprint.matches(record.fingerprint(), content)) {
            throw new CommandKeyConflictException(record.key(), "was used for a different return request");
        }
    }

    private static Optional<PaymentReference> refundReference(CommandResult paid) {
        for (OrderEvent event : paid.events()) {
            if (event instanceof PaymentRefunded refunded) {
                return Optional.of(refunded.reference());
            }
        }
        return Optional.empty();
    }

    private MonetaryAmount zero(ReturnRequest r) {
        return zero(r, orders.load(r.orderId()));
    }

    private static MonetaryAmount zero(ReturnRequest r, Order order) {
        return dev.oms.spi.Amounts.zero(order.currency());
    }

    private static CommandKey derived(CommandKey key, String step) {
        return InvalidInputException.requireNonNull(key, "key").derive(step);
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
}
