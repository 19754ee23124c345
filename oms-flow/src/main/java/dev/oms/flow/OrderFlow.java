package dev.oms.flow;

import dev.oms.core.FraudScreening;
import dev.oms.core.OrderCommand.CommandKind;
import dev.oms.core.OrderDecider;
import dev.oms.core.OrderPayments;
import dev.oms.core.PaymentPlan;
import dev.oms.core.OrderService;
import dev.oms.core.OrderService.OrderEventListener;
import dev.oms.core.PlaceOrder;
import dev.oms.core.TransitionTable;
import dev.oms.core.TransitionTable.CommandGuard;
import dev.oms.flow.EditPlan.StalePreviewException;
import dev.oms.flow.FlowResult.ProcessFailedException;
import dev.oms.flow.internal.Admission;
import dev.oms.flow.internal.Engines;
import dev.oms.flow.internal.Processes;
import dev.oms.fulfillment.FulfillmentDecider.FulfillmentRuleException;
import dev.oms.fulfillment.FulfillmentService;
import dev.oms.fulfillment.Location;
import dev.oms.fulfillment.PickList.BinLocator;
import dev.oms.fulfillment.Router;
import dev.oms.fulfillment.Router.StockView;
import dev.oms.inventory.InventoryService;
import dev.oms.returns.ReturnDraft;
import dev.oms.returns.ReturnPolicy;
import dev.oms.returns.ReturnService;
import dev.oms.spi.CommandKey;
import dev.oms.spi.FulfillmentOrderId;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OmsException.CommandKeyConflictException;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReturnId;
import dev.oms.spi.RuleViolationException;
import dev.oms.spi.RuleViolationException.QuantityUnavailableException;
import dev.oms.spi.Sku;
import dev.oms.spi.fulfillment.CarrierGateway;
import dev.oms.spi.fulfillment.CarrierGateway.TrackingUpdate;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.HoldType;
import dev.oms.spi.order.OrderEdit;
import dev.oms.spi.payment.FraudScreen;
import dev.oms.spi.payment.FraudScreen.FraudVerdict;
import dev.oms.spi.payment.PaymentGateway;
import dev.oms.spi.payment.PaymentShare;
import dev.oms.spi.payment.StoreCreditGateway;
import dev.oms.spi.process.ProcessId;
import dev.oms.spi.process.ProcessRecord;
import dev.oms.spi.returns.Inspection;
import dev.oms.spi.returns.RefundBreakdown.RefundMethod;
import dev.oms.spi.returns.ReturnRequest;
import java.time.Clock;
import dev.oms.core.Drafts;
import dev.oms.core.memory.InMemoryDraftStore;
import dev.oms.flow.internal.QuoteHolds;
import dev.oms.spi.DraftId;
import dev.oms.spi.store.DraftStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The order's life across every module, as one entry point for hosts: accept an order from any
 * channel, hold and release it, edit it, cancel it (or a line, or some units) at any stage, ship
 * it, track it to delivery or hand it over in a store, and take it back through returns,
 * exchanges and claims, with stock, fulfilment orders and payment kept in step.
 *
 * <h2>Durable processes</h2>
 * Every operation that reaches more than one module runs as a process. Its record (what the host
 * asked, and for an edit its plan) is saved in the {@link dev.oms.spi.process.ProcessStore} before
 * any step runs; each step is then recorded when it is done, decisions (a routing plan, an amount
 * to capture) before anything acts on them. Every step is idempotent by a key derived from the
 * process ({@code oms/<process>/<step>}, a namespace hosts' keys cannot use), so a crash between
 * an effect and its record only makes the next run repeat the effect, which changes nothing.
 * {@link #resume()} finds processes a crash or a failing gateway interrupted and drives each to an
 * end; repeating a call with the same key does the same for that call. A process that oms refused
 * before doing anything ends as failed, and a repeat of its key throws
 * {@link ProcessFailedException}.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>Bad input (an unknown order, SKU or line, a cancelled order, more units than are open, a
 *       stale preview) is refused with a typed {@link dev.oms.spi.OmsException} that names it,
 *       before anything is saved in any store.</li>
 *   <li>Nothing is picked, packed, labelled or shipped for an order that is cancelled or on hold;
 *       a cancellation takes units back from fulfilment orders before it cancels them, so a
 *       cancelled unit never ships and no stock stays held for it.</li>
 *   <li>What is captured is the value of what shipped (never more than the grand total, whatever
 *       a provider did before timing out); a price change of shipped units is refunded; what an
 *       ended order no longer needs is voided (see {@link FlowPolicy}).</li>
 *   <li>An order completes on its own once every unit is delivered, lost, returned or cancelled.</li>
 * </ul>
 *
 * <p>The flow starts no thread: {@link #runDue()} (timers on the injected clock) and
 * {@link #resume()} are called from the host's scheduler. Thread-safe; several instances (in one
 * JVM or many) may share the stores.
 */
public final class OrderFlow {
    private final Engines engines;
    private final Processes processes;
    private final Admission admission;
    private final Drafts drafts;

    private OrderFlow(Engines engines, IdGenerator ids) {
        this.engines = engines;
        this.processes = new Processes(engines);
        this.admission = new Admission(engines, processes);
        this.drafts = Drafts.of(engines.drafts(), engines.orders(), ids, new QuoteHolds(engines));
    }

    /**
     * @param stores the five stores
     * @return a builder: no fraud screen (every order passes), system clock, random ids,
     *     {@link FlowPolicy#defaults()}
     */
    public static Builder builder(FlowStores stores) {
        return new Builder(InvalidInputException.requireNonNull(stores, "stores"));
    }

    // ------------------------------------------------------------------ the services, for reads and single-module steps

    /**
     * The services below the flow, for reads and single-module steps. Their calls that move
     * units or money across modules (for example {@code FulfillmentService.ship}, {@code cancel}
     * and {@code cancelUnits}, or {@code OrderService.handle} with a cancellation) skip what the
     * flow keeps in step (capture per parcel, the order's bookkeeping, the processes): use the
     * flow's own calls for those.
     *
     * @return the order service (reads, history)
     */
    public OrderService orders() {
        return engines.orders();
    }

    /**
     * Draft orders and quotes on the flow's draft store ({@link Builder#drafts}), priced by its
     * order service; a quote sent with {@code holdStock} has its stock routed and held by the
     * flow's router and inventory until it expires. {@link #convert} makes a draft an order.
     *
     * @return the drafts
     */
    public Drafts drafts() {
        return drafts;
    }

    /**
     * Converts a draft (an agent's open draft order, or a quote its buyer accepted) into an order
     * and accepts it like any other ({@link #accept(OrderId, CommandKey)}): screened, approved if
     * it is a business order above its buyer's limit, authorised, confirmed, routed. The order has
     * the id the draft chose, the draft's id as its external order id, and the draft's content
     * unchanged (negotiated prices, manual discounts, terms); stock its quote still holds becomes
     * its fulfilment orders before anything else is routed.
     *
     * <p>Idempotent: placing is keyed by the draft, so a repeat (after a crash between placing
     * and accepting, say) finishes what the first call started and places nothing twice.
     *
     * @param id the draft
     * @param key the host's key
     * @return what accepting the order did
     * @throws dev.oms.spi.order.Draft.DraftRuleException ({@code draft-convertible}) if it is quoted
     *     and not accepted, expired or withdrawn; ({@code draft-exists}) if there is none; nothing changed
     */
    public FlowResult convert(DraftId id, CommandKey key) {
        return admission.convert(drafts, id, List.of(), key);
    }

    /**
     * Converts a draft into an order paid several ways, or on the method the buyer's terms say
     * (an invoice): as {@link #convert(DraftId, CommandKey)}, authorised share by share as
     * {@link #accept(PlaceOrder, List, CommandKey)} does.
     *
     * @param id the draft
     * @param payments the shares: at least one, each method once, only the last without an amount
     * @param key the host's key
     * @return what accepting the order did
     * @throws dev.oms.spi.order.Draft.DraftRuleException as {@link #convert(DraftId, CommandKey)}
     * @throws InvalidInputException naming the share if the shares are wrong; nothing changed
     */
    public FlowResult convert(DraftId id, List<PaymentShare> payments, CommandKey key) {
        return admission.convert(drafts, id, payments, key);
    }

    /**
     * The host reports that a production stage of a made-to-order line completed
     * ({@link Production}): recorded once, in the recipe's order; a stage completed after its
     * planned end moves the promise (a {@code DeliveryPromised} event naming it); the last stage
     * receives the units at the workshop and gives them a fulfilment order.
     *
     * @param orderId the order
     * @param lineId the made-to-order line
     * @param stage the stage's name, as its recipe has it
     * @param actual when it completed (not in the future)
     * @param key the host's key
     * @return the acceptance, after it went on; a repeat of the same report returns it unchanged
     * @throws InvalidInputException if the line has no such stage or the time is in the future
     * @throws RuleViolationException ({@code made-to-order}) if the line is not in production;
     *     ({@code stages-in-order}) if the stage before is not reported; ({@code stage-reported-once})
     *     if it was reported with another time; nothing changed
     */
    public FlowResult completeStage(OrderId orderId, LineId lineId, String stage, java.time.Instant actual,
            CommandKey key) {
        return admission.completeStage(orderId, lineId, stage, actual, key);
    }

    /**
     * @param orderId an order
     * @return the production of its made-to-order lines: stages planned (as moved by late ones) and
     *     done, the delivery promised now; empty if it has none or it is not planned yet
     */
    public List<Production.LineProduction> production(OrderId orderId) {
        return admission.production(InvalidInputException.requireNonNull(orderId, "orderId"));
    }

    /** @return the inventory engine (positions, availability, counts) */
    public InventoryService inventory() {
        return engines.inventory();
    }

    /** @return the fulfilment service (fulfilment orders, pick lists, shipments; see {@link #orders()}) */
    public FulfillmentService fulfillment() {
        return engines.fulfillment();
    }

    /** @return the returns service (requests, labels, reads) */
    public ReturnService returns() {
        return engines.returns();
    }


    /** @return the router */
    public Router router() {
        return engines.router();
    }

    /** @return the clock every service of the flow uses */
    public Clock clock() {
        return engines.clock();
    }

    /**
     * @param id a process
     * @return its record, if there is one
     */
    public Optional<ProcessRecord> process(ProcessId id) {
        return engines.processes().load(InvalidInputException.requireNonNull(id, "id"));
    }

    /**
     * @param orderId an order
     * @return its processes, oldest first
     */
    public List<ProcessRecord> processesOf(OrderId orderId) {
        return engines.processes().ofOrder(InvalidInputException.requireNonNull(orderId, "orderId"));
    }

    // ------------------------------------------------------------------ accept

    /**
     * Accepts an order from any channel: places it (idempotent by channel order), screens it for
     * fraud, authorises its grand total, confirms it, routes every line and reserves the stock at
     * the chosen locations, and creates the fulfilment orders. Units no location can take wait as
     * a backorder and are routed again when stock arrives ({@link #receive}, restocked returns,
     * {@link #routeWaiting()}). A fraud review, a declined payment or a hold makes it wait:
     * {@link #approveReview}, {@link #retryPayment}, {@link #releaseHold}.
     *
     * @param placement the order
     * @param key the host's key
     * @return the order, its fulfilment orders and what could not be routed (SKU, location, rule)
     * @throws dev.oms.spi.InvalidInputException.UnknownSkuException if a SKU is stocked nowhere; nothing changed
     * @throws CommandKeyConflictException if the key was used for another request
     * @throws dev.oms.spi.OmsException.PlacementConflictException if the channel order was accepted before with
     *     other content; nothing changed
     */
    public FlowResult accept(PlaceOrder placement, CommandKey key) {
        return admission.accept(placement, key);
    }

    /**
     * Accepts an order paid several ways: as {@link #accept(PlaceOrder, CommandKey)}, with its
     * grand total authorised share by share in the order given, each on its own method ("the gift
     * card up to 30.00, the card for the rest": {@link PaymentShare#upTo}, then one
     * {@link PaymentShare#rest}). A share pays at most its amount and never more than the grand
     * total leaves; a gift card or store credit share goes to the {@link Builder#balances balance
     * gateway}, if there is one (which declines a share above what the balance has: pass an
     * amount the card can pay). The shares' order is the order of the authorisations; the flow's
     * captures, voids and refunds are then spread over the methods by its
     * {@link Builder#paymentPlan payment plan}, and an edit that costs more is authorised on the
     * shares' card (else their invoice or bank transfer, else the last share's method).
     *
     * <p>A share that is declined puts the order on a payment hold and the shares after it are not
     * authorised: the acceptance waits for {@code WaitReason.PAYMENT}, and the order's
     * {@code PaymentDeclined} event names the share's method.
     * {@link #retryPayment} then authorises what is still missing, share by share, on the same
     * methods. A crash between two shares is resumed with each share authorised once.
     *
     * @param placement the order
     * @param payments the shares: at least one, each method once, only the last without an amount
     * @param key the host's key
     * @return what accepting did
     * @throws InvalidInputException naming the share if the shares are wrong (an amount in another
     *     currency, two shares of one method, a rest that is not last); nothing changed
     * @throws dev.oms.spi.OmsException.PlacementConflictException if the channel order was
     *     accepted with other shares; nothing changed
     */
    public FlowResult accept(PlaceOrder placement, List<PaymentShare> payments, CommandKey key) {
        return admission.accept(placement, payments, key);
    }

    /**
     * Accepts an order placed by other means (the channel import, say): the same steps as
     * {@link #accept(PlaceOrder, CommandKey)} after the placement. What the order has authorised
     * stands; only what its grand total still lacks is authorised, on an order paid several ways
     * on its first card (else its first invoice or bank transfer, else its last method).
     *
     * @param orderId the order
     * @param key the host's key
     * @return what accepting did
     * @throws dev.oms.spi.OmsException.OrderNotFoundException if there is no such order; nothing changed
     */
    public FlowResult accept(OrderId orderId, CommandKey key) {
        return admission.accept(orderId, key);
    }

    /**
     * A person reviewed an order the fraud screen sent to review and let it go: the hold is
     * released and accepting goes on.
     *
     * @param orderId the order
     * @param note the reviewer's note
     * @param key the host's key
     * @return the acceptance, after it went on
     */
    public FlowResult approveReview(OrderId orderId, String note, CommandKey key) {
        return admission.approveReview(orderId, note, key);
    }

    /**
     * After a declined payment the customer put it right (a working card behind the same method,
     * a gift card topped up): accepting goes on with a new round that authorises what is still
     * missing, share by share on an order accepted with shares, asking no share again that holds
     * its part. To pay with other methods, cancel the order and accept it again instead. On an
     * acceptance that is not waiting for a payment it changes nothing and returns where it is.
     * Every call while it waits is a new round: a retry declined again waits for the next one.
     *
     * @param orderId the order
     * @param key the host's key (named in the acceptance's log of the wake-up)
     * @return the acceptance, after it went on
     * @throws dev.oms.spi.OmsException.OrderNotFoundException if there is no such order
     * @throws dev.oms.spi.RuleViolationException if the order was not accepted through the flow
     *     ({@code accepted-through-the-flow})
     */
    public FlowResult retryPayment(OrderId orderId, CommandKey key) {
        return admission.retryPayment(orderId, key);
    }

    // ------------------------------------------------------------------ holds

    /**
     * Holds an order and every fulfilment order of it that has not shipped yet: nothing is picked,
     * packed, labelled or shipped until the hold is released.
     *
     * @param orderId the order
     * @param type the hold's type
     * @param code names the hold among the order's
     * @param reason why
     * @param key the host's key
     * @return what holding did
     */
    public FlowResult placeHold(OrderId orderId, HoldType type, String code, String reason, CommandKey key) {
        return admission.placeHold(orderId, type, code, reason, key);
    }

    /**
     * Releases a hold on an order and its fulfilment orders; what waited for it goes on.
     *
     * @param orderId the order
     * @param type the hold's type
     * @param code the hold's code
     * @param note why it is released
     * @param key the host's key
     * @return what releasing did
     */
    public FlowResult releaseHold(OrderId orderId, HoldType type, String code, String note, CommandKey key) {
        return admission.releaseHold(orderId, type, code, note, key);
    }

    /**
     * Approves a business order that waits for its approver ({@link HoldType#APPROVAL}): releases
     * the hold, and the order goes on to be routed and fulfilled.
     *
     * @param orderId the order
     * @param approver the approver's reference, the one the order waits for
     * @param key the host's key
     * @return what releasing did
     * @throws RuleViolationException ({@code approved-by-its-approver}) if the order waits for
     *     another approver or for none; nothing changed
     */
    public FlowResult approve(OrderId orderId, String approver, CommandKey key) {
        return admission.approve(orderId, approver, key);
    }

    /**
     * Rejects a business order that waits for its approver: cancels it
     * ({@link CancelReason#REJECTED_BY_APPROVER}), so what it holds (stock, authorisations) goes back.
     *
     * @param orderId the order
     * @param approver the approver's reference, the one the order waits for
     * @param reason why, at most 400 characters
     * @param key the host's key
     * @return what was cancelled
     * @throws RuleViolationException ({@code approved-by-its-approver}) if the order waits for
     *     another approver or for none; nothing changed
     */
    public FlowResult reject(OrderId orderId, String approver, String reason, CommandKey key) {
        return admission.reject(orderId, approver, reason, key);
    }

    // ------------------------------------------------------------------ cancel

    /**
     * Cancels every unshipped unit of an order, at any stage: fulfilment orders that have not
     * shipped give their units back (their stock is released), the units are cancelled, what the
     * order no longer needs is voided (or refunded, if captured). After a partial shipment it
     * cancels the unshipped rest; units in a parcel are named in the result.
     *
     * @param orderId the order
     * @param reason why
     * @param note free text (no personal data)
     * @param key the host's key
     * @return what was cancelled and what could not be
     * @throws dev.oms.core.TransitionTable.IllegalTransitionException if the order is cancelled, completed or archived
     * @throws RuleViolationException ({@code cancel-unshipped-units}) if every unit shipped
     */
    public FlowResult cancel(OrderId orderId, CancelReason reason, String note, CommandKey key) {
        return admission.cancel(orderId, reason, note, key);
    }

    /**
     * Cancels some units of one line, at any stage (unallocated ones first, then units fulfilment
     * orders give back).
     *
     * @param orderId the order
     * @param lineId the line
     * @param quantity units, at most what is unshipped
     * @param reason why
     * @param note free text
     * @param key the host's key
     * @return what was cancelled and what could not be
     * @throws QuantityUnavailableException if the line has fewer unshipped units; nothing changed
     * @throws dev.oms.spi.InvalidInputException.UnknownLineException if the order has no such line
     */
    public FlowResult cancel(OrderId orderId, LineId lineId, Quantity quantity, CancelReason reason, String note,
            CommandKey key) {
        return admission.cancel(orderId, lineId, quantity, reason, note, key);
    }

    // ------------------------------------------------------------------ edit

    /**
     * Previews an edit, before or after allocation: the order after it, the units fulfilment
     * orders not yet shipped would give back, the new routing of what would be unallocated, what
     * could not be routed, and the payment difference. Nothing is saved.
     *
     * @param orderId the order
     * @param edits the changes
     * @return the plan to show and then commit
     * @throws dev.oms.spi.OmsException the typed refusal (for example a quantity below what shipped)
     */
    public EditPlan previewEdit(OrderId orderId, List<OrderEdit> edits) {
        InvalidInputException.requireNonNull(edits, "edits");
        return processes.previewEdit(InvalidInputException.requireNonNull(orderId, "orderId"), edits);
    }

    /**
     * Commits a previewed edit: exactly the preview, or nothing (see {@link EditPlan}).
     *
     * @param plan the preview
     * @param key the host's key
     * @return what the edit did
     * @throws StalePreviewException if the order, a fulfilment order or the planned stock changed
     *     since the preview; nothing stays changed
     * @throws dev.oms.core.OrderPayments.PaymentDeclinedException if the difference was declined; nothing stays changed
     */
    public FlowResult commitEdit(EditPlan plan, CommandKey key) {
        return admission.commitEdit(plan, key);
    }

    // ------------------------------------------------------------------ warehouse, shipping, tracking, pickup

    /**
     * @param id a fulfilment order
     * @param key the host's key
     * @return it, picking
     * @throws FulfillmentRuleException if it is not created, on hold, or its order is not live or on hold
     */
    public FulfillmentOrder startPicking(FulfillmentOrderId id, CommandKey key) {
        return engines.fulfillment().startPicking(id, Admission.requireHostKey(key));
    }

    /**
     * @param id a fulfilment order
     * @param key the host's key
     * @return it, packed
     */
    public FulfillmentOrder pack(FulfillmentOrderId id, CommandKey key) {
        return engines.fulfillment().pack(id, Admission.requireHostKey(key));
    }

    /**
     * Ships units of a packed fulfilment order: every rule is checked (the order's too) before the
     * label is bought; then the parcel is saved, stock committed, the shipment recorded on the
     * order, and exactly the value this parcel added is captured.
     *
     * @param id the fulfilment order
     * @param lines units per order line, at most what is open
     * @param key the host's key (the label purchase is idempotent by it)
     * @return the parcel, the fulfilment order and the money captured
     * @throws FulfillmentRuleException if a rule refuses; nothing changed and no label was bought
     * @throws dev.oms.fulfillment.FulfillmentDecider.LabelFailedException if the carrier refused the label; nothing changed
     */
    public FlowResult ship(FulfillmentOrderId id, List<LineQuantity> lines, CommandKey key) {
        return admission.ship(id, lines, key);
    }

    /**
     * Applies a carrier's update; a delivery is recorded at the carrier's time and completes the
     * order once every unit is delivered, lost, returned or cancelled. Idempotent by update id.
     *
     * @param update the update
     * @return what it did
     * @throws InvalidInputException if no parcel has the tracking number; nothing changed
     */
    public FlowResult track(TrackingUpdate update) {
        return admission.track(update);
    }

    /**
     * Makes a packed pickup order ready at its store; it then waits for the customer
     * ({@link #pickedUp}), or, after the policy's time, goes back to stock ({@link #runDue()}).
     *
     * @param id the pickup order
     * @param key the host's key
     * @return what it did
     */
    public FlowResult readyForPickup(FulfillmentOrderId id, CommandKey key) {
        return admission.readyForPickup(id, key);
    }

    /**
     * The customer collected a pickup order: handed over, the value captured, the order completed
     * if that was all.
     *
     * @param id the pickup order
     * @param key the host's key
     * @return what it did
     */
    public FlowResult pickedUp(FulfillmentOrderId id, CommandKey key) {
        return admission.pickedUp(id, key);
    }

    // ------------------------------------------------------------------ stock

    /**
     * Receives stock (a purchase order, a transfer), then routes the orders waiting for stock
     * again, oldest first.
     *
     * @param sku the SKU
     * @param location where it arrived
     * @param quantity units
     * @param receipt the purchase order or transfer
     * @param key the host's key
     * @return the receipt's own process, done; the orders it routed show it in their acceptances
     *     ({@link #processesOf}) and fulfilment orders
     * @throws dev.oms.spi.InvalidInputException.UnknownPositionException if the SKU is not stocked there; nothing changed
     */
    public List<ProcessRecord> receive(Sku sku, LocationId location, Quantity quantity, Reference receipt,
            CommandKey key) {
        return admission.receive(sku, location, quantity, receipt, key);
    }

    /**
     * Routes the orders waiting for stock again, oldest first: for a host that received stock
     * through the inventory service directly.
     */
    public void routeWaiting() {
        processes.routeWaiting();
    }

    // ------------------------------------------------------------------ returns

    /**
     * Asks for a return, an exchange or a claim (a single step of the returns service).
     *
     * @param draft what is asked
     * @param key the host's key
     * @return the request
     */
    public ReturnRequest requestReturn(ReturnDraft draft, CommandKey key) {
        return engines.returns().request(draft, Admission.requireHostKey(key));
    }

    /**
     * Approves a return or an exchange; an exchange whose replacement ships first is accepted
     * (routed and reserved) at once.
     *
     * @param id the return
     * @param returnLocation where the units go back to
     * @param key the host's key
     * @return the return as it is after it
     */
    public ReturnRequest approveReturn(ReturnId id, LocationId returnLocation, CommandKey key) {
        return admission.approveReturn(id, returnLocation, key);
    }

    /**
     * Approves a claim (nothing comes back).
     *
     * @param id the claim
     * @param key the host's key
     * @return the claim as it is after it
     */
    public ReturnRequest approveClaim(ReturnId id, CommandKey key) {
        return admission.approveClaim(id, key);
    }

    /**
     * The returned units arrived: recorded as returned on the order.
     *
     * @param id the return
     * @param lines units per order line
     * @param key the host's key
     * @return the return as it is after it
     */
    public ReturnRequest receiveReturn(ReturnId id, List<LineQuantity> lines, CommandKey key) {
        return admission.receiveReturn(id, lines, key);
    }

    /**
     * Inspection: each unit's disposition moves it in inventory; restocked units route the orders
     * waiting for them.
     *
     * @param id the return
     * @param inspections per line, what inspection found and where the units go
     * @param key the host's key
     * @return the return as it is after it
     */
    public ReturnRequest inspectReturn(ReturnId id, List<Inspection.LineInspection> inspections, CommandKey key) {
        return admission.inspectReturn(id, inspections, key);
    }

    /**
     * Refunds an inspected return or an approved refund claim; a claim for a lost parcel records
     * the loss, and the order completes if that settled it.
     *
     * @param id the return
     * @param method to the original payment or as store credit
     * @param key the host's key
     * @return the return as it is after it
     */
    public ReturnRequest refundReturn(ReturnId id, RefundMethod method, CommandKey key) {
        return admission.refundReturn(id, method, key);
    }

    /**
     * Settles an exchange (or a replacement claim): the credit, the difference, and the
     * replacement order confirmed and accepted (routed and reserved).
     *
     * @param id the exchange or claim
     * @param key the host's key
     * @return the return as it is after it
     */
    public ReturnRequest exchange(ReturnId id, CommandKey key) {
        return admission.exchange(id, key);
    }

    // ------------------------------------------------------------------ personal data

    /**
     * Erases the personal data of an order that ended (completed, cancelled or archived), for a
     * GDPR erasure request: its addresses keep only their country, its customer reference becomes
     * {@code erased}, and every free text the host gave (hold reasons, notes, cancellation and
     * decline reasons, a carrier's tracking detail) becomes empty: in the order's snapshot and
     * every event of its history (rewritten in place, with their outbox entries), in its process
     * records, its fulfilment orders and their history, and its returns and theirs. Totals,
     * quantities, payments, statuses, ids and the history's events themselves are kept, so
     * reports and reconciliation still add up. The order records a {@code PersonalDataErased}
     * event last, which subscribers that keep copies of the order's events act on.
     *
     * <p>The parts are erased one store after the other, the order last: an order that reads as
     * erased has nothing of it left in any store. A repeat with the same key after a crash or a
     * failure finishes the erasure; an erasure with another key erases again (what an edit or a
     * later return brought in, say).
     *
     * @param orderId the order
     * @param key the host's key
     * @return the order, erased
     * @throws dev.oms.core.TransitionTable.IllegalTransitionException if the order has not ended; nothing is erased
     */
    public Order erasePersonalData(OrderId orderId, CommandKey key) {
        Admission.requireHostKey(key);
        return new dev.oms.flow.internal.Erasure(engines).erase(InvalidInputException.requireNonNull(orderId,
                "orderId"), key);
    }

    // ------------------------------------------------------------------ timers and resume

    /**
     * Does what is due on the flow's clock: orders unpaid for {@link FlowPolicy#unpaidAfter()}
     * are cancelled, backorders past {@link FlowPolicy#backorderAfter()} are cancelled as out of
     * stock, pickups not collected within {@link FlowPolicy#pickupAfter()} go back to stock and
     * are cancelled, quotes past their expiry expire ({@link Drafts#expireQuotes()}: the stock they
     * held goes back), expired reservations lapse. Call it from the host's scheduler.
     *
     * @return the processes whose time was due, after it
     */
    public List<ProcessRecord> runDue() {
        List<ProcessRecord> due = processes.runDue();
        drafts.expireQuotes();
        return due;
    }

    /**
     * Finds the processes a crash or a failing gateway interrupted (running, not saved for
     * {@link FlowPolicy#resumeAfter()}) and drives each to an end or to its next wait. A process
     * that fails again keeps its failure and is tried on the next call.
     *
     * @return the processes tried, after the attempt
     */
    public List<ProcessRecord> resume() {
        return processes.resume();
    }

    /**
     * Configures an {@link OrderFlow}: the stores, the host's gateways, the network, the one clock
     * and id generator every service shares, and the policy. Not thread-safe; build once.
     */
    public static final class Builder {
        private final FlowStores stores;
        private PaymentGateway payments;
        private PaymentPlan paymentPlan = PaymentPlan.standard();
        private PaymentGateway balances;
        private FraudScreen fraud = order -> new FraudVerdict(FraudVerdict.Outcome.ACCEPT, "no fraud screen configured");
        private CarrierGateway carrier;
        private final List<Location> locations = new ArrayList<>();
        private UnaryOperator<Router.Builder> routing = UnaryOperator.identity();
        private ReturnPolicy returnPolicy = ReturnPolicy.builder().build();
        private StoreCreditGateway storeCredit;
        private dev.oms.spi.order.TaxProvider taxes;
        private BinLocator bins = BinLocator.unassigned();
        private Clock clock = Clock.systemUTC();
        private IdGenerator ids = IdGenerator.randomUuids();
        private FlowPolicy policy = FlowPolicy.defaults();
        private final List<OrderEventListener> listeners = new ArrayList<>();
        private final List<Guard> guards = new ArrayList<>();
        private dev.oms.core.AttributeDefinitions attributes = dev.oms.core.AttributeDefinitions.NONE;
        private dev.oms.spi.order.ApprovalPolicy approvals = dev.oms.spi.order.ApprovalPolicy.NONE;
        private dev.oms.spi.payment.CreditCheck credit = dev.oms.spi.payment.CreditCheck.UNLIMITED;
        private DraftStore draftStore = new InMemoryDraftStore();
        private Production production = Production.NONE;

        private record Guard(String name, CommandGuard guard, CommandKind[] kinds) {
        }

        private Builder(FlowStores stores) {
            this.stores = stores;
        }

        /** @param gateway the host's payment provider (required) @return this builder */
        public Builder payments(PaymentGateway gateway) {
            this.payments = InvalidInputException.requireNonNull(gateway, "payments");
            return this;
        }

        /**
         * @param value in which order the flow's captures, voids and refunds draw on an order's
         *     payment methods (default: {@link PaymentPlan#standard()}); authorisations follow the
         *     order of the shares the order was accepted with
         * @return this builder
         */
        public Builder paymentPlan(PaymentPlan value) {
            this.paymentPlan = InvalidInputException.requireNonNull(value, "paymentPlan");
            return this;
        }

        /**
         * @param gateway where the money of gift card and store credit methods goes (a balance the
         *     host keeps, never spent past what it holds: see {@link OrderPayments#withBalances});
         *     default: the payment gateway takes every method
         * @return this builder
         */
        public Builder balances(PaymentGateway gateway) {
            this.balances = InvalidInputException.requireNonNull(gateway, "balances");
            return this;
        }

        /** @param screen the host's fraud screen (default: every order passes) @return this builder */
        public Builder fraud(FraudScreen screen) {
            this.fraud = InvalidInputException.requireNonNull(screen, "fraud");
            return this;
        }

        /**
         * @param provider the host's tax engine, asked when {@code accept} places an order whose
         *     host supplies its tax and that carries none (see {@link OrderService.Builder#taxes})
         * @return this builder
         */
        public Builder taxes(dev.oms.spi.order.TaxProvider provider) {
            this.taxes = InvalidInputException.requireNonNull(provider, "taxes");
            return this;
        }

        /** @param gateway the host's carriers (required) @return this builder */
        public Builder carrier(CarrierGateway gateway) {
            this.carrier = InvalidInputException.requireNonNull(gateway, "carrier");
            return this;
        }

        /** @param value the locations orders are routed to (at least one) @return this builder */
        public Builder locations(List<Location> value) {
            this.locations.addAll(InvalidInputException.requireNonNull(value, "locations"));
            return this;
        }

        /** @param value locations orders are routed to @return this builder */
        public Builder locations(Location... value) {
            return locations(List.of(value));
        }

        /**
         * @param value adds rules, rankings, capacity or a search limit to the router (the
         *     locations, stock and clock are the flow's)
         * @return this builder
         */
        public Builder routing(UnaryOperator<Router.Builder> value) {
            this.routing = InvalidInputException.requireNonNull(value, "routing");
            return this;
        }

        /** @param value the return policy (default: the standard one) @return this builder */
        public Builder returnPolicy(ReturnPolicy value) {
            this.returnPolicy = InvalidInputException.requireNonNull(value, "returnPolicy");
            return this;
        }

        /** @param value the host's store credit, for refunds as credit @return this builder */
        public Builder storeCredit(StoreCreditGateway value) {
            this.storeCredit = InvalidInputException.requireNonNull(value, "storeCredit");
            return this;
        }

        /** @param value where SKUs are stored, for pick lists @return this builder */
        public Builder bins(BinLocator value) {
            this.bins = InvalidInputException.requireNonNull(value, "bins");
            return this;
        }

        /** @param value the one clock of every service the flow builds @return this builder */
        public Builder clock(Clock value) {
            this.clock = InvalidInputException.requireNonNull(value, "clock");
            return this;
        }

        /** @param value the one id generator of every service the flow builds @return this builder */
        public Builder ids(IdGenerator value) {
            this.ids = InvalidInputException.requireNonNull(value, "ids");
            return this;
        }

        /** @param value timers and money choices @return this builder */
        public Builder policy(FlowPolicy value) {
            this.policy = InvalidInputException.requireNonNull(value, "policy");
            return this;
        }

        /**
         * @param definitions the custom attributes orders and lines may carry (checked on every
         *     placement and edit); without this, none
         * @return this builder
         */
        public Builder attributes(dev.oms.core.AttributeDefinitions definitions) {
            this.attributes = InvalidInputException.requireNonNull(definitions, "attributes");
            return this;
        }

        /**
         * @param policy which business orders (with {@code B2bTerms}) wait for an approver when
         *     accepted, or after an edit that raised their total; without this, none
         * @return this builder
         */
        public Builder approvals(dev.oms.spi.order.ApprovalPolicy policy) {
            this.approvals = InvalidInputException.requireNonNull(policy, "approvals");
            return this;
        }

        /**
         * @param check the credit limits of business accounts, asked before each authorisation of an
         *     order with {@code B2bTerms} (a refusal is a decline); without this, unlimited
         * @return this builder
         */
        public Builder creditCheck(dev.oms.spi.payment.CreditCheck check) {
            this.credit = InvalidInputException.requireNonNull(check, "creditCheck");
            return this;
        }

        /**
         * Which products are made to order, and how ({@link Production}); without this, none.
         *
         * @param recipes the host's recipes
         * @return this builder
         */
        public Builder production(Production recipes) {
            this.production = InvalidInputException.requireNonNull(recipes, "production");
            return this;
        }

        /**
         * Where draft orders and quotes live; without this, in memory (drafts do not survive the
         * JVM: a host that keeps its orders in a database passes its own {@link DraftStore}).
         *
         * @param store the draft store
         * @return this builder
         */
        public Builder drafts(DraftStore store) {
            this.draftStore = InvalidInputException.requireNonNull(store, "drafts");
            return this;
        }

        /** @param listener told about every saved order change @return this builder */
        public Builder listener(OrderEventListener listener) {
            this.listeners.add(InvalidInputException.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Adds a host rule on order commands (see {@link OrderDecider.Builder#guard}).
         *
         * @param name names the guard in refusals
         * @param guard the rule
         * @param kinds the command kinds it watches
         * @return this builder
         */
        public Builder guard(String name, CommandGuard guard, CommandKind... kinds) {
            guards.add(new Guard(name, guard, kinds.clone()));
            return this;
        }

        /**
         * @return the flow
         * @throws InvalidInputException if the payment gateway, the carrier or the locations are missing
         */
        public OrderFlow build() {
            InvalidInputException.requireNonNull(payments, "payments");
            InvalidInputException.requireNonNull(carrier, "carrier");
            if (locations.isEmpty()) {
                throw new InvalidInputException("locations", "a flow routes to at least one location");
            }
            if (policy.adjustmentRefunds() == RefundMethod.STORE_CREDIT && storeCredit == null) {
                throw new InvalidInputException("storeCredit", "the policy refunds adjustments as store credit, so a "
                        + "StoreCreditGateway is needed");
            }
            OrderDecider.Builder decider = OrderDecider.builder().clock(clock).ids(ids).attributes(attributes);
            guards.forEach(g -> decider.guard(g.name(), g.guard(), g.kinds()));
            OrderService.Builder orderBuilder = OrderService.builder(stores.orders()).decider(decider.build());
            listeners.forEach(orderBuilder::listener);
            if (taxes != null) {
                orderBuilder.taxes(taxes);
            }
            OrderService orders = orderBuilder.build();
            OrderPayments planned = new OrderPayments(orders, payments, paymentPlan).withCreditCheck(credit);
            OrderPayments pay = balances == null ? planned : planned.withBalances(balances);
            InventoryService inventory = InventoryService.builder(stores.inventory()).clock(clock).ids(ids).build();
            FulfillmentService fulfillment = FulfillmentService.builder(orders, inventory, stores.fulfillment(), carrier)
                    .bins(bins).clock(clock).ids(ids).build();
            Router router = routing.apply(Router.builder(locations, StockView.of(inventory.availability())).clock(clock))
                    .build();
            ReturnService.Builder returns = ReturnService.builder(orders, pay, inventory, stores.returns())
                    .policy(returnPolicy).carrier(carrier).clock(clock).ids(ids);
            if (storeCredit != null) {
                returns.storeCredit(storeCredit);
            }
            return new OrderFlow(new Engines(orders, pay, new FraudScreening(orders, fraud), inventory, fulfillment,
                    router, returns.build(), Optional.ofNullable(storeCredit), stores.processes(), clock, policy,
                    approvals, draftStore, production), ids);
        }
    }
}
