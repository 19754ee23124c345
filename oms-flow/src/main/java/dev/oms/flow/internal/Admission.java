package dev.oms.flow.internal;

import dev.oms.core.FraudScreening;
import dev.oms.core.OrderCommand;
import dev.oms.core.OrderCommand.CommandKind;
import dev.oms.core.PlaceOrder;
import dev.oms.core.TransitionTable;
import dev.oms.flow.EditPlan;
import dev.oms.flow.FlowResult;
import dev.oms.flow.internal.Engines;
import dev.oms.flow.internal.Processes;
import dev.oms.fulfillment.FulfillmentDecider.FulfillmentRuleException;
import dev.oms.returns.ReturnCommand;
import dev.oms.spi.CommandKey;
import dev.oms.spi.FulfillmentOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OmsException;
import dev.oms.spi.OmsException.CommandKeyConflictException;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReturnId;
import dev.oms.spi.RuleViolationException;
import dev.oms.spi.RuleViolationException.QuantityUnavailableException;
import dev.oms.spi.Sku;
import dev.oms.spi.fulfillment.CarrierGateway.TrackingUpdate;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentKind;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentOrderStatus;
import dev.oms.spi.fulfillment.Shipment;
import dev.oms.spi.fulfillment.Shipment.ShipmentStatus;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.HoldType;
import dev.oms.spi.order.Order.OrderLine;
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.payment.PaymentShare;
import dev.oms.spi.process.ProcessId;
import dev.oms.spi.process.ProcessInput;
import dev.oms.spi.process.ProcessRecord;
import dev.oms.spi.process.ProcessRecord.ProcessKind;
import dev.oms.spi.process.ProcessRecord.ProcessStatus;
import dev.oms.spi.process.ProcessRecord.ProcessStep;
import dev.oms.spi.returns.Inspection;
import dev.oms.spi.returns.RefundBreakdown.RefundMethod;
import dev.oms.spi.returns.ReturnRequest;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What every host operation of {@code OrderFlow} checks before its process starts, and how it
 * starts it: the host's key is the host's (not one oms derives), the request is well formed, and
 * the first step's rules hold on the state as it is (a refusal changes nothing); then the process
 * is started, or the one a repeat of the key started is carried on. {@code OrderFlow} is the
 * documented API and delegates here.
 */
public final class Admission {
    private final Engines engines;
    private final Processes processes;

    /**
     * @param engines the flow's engines and stores
     * @param processes the flow's processes
     */
    public Admission(Engines engines, Processes processes) {
        this.engines = engines;
        this.processes = processes;
    }

    /**
     * @param key a key from the host
     * @return it
     * @throws InvalidInputException if it is missing or in the prefix reserved for derived keys
     */
    public static CommandKey requireHostKey(CommandKey key) {
        InvalidInputException.requireNonNull(key, "key");
        if (key.isReserved()) {
            throw new InvalidInputException("key", "keys beginning with \"" + CommandKey.RESERVED_PREFIX
                    + "\" are reserved for the steps oms derives");
        }
        return key;
    }

    public FlowResult accept(PlaceOrder placement, CommandKey key) {
        InvalidInputException.requireNonNull(placement, "placement");
        return start(placement, List.of(), key);
    }

    public FlowResult accept(PlaceOrder placement, List<PaymentShare> payments, CommandKey key) {
        InvalidInputException.requireNonNull(placement, "placement");
        return start(placement, PaymentShare.requireValid(payments, placement.header().currency(), "payments"), key);
    }

    private FlowResult start(PlaceOrder placement, List<PaymentShare> payments, CommandKey key) {
        return start(placement, payments, key, List.of());
    }

    private FlowResult start(PlaceOrder placement, List<PaymentShare> payments, CommandKey key,
            List<ProcessStep> first) {
        requireHostKey(key);
        engines.orders().decider().place(placement).orThrow();
        Optional<Order> before = engines.orders().placed(placement); // a repeat with other content is refused, naming what differs
        placement.lines().forEach(line -> requireStocked(line.sku()));
        engines.orders().recorded(key).ifPresent(earlier -> {
            if (!earlier.order().header().channel().equals(placement.header().channel())
                    || !earlier.order().header().externalOrderId().equals(placement.header().externalOrderId())) {
                throw new CommandKeyConflictException(key, "was already used for order " + earlier.order().id());
            }
        });
        ProcessId id = Processes.acceptanceOf(placement.header().channel().value(),
                placement.header().externalOrderId().value());
        engines.processes().load(id).map(ProcessRecord::input).filter(ProcessInput.Accept.class::isInstance)
                .map(input -> ((ProcessInput.Accept) input).payments()).filter(earlier -> !earlier.equals(payments))
                .ifPresent(earlier -> {
                    String difference = "payments: accepted with " + describe(earlier) + ", now " + describe(payments);
                    if (before.isEmpty()) { // a crash stopped the first acceptance before it placed the order
                        throw new InvalidInputException("payments", "the channel order is being accepted with other "
                                + difference);
                    }
                    throw new OmsException.PlacementConflictException(placement.header().channel(),
                            placement.header().externalOrderId(), before.get().id(), List.of(difference));
                });
        return processes.start(id, ProcessKind.ACCEPT, key, new ProcessInput.Accept(placement.header(),
                placement.lines(), placement.discounts(), placement.shippingCharges(), payments), Optional.empty(),
                first, true);
    }

    private static String describe(List<PaymentShare> shares) {
        return shares.isEmpty() ? "one payment" : shares.stream().map(s -> s.method().id() + s.upTo()
                .map(a -> " up to " + dev.oms.spi.Amounts.format(a)).orElse(" for the rest")).toList().toString();
    }

    public FlowResult accept(OrderId orderId, CommandKey key) {
        requireHostKey(key);
        Order order = engines.orders().load(orderId);
        if (engines.processes().load(Processes.acceptanceOf(order)).isEmpty()) {
            if (order.status() != OrderStatus.PENDING && order.status() != OrderStatus.CONFIRMED
                    && order.status() != OrderStatus.PROCESSING) {
                TransitionTable.check(order, CommandKind.CONFIRM);
            }
            order.lines().forEach(line -> requireStocked(line.sku()));
        }
        return processes.start(Processes.acceptanceOf(order), ProcessKind.ACCEPT, key,
                new ProcessInput.AcceptPlaced(orderId), Optional.of(orderId), List.of(), true);
    }

    /**
     * Places a draft's order under its id (keyed by the draft), records the conversion, and accepts
     * the order like a placement (its first step finds the order placed, by its channel order).
     */
    public FlowResult convert(dev.oms.core.Drafts drafts, dev.oms.spi.DraftId id, List<PaymentShare> payments,
            CommandKey key) {
        requireHostKey(key);
        InvalidInputException.requireNonNull(payments, "payments");
        dev.oms.spi.order.Draft loaded = drafts.load(id);
        dev.oms.spi.order.Draft draft = loaded;
        List<PaymentShare> shares = payments.isEmpty() ? List.of()
                : PaymentShare.requireValid(payments, draft.header().currency(), "payments");
        if (draft.status() != dev.oms.spi.order.Draft.Status.CONVERTING
                && draft.status() != dev.oms.spi.order.Draft.Status.CONVERTED) {
            dev.oms.core.Drafts.requireConvertible(draft);
            draft.lines().forEach(line -> requireStocked(line.sku()));
            engines.orders().find(loaded.header().channel(), loaded.header().externalOrderId())
                    .filter(other -> !other.id().equals(loaded.orderId())).ifPresent(other -> {
                        throw new dev.oms.spi.order.Draft.DraftRuleException(id, "draft-id-unique", "channel order "
                                + loaded.header().channel() + "/" + loaded.header().externalOrderId()
                                + " is order " + other.id() + " already, not this draft's");
                    });
            draft = drafts.converting(id, CommandKey.reserved("converting", id.value()));
        }
        PlaceOrder placement = dev.oms.core.Drafts.placement(draft);
        if (draft.status() == dev.oms.spi.order.Draft.Status.CONVERTING) {
            engines.orders().place(draft.orderId(), placement, CommandKey.reserved("convert", id.value()));
            draft = drafts.converted(id, CommandKey.reserved("converted", id.value()));
        }
        return start(placement, shares, key, QuoteHolds.firstSteps(engines, draft));
    }

    /** Records the host's report that a stage of a made-to-order line completed, and lets the acceptance go on. */
    public FlowResult completeStage(OrderId orderId, dev.oms.spi.LineId lineId, String stage, java.time.Instant actual,
            CommandKey key) {
        requireHostKey(key);
        InvalidInputException.requireNonNull(lineId, "lineId");
        InvalidInputException.requireCode(stage, "stage");
        InvalidInputException.requireNonNull(actual, "actual");
        Order order = engines.orders().load(orderId);
        order.requireLine(lineId);
        ProcessRecord acceptance = engines.processes().load(Processes.acceptanceOf(order)).orElseThrow(() ->
                new RuleViolationException(orderId, "accepted-through-the-flow", "the order was not accepted "
                        + "through the flow"));
        dev.oms.flow.Production.LineProduction line = ProductionSteps.progress(acceptance, lineId).orElseThrow(() ->
                new RuleViolationException(orderId, "made-to-order", "line " + lineId + " is not in production"));
        if (!order.requireLine(lineId).quantities().unshipped().isPositive() && !line.produced()) {
            throw new RuleViolationException(orderId, "made-to-order", "line " + lineId
                    + " was cancelled: nothing is left to make");
        }
        int at = -1;
        for (int i = 0; i < line.stages().size(); i++) {
            if (line.stages().get(i).name().equals(stage)) {
                at = i;
            }
        }
        if (at < 0) {
            throw new InvalidInputException("stage", "line " + lineId + " has no stage " + stage + " (its stages: "
                    + line.stages().stream().map(dev.oms.flow.Production.StageProgress::name).toList() + ")");
        }
        java.util.Optional<java.time.Instant> reported = line.stages().get(at).actual();
        if (reported.isPresent()) {
            if (reported.get().equals(actual)) {
                return processes.result(acceptance, true);
            }
            throw new RuleViolationException(orderId, "stage-reported-once", "stage " + stage + " of line " + lineId
                    + " was reported complete at " + reported.get());
        }
        if (at > 0 && line.stages().get(at - 1).actual().isEmpty()) {
            throw new RuleViolationException(orderId, "stages-in-order", "stage " + line.stages().get(at - 1).name()
                    + " of line " + lineId + " comes before " + stage + " and is not reported yet");
        }
        if (at > 0 && actual.isBefore(line.stages().get(at - 1).actual().orElseThrow())) {
            throw new InvalidInputException("actual", actual + " is before stage " + line.stages().get(at - 1).name()
                    + " was complete (" + line.stages().get(at - 1).actual().orElseThrow() + ")");
        }
        java.time.Instant now = engines.clock().instant();
        if (actual.isAfter(now)) {
            throw new InvalidInputException("actual", actual + " is in the future (now " + now + ")");
        }
        if (acceptance.status() != ProcessStatus.WAITING) {
            throw new RuleViolationException(orderId, "in-production", "the order's acceptance is "
                    + acceptance.status() + (acceptance.status() == ProcessStatus.RUNNING ? "; resume it first" : ""));
        }
        FlowResult woken = processes.wake(acceptance, actual.toString(),
                Optional.of(ProductionSteps.stageStep(lineId, stage)));
        // a report of the same stage with another time that won a race stands; this one is refused
        Optional<java.time.Instant> recorded = engines.processes().load(acceptance.id()).flatMap(a -> a.step(
                ProductionSteps.stageStep(lineId, stage))).map(step -> java.time.Instant.parse(step.note()));
        if (recorded.isPresent() && !recorded.get().equals(actual)) {
            throw new RuleViolationException(orderId, "stage-reported-once", "stage " + stage + " of line " + lineId
                    + " was reported complete at " + recorded.get() + " by a report at the same time as this one");
        }
        return woken;
    }

    /** @return the production of the order's made-to-order lines, from its acceptance */
    public List<dev.oms.flow.Production.LineProduction> production(OrderId orderId) {
        Order order = engines.orders().load(orderId);
        Optional<ProcessRecord> acceptance = engines.processes().load(Processes.acceptanceOf(order));
        List<dev.oms.flow.Production.LineProduction> out = new java.util.ArrayList<>();
        acceptance.ifPresent(a -> order.lines().forEach(l -> ProductionSteps.progress(a, l.id()).ifPresent(out::add)));
        return out;
    }

    public FlowResult approveReview(OrderId orderId, String note, CommandKey key) {
        releaseHold(orderId, HoldType.FRAUD_REVIEW, FraudScreening.HOLD_CODE, note, key);
        return acceptanceResult(orderId);
    }

    public FlowResult retryPayment(OrderId orderId, CommandKey key) {
        requireHostKey(key);
        Order order = engines.orders().load(orderId);
        ProcessRecord acceptance = engines.processes().load(Processes.acceptanceOf(order)).orElseThrow(() ->
                new RuleViolationException(orderId, "accepted-through-the-flow", "the order was not accepted "
                        + "through the flow"));
        if (acceptance.status() != ProcessStatus.WAITING
                || acceptance.waitingFor().filter(w -> w == ProcessRecord.WaitReason.PAYMENT).isEmpty()) {
            return processes.result(acceptance, true);
        }
        return processes.wake(acceptance, "payment retried (" + key + ")");
    }

    private FlowResult acceptanceResult(OrderId orderId) {
        Order order = engines.orders().load(orderId);
        return engines.processes().load(Processes.acceptanceOf(order)).map(r -> processes.result(r, false))
                .orElseThrow(() -> new RuleViolationException(orderId, "accepted-through-the-flow",
                        "the order was not accepted through the flow"));
    }

    public FlowResult placeHold(OrderId orderId, HoldType type, String code, String reason, CommandKey key) {
        requireHostKey(key);
        requireNotApproval(orderId, type);
        Order order = engines.orders().load(orderId);
        return processes.startChecked(Processes.ofHostKey(key),
                () -> engines.orders().decider().decide(order, new OrderCommand.PlaceHold(type, code, reason))
                        .orThrow(),
                ProcessKind.HOLD, key, new ProcessInput.ChangeHold(orderId, type, code, reason, false),
                Optional.of(orderId), false);
    }

    public FlowResult releaseHold(OrderId orderId, HoldType type, String code, String note, CommandKey key) {
        requireHostKey(key);
        requireNotApproval(orderId, type);
        Order order = engines.orders().load(orderId);
        return processes.startChecked(Processes.ofHostKey(key),
                () -> engines.orders().decider().decide(order, new OrderCommand.ReleaseHold(type, code, note))
                        .orThrow(),
                ProcessKind.HOLD, key, new ProcessInput.ChangeHold(orderId, type, code, note, true),
                Optional.of(orderId), false);
    }

    public FlowResult approve(OrderId orderId, String approver, CommandKey key) {
        requireHostKey(key);
        InvalidInputException.requireCode(approver, "approver");
        engines.orders().load(orderId); // an unknown order is refused before anything
        String note = "approved by " + approver;
        return processes.startChecked(Processes.ofHostKey(key), () -> {
            Order now = engines.orders().load(orderId);
            requireApprover(now, approver);
            engines.orders().decider().decide(now, new OrderCommand.ReleaseHold(HoldType.APPROVAL, approver, note))
                    .orThrow();
        }, ProcessKind.HOLD, key, new ProcessInput.ChangeHold(orderId, HoldType.APPROVAL, approver, note, true),
                Optional.of(orderId), false);
    }

    public FlowResult reject(OrderId orderId, String approver, String reason, CommandKey key) {
        requireHostKey(key);
        InvalidInputException.requireCode(approver, "approver");
        InvalidInputException.requireText(reason, "reason", 400);
        engines.orders().load(orderId); // an unknown order is refused before anything
        String note = "rejected by " + approver + ": " + reason;
        return processes.startChecked(Processes.ofHostKey(key), () -> {
            Order now = engines.orders().load(orderId);
            requireApprover(now, approver);
            TransitionTable.check(now, CommandKind.CANCEL);
        }, ProcessKind.CANCEL, key, new ProcessInput.Cancel(orderId, List.of(), CancelReason.REJECTED_BY_APPROVER,
                note), Optional.of(orderId), false);
    }

    /** An approval hold is placed by the acceptance and ended by approve or reject only. */
    private static void requireNotApproval(OrderId orderId, HoldType type) {
        if (type == HoldType.APPROVAL) {
            throw new RuleViolationException(orderId, "approved-by-its-approver", "an approval hold is placed by the "
                    + "approval policy when the order is accepted and ended by approve or reject, not by hand");
        }
    }

    private static void requireApprover(Order order, String approver) {
        if (order.hold(HoldType.APPROVAL, approver).isPresent()) {
            return;
        }
        String waits = order.holds().stream().filter(h -> h.type() == HoldType.APPROVAL).map(h -> h.code())
                .findFirst().map(a -> "waits for approval by " + a + ", not " + approver)
                .orElse("does not wait for approval");
        throw new RuleViolationException(order.id(), "approved-by-its-approver", "order " + order.id() + " " + waits);
    }

    public FlowResult cancel(OrderId orderId, CancelReason reason, String note, CommandKey key) {
        requireHostKey(key);
        InvalidInputException.requireNonNull(reason, "reason");
        InvalidInputException.requireText(note, "note", 512);
        Order order = engines.orders().load(orderId);
        return processes.startChecked(Processes.ofHostKey(key), () -> {
            TransitionTable.check(order, CommandKind.CANCEL);
            if (order.lines().stream().allMatch(l -> l.quantities().unshipped().isZero())) {
                throw new RuleViolationException(orderId, "cancel-unshipped-units",
                        "every unit shipped; return them instead");
            }
        }, ProcessKind.CANCEL, key, new ProcessInput.Cancel(orderId, List.of(), reason, note), Optional.of(orderId),
                false);
    }

    public FlowResult cancel(OrderId orderId, LineId lineId, Quantity quantity, CancelReason reason, String note,
            CommandKey key) {
        requireHostKey(key);
        Quantity.requirePositive(quantity, "quantity");
        InvalidInputException.requireNonNull(reason, "reason");
        InvalidInputException.requireText(note, "note", 512);
        Order order = engines.orders().load(orderId);
        return processes.startChecked(Processes.ofHostKey(key), () -> {
            TransitionTable.check(order, CommandKind.CANCEL_LINE);
            OrderLine line = order.requireLine(lineId);
            if (quantity.isGreaterThan(line.quantities().unshipped())) {
                throw new QuantityUnavailableException(orderId, lineId, "unshipped",
                        line.quantities().unshipped().value(), quantity.value());
            }
        }, ProcessKind.CANCEL, key,
                new ProcessInput.Cancel(orderId, List.of(new LineQuantity(lineId, quantity)), reason, note),
                Optional.of(orderId), false);
    }

    public FlowResult commitEdit(EditPlan plan, CommandKey key) {
        InvalidInputException.requireNonNull(plan, "plan");
        requireHostKey(key);
        ProcessId id = Processes.ofHostKey(key);
        if (engines.processes().load(id).isEmpty()) {
            processes.requireCurrent(plan);
        }
        return processes.start(id, ProcessKind.EDIT, key, new ProcessInput.Edit(plan.orderId(), plan.baseVersion(),
                plan.edits()), Optional.of(plan.orderId()), List.of(Processes.planStep(plan)), false);
    }

    public FlowResult ship(FulfillmentOrderId id, List<LineQuantity> lines, CommandKey key) {
        requireHostKey(key);
        InvalidInputException.requireNonNull(lines, "lines");
        return processes.startChecked(Processes.ofHostKey(key), () -> {
            FulfillmentOrder fo = engines.fulfillment().load(id);
            requireFulfillable(fo);
            dev.oms.spi.inventory.Reservation held = engines.inventory().reservation(fo.reservationId());
            if (!held.status().isActive() || held.isExpiredAt(engines.clock().instant())) {
                // refused before the label is bought: the stock this parcel would take is not held any more
                throw new dev.oms.spi.OmsException.ReservationRuleException(held.id(), held.status().isActive()
                        ? "reservation-expired" : "reservation-not-active", "fulfilment order " + fo.id()
                        + " holds no stock any more (its reservation is " + held.status()
                        + held.expiresAt().map(at -> ", lapsing at " + at).orElse("") + "); cancel it and route its "
                        + "units again");
            }
            Shipment probe = new Shipment(dev.oms.spi.ShipmentId.of("probe"), fo.id(), fo.orderId(), fo.location(),
                    lines, "probe", "probe", "probe", "probe", ShipmentStatus.SHIPPED, engines.clock().instant(),
                    Set.of(), 1);
            engines.fulfillment().decider().decide(fo, new dev.oms.fulfillment.FulfillmentCommand.Ship(probe));
        }, ProcessKind.SHIP, key, new ProcessInput.Ship(id, lines), Optional.empty(), false);
    }

    public FlowResult track(TrackingUpdate update) {
        InvalidInputException.requireNonNull(update, "update");
        Shipment shipment = engines.fulfillment().shipmentByTracking(update.trackingNumber());
        ProcessId id = Processes.idOf("track\u0000" + update.trackingNumber() + "\u0000" + update.updateId());
        return processes.start(id, ProcessKind.TRACK, CommandKey.reserved(id.value(), "track"),
                new ProcessInput.Track(update), Optional.of(shipment.orderId()), List.of(), false);
    }

    public FlowResult readyForPickup(FulfillmentOrderId id, CommandKey key) {
        requireHostKey(key);
        FulfillmentOrder fo = engines.fulfillment().load(id);
        return processes.startChecked(Processes.idOf("pickup\u0000" + id), () -> {
            requirePickup(fo);
            requireFulfillable(fo);
            if (fo.status() != FulfillmentOrderStatus.PACKED && fo.status() != FulfillmentOrderStatus.READY_FOR_PICKUP) {
                dev.oms.fulfillment.FulfillmentTransitions.check(fo,
                        dev.oms.fulfillment.FulfillmentCommand.FulfillmentCommandKind.MARK_READY_FOR_PICKUP);
            }
        }, ProcessKind.PICKUP, key, new ProcessInput.Pickup(id), Optional.of(fo.orderId()), true);
    }

    public FlowResult pickedUp(FulfillmentOrderId id, CommandKey key) {
        requireHostKey(key);
        FulfillmentOrder fo = engines.fulfillment().load(id);
        ProcessId pid = Processes.idOf("pickup\u0000" + id);
        Optional<ProcessRecord> waiting = engines.processes().load(pid);
        if (waiting.isEmpty()) {
            readyForPickup(id, key);
            waiting = engines.processes().load(pid);
        }
        ProcessRecord r = waiting.orElseThrow();
        if (r.status().isFinished()) {
            return processes.result(r, true);
        }
        requireFulfillable(fo);
        return processes.wake(r, "collected (" + key + ")", Optional.of("collected"));
    }

    public List<ProcessRecord> receive(Sku sku, LocationId location, Quantity quantity, Reference receipt,
            CommandKey key) {
        requireHostKey(key);
        engines.inventory().position(InvalidInputException.requireNonNull(sku, "sku"),
                InvalidInputException.requireNonNull(location, "location"));
        ProcessId id = Processes.ofHostKey(key);
        processes.startUnattached(id, key, new ProcessInput.Receive(sku, location, quantity, receipt));
        return List.of(engines.processes().load(id).orElseThrow());
    }

    public ReturnRequest approveReturn(ReturnId id, LocationId returnLocation, CommandKey key) {
        InvalidInputException.requireNonNull(returnLocation, "returnLocation");
        return returnStep(id, "approve", Optional.of(returnLocation), List.of(), List.of(), Optional.empty(), key,
                dev.oms.returns.ReturnCommand.ReturnCommandKind.APPROVE);
    }

    public ReturnRequest approveClaim(ReturnId id, CommandKey key) {
        return returnStep(id, "approve", Optional.empty(), List.of(), List.of(), Optional.empty(), key,
                dev.oms.returns.ReturnCommand.ReturnCommandKind.APPROVE);
    }

    public ReturnRequest receiveReturn(ReturnId id, List<LineQuantity> lines, CommandKey key) {
        return returnStep(id, "receive", Optional.empty(), lines, List.of(), Optional.empty(), key,
                dev.oms.returns.ReturnCommand.ReturnCommandKind.RECEIVE);
    }

    public ReturnRequest inspectReturn(ReturnId id, List<Inspection.LineInspection> inspections, CommandKey key) {
        return returnStep(id, "inspect", Optional.empty(), List.of(), inspections, Optional.empty(), key,
                dev.oms.returns.ReturnCommand.ReturnCommandKind.INSPECT);
    }

    public ReturnRequest refundReturn(ReturnId id, RefundMethod method, CommandKey key) {
        InvalidInputException.requireNonNull(method, "method");
        return returnStep(id, "refund", Optional.empty(), List.of(), List.of(), Optional.of(method), key,
                dev.oms.returns.ReturnCommand.ReturnCommandKind.REFUND);
    }

    public ReturnRequest exchange(ReturnId id, CommandKey key) {
        return returnStep(id, "exchange", Optional.empty(), List.of(), List.of(), Optional.empty(), key,
                dev.oms.returns.ReturnCommand.ReturnCommandKind.EXCHANGE);
    }

    private ReturnRequest returnStep(ReturnId id, String operation, Optional<LocationId> location,
            List<LineQuantity> lines, List<Inspection.LineInspection> inspections, Optional<RefundMethod> method,
            CommandKey key, dev.oms.returns.ReturnCommand.ReturnCommandKind kind) {
        requireHostKey(key);
        ReturnRequest r = engines.returns().load(id);
        ProcessId pid = Processes.ofHostKey(key);
        if (engines.processes().load(pid).isEmpty() && !(kind == ReturnCommand.ReturnCommandKind.EXCHANGE
                && r.kind() == dev.oms.spi.returns.ReturnRequest.ReturnKind.CLAIM)) {
            engines.returns().decider().requireAllowed(r, kind);
        }
        processes.start(pid, ProcessKind.RETURN, key, new ProcessInput.ReturnStep(id, operation, location, lines,
                inspections, method), Optional.of(r.orderId()), List.of(), false);
        return engines.returns().load(id);
    }

    private void requireStocked(Sku sku) {
        try {
            engines.inventory().availability().byLocation(sku);
        } catch (InvalidInputException.UnknownSkuException unknown) {
            Optional<dev.oms.flow.Production.Recipe> recipe = engines.production().recipeFor(sku);
            if (recipe.isPresent()) {
                throw new InvalidInputException.UnknownSkuException(sku, "it is made to order at "
                        + recipe.get().workshop() + ": define its position there (with nothing on hand)");
            }
            throw unknown;
        }
    }

    private void requireFulfillable(FulfillmentOrder fo) {
        Order order = engines.orders().load(fo.orderId());
        if (order.status() != OrderStatus.CONFIRMED && order.status() != OrderStatus.PROCESSING) {
            throw new FulfillmentRuleException(fo.id(), "order-must-be-live", "order " + order.id() + " is "
                    + order.status());
        }
        if (order.isOnHold()) {
            throw new FulfillmentRuleException(fo.id(), "order-on-hold", "order " + order.id() + " is on hold");
        }
    }

    private static void requirePickup(FulfillmentOrder fo) {
        if (fo.kind() != FulfillmentKind.PICKUP) {
            throw new FulfillmentRuleException(fo.id(), "pickup-only", "it is a delivery");
        }
    }
}
