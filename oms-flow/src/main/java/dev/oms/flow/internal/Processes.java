package dev.oms.flow.internal;

import dev.oms.core.internal.shared.CommandFingerprint;
import dev.oms.core.internal.shared.Idempotency;
import dev.oms.flow.FlowResult;
import dev.oms.flow.FlowResult.ProcessFailedException;
import dev.oms.spi.Amounts;
import dev.oms.spi.CommandKey;
import dev.oms.spi.FulfillmentOrderId;
import dev.oms.spi.OmsException;
import dev.oms.spi.OmsException.CommandKeyConflictException;
import dev.oms.spi.OrderId;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.StaleVersionException.ProcessConflictException;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.fulfillment.Shipment;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.process.ProcessId;
import dev.oms.spi.process.ProcessInput;
import dev.oms.spi.process.ProcessRecord;
import dev.oms.spi.process.ProcessRecord.ProcessKind;
import dev.oms.spi.process.ProcessRecord.ProcessStatus;
import dev.oms.spi.process.ProcessRecord.ProcessStep;
import dev.oms.spi.process.ProcessRecord.StepLine;
import dev.oms.spi.process.ProcessRecord.WaitReason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.money.MonetaryAmount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, runs, wakes and resumes the flow's processes, and turns their records into results.
 *
 * <p>Starting a process saves its record (with the host's input, and for an edit its plan) before
 * any step runs, then runs its script. A script that throws leaves its process running with the
 * failure recorded (a resume finishes it), except when nothing was done yet and oms refused on
 * purpose: then the process ended as failed and a repeat of the key gives the failure again.
 * Thread-safe; holds no lock (the process store's versions decide between racing runners).
 */
public final class Processes {
    private static final Logger LOG = LoggerFactory.getLogger(Processes.class);
    private static final int PAGE = 100;

    private final Engines e;
    private final Map<ProcessKind, Script> scripts = new EnumMap<>(ProcessKind.class);
    private final EditScript editing;

    /** @param engines the services and policy */
    public Processes(Engines engines) {
        this.e = engines;
        this.editing = new EditScript(engines);
        scripts.put(ProcessKind.ACCEPT, new AcceptScript(engines));
        scripts.put(ProcessKind.CANCEL, new CancelScript(engines));
        scripts.put(ProcessKind.EDIT, editing);
        scripts.put(ProcessKind.HOLD, new HoldScript(engines));
        scripts.put(ProcessKind.SHIP, new ShipScript(engines));
        scripts.put(ProcessKind.TRACK, new TrackScript(engines));
        scripts.put(ProcessKind.PICKUP, new PickupScript(engines));
        scripts.put(ProcessKind.RECEIVE, new ReceiveScript(engines, this::routeWaiting));
        scripts.put(ProcessKind.RETURN, new ReturnScript(engines, this::routeWaiting, this::acceptReplacement));
    }

    /**
     * @param orderId the order
     * @param edits the changes
     * @return the edit's plan; nothing saved
     */
    public dev.oms.flow.EditPlan previewEdit(OrderId orderId, List<dev.oms.spi.order.OrderEdit> edits) {
        return editing.preview(orderId, edits);
    }

    /**
     * @param plan a preview
     * @throws dev.oms.flow.EditPlan.StalePreviewException if the order or its fulfilment orders moved on
     */
    public void requireCurrent(dev.oms.flow.EditPlan plan) {
        editing.requireCurrent(plan);
    }

    /**
     * @param plan a preview
     * @return the plan as an edit process's first step
     */
    public static ProcessStep planStep(dev.oms.flow.EditPlan plan) {
        return EditScript.planStep(plan);
    }

    /**
     * The id of a process named by a seed (the host's key, or what makes the process unique, such
     * as the order of an acceptance): {@code p} and 24 hex digits of its SHA-256.
     *
     * @param seed what names the process
     * @return its id
     */
    public static ProcessId idOf(String seed) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return ProcessId.of("p" + HexFormat.of().formatHex(digest).substring(0, 24));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is required of every JVM", impossible);
        }
    }

    /**
     * Starts a process, or answers a repeat of it.
     *
     * @param id the process id
     * @param kind the operation
     * @param key the host's key
     * @param input what the host asked
     * @param orderId the order, if known
     * @param first steps recorded with the first save (an edit's plan), if any
     * @param sameOrderIsSameRequest whether a repeat with another input for the same process id is
     *     a repeat (an acceptance, named by its order) rather than a key reused for another request
     * @return the result
     */
    public FlowResult start(ProcessId id, ProcessKind kind, CommandKey key, ProcessInput input,
            Optional<OrderId> orderId, List<ProcessStep> first, boolean sameOrderIsSameRequest) {
        Started after = started(id, kind, key, input, orderId, first, sameOrderIsSameRequest);
        return result(after.record(), after.replayed());
    }

    /**
     * Starts a process after checks that only its first start runs: a call with bad input is
     * refused before anything is saved, while a repeat of a started one is answered from its
     * record even when the order has moved on since (and the checks would refuse it now).
     *
     * @param id the process id
     * @param firstStartChecks the checks, throwing the typed refusal
     * @param kind what it does
     * @param key the host's key
     * @param input what the host asked
     * @param orderId the order it belongs to
     * @param sameOrderIsSameRequest whether any repeat for the same order is the same request
     * @return what it did, or what its first run did
     */
    public FlowResult startChecked(ProcessId id, Runnable firstStartChecks, ProcessKind kind, CommandKey key,
            ProcessInput input, Optional<OrderId> orderId, boolean sameOrderIsSameRequest) {
        if (e.processes().load(id).isEmpty()) {
            firstStartChecks.run();
        }
        return start(id, kind, key, input, orderId, List.of(), sameOrderIsSameRequest);
    }

    /**
     * @param key a host's key
     * @return the process the key names (a hold, a cancellation, a shipment, a receipt): one per key
     */
    public static ProcessId ofHostKey(CommandKey key) {
        return idOf("key\u0000" + key);
    }

    /** A process after a start: run now, or an earlier run's answer to a repeat. */
    private record Started(ProcessRecord record, boolean replayed) {
    }

    /**
     * Starts a process that belongs to no order (a receipt of stock), or answers a repeat of it.
     *
     * @param id the process id
     * @param key the host's key
     * @param input what the host asked
     * @return the process after it ran
     */
    public ProcessRecord startUnattached(ProcessId id, CommandKey key, ProcessInput input) {
        return started(id, ProcessKind.RECEIVE, key, input, Optional.empty(), List.of(), false).record();
    }

    private Started started(ProcessId id, ProcessKind kind, CommandKey key, ProcessInput input,
            Optional<OrderId> orderId, List<ProcessStep> first, boolean sameOrderIsSameRequest) {
        List<Object> content = List.of(kind, input);
        String fingerprint = CommandFingerprint.of(content);
        Idempotency.Recorded<ProcessRecord> recorded = () -> e.processes().load(id).map(found -> {
            String refusal = "was already used for " + found.kind() + " process " + id + " with another request";
            if (found.kind() != kind) {
                throw new CommandKeyConflictException(key, refusal);
            }
            if (!sameOrderIsSameRequest) {
                Idempotency.requireSame(key, found.fingerprint(), content, refusal);
            }
            return found;
        });
        Instant now = e.clock().instant();
        ProcessRecord created = new ProcessRecord(id, kind, key, fingerprint, input, orderId, ProcessStatus.RUNNING,
                Optional.empty(), Optional.empty(), first, Optional.empty(), Optional.empty(), 1, now, now, 1);
        // the process record is the key's record: saved once, found by every repeat
        ProcessRecord record = Idempotency.run(() -> "process " + id + " " + kind, recorded, 1,
                ProcessConflictException.class, () -> {
                    e.processes().save(created);
                    LOG.debug("process {} {} started", id, kind);
                    return created;
                });
        if (record == created) {
            try {
                return new Started(run(created, false), false);
            } catch (ProcessConflictException raced) {
                // another start of this process saved it meanwhile: carry on from what it saved
                record = e.processes().load(id).orElseThrow(() -> raced);
            }
        }
        if (record.status() == ProcessStatus.FAILED) {
            throw new ProcessFailedException(record.id(), record.failure().orElse("refused"));
        }
        if (record.status() == ProcessStatus.RUNNING) {
            return new Started(run(record, false), false);
        }
        return new Started(record, true);
    }

    /**
     * Runs a process's script to its end or until it waits.
     *
     * @param record the process
     * @param counted whether this run was already counted as an attempt
     * @return the process after the run
     */
    ProcessRecord run(ProcessRecord record, boolean counted) {
        Run run = new Run(e.processes(), e.clock(), record);
        if (!counted && record.attempts() > 0 && record.version() > 1) {
            run.start();
        }
        try {
            scripts.get(record.kind()).run(run);
            if (needsFollowUp(run.record())) {
                run.once("follow-up", () -> followUp(run.record()));
            }
            run.finish(ProcessStatus.DONE, Optional.empty());
        } catch (Parked parked) {
            LOG.debug("process {} waits for {}", record.id(), run.record().waitingFor().orElse(null));
        } catch (OmsException refused) {
            if (run.record().status() == ProcessStatus.FAILED) {
                throw refused;
            }
            if (run.record().steps().isEmpty()) {
                run.finish(ProcessStatus.FAILED, Optional.of(refused.getMessage()));
            } else {
                run.failed(refused);
            }
            throw refused;
        } catch (RuntimeException failure) {
            run.failed(failure);
            LOG.debug("process {} stopped at {}: {}", record.id(), run.current(), failure.toString());
            throw failure;
        }
        return run.record();
    }

    /** Whether a process ended its order or changed its holds or units, so the order's waiting processes look again. */
    private boolean needsFollowUp(ProcessRecord done) {
        if (done.orderId().isEmpty() || done.kind() == ProcessKind.ACCEPT) {
            return false;
        }
        Order order = e.orders().load(done.orderId().get());
        boolean ended = order.status() == OrderStatus.CANCELLED || order.status() == OrderStatus.COMPLETED;
        return ended || done.kind() == ProcessKind.HOLD || done.kind() == ProcessKind.CANCEL;
    }

    /** Wakes the order's waiting processes (those waiting for a collection only if the order ended). */
    private void followUp(ProcessRecord done) {
        Order order = e.orders().load(done.orderId().orElseThrow());
        boolean ended = order.status() == OrderStatus.CANCELLED || order.status() == OrderStatus.COMPLETED;
        for (ProcessRecord waiting : e.processes().ofOrder(order.id())) {
            if (waiting.status() == ProcessStatus.WAITING && !waiting.id().equals(done.id())
                    && waiting.kind() != ProcessKind.PAYMENTS
                    && (ended || waiting.waitingFor().filter(w -> w != WaitReason.COLLECTION).isPresent())) {
                wake(waiting, done.kind().name().toLowerCase(java.util.Locale.ROOT));
            }
        }
    }

    /**
     * Wakes a waiting process: records why, then runs it again (a new round of its repeating steps).
     *
     * @param record the process
     * @param why what happened
     * @return the result
     */
    public FlowResult wake(ProcessRecord record, String why) {
        return wake(record, why, Optional.empty());
    }

    /**
     * Wakes a waiting process with a decision the waker made (a pickup collected or given up).
     *
     * @param record the process
     * @param why what happened
     * @param decision a step to record before it runs, if any
     * @return the result
     */
    public FlowResult wake(ProcessRecord record, String why, Optional<String> decision) {
        if (record.status() != ProcessStatus.WAITING && record.status() != ProcessStatus.RUNNING) {
            return result(record, true);
        }
        return result(woken(record, why, decision), false);
    }

    private ProcessRecord woken(ProcessRecord record, String why, Optional<String> decision) {
        Run run = new Run(e.processes(), e.clock(), record);
        List<ProcessStep> because = new ArrayList<>();
        decision.ifPresent(d -> because.add(new ProcessStep(d, List.of(), Optional.empty(), why)));
        if (record.status() == ProcessStatus.WAITING) {
            int n = run.count("wake-") + 1;
            because.add(new ProcessStep("wake-" + n, List.of(), Optional.empty(), why));
        }
        run.wake(because);
        return run(run.record(), true);
    }

    /** Routes the orders waiting for stock again, in the order their processes started. */
    public void routeWaiting() {
        Optional<ProcessId> after = Optional.empty();
        Set<ProcessId> seen = new LinkedHashSet<>();
        while (true) {
            List<ProcessRecord> page = e.processes().waiting(WaitReason.STOCK, after, PAGE);
            if (page.isEmpty()) {
                return;
            }
            for (ProcessRecord waiting : page) {
                if (seen.add(waiting.id())) {
                    wake(waiting, "stock arrived");
                }
            }
            after = Optional.of(page.get(page.size() - 1).id());
        }
    }

    /** Accepts an exchange's or claim's replacement order through its own acceptance process. */
    private void acceptReplacement(OrderId replacement) {
        Order order = e.orders().load(replacement);
        start(acceptanceOf(order), ProcessKind.ACCEPT, CommandKey.reserved("accept", replacement.value()),
                new ProcessInput.AcceptPlaced(replacement), Optional.of(replacement), List.of(), true);
    }

    /** @return the id of the acceptance process of an order: named by its channel order */
    public static ProcessId acceptanceOf(Order order) {
        return acceptanceOf(order.header().channel().value(), order.header().externalOrderId().value());
    }

    /** @return the id of the acceptance process of a channel order */
    public static ProcessId acceptanceOf(String channel, String externalOrderId) {
        return idOf("accept\u0000" + channel + "\u0000" + externalOrderId);
    }

    /**
     * Drives every running process not saved for the policy's resume time to an end (or its next
     * wait). A process that fails again keeps its failure and is tried on the next resume.
     *
     * @return the processes as they are after the attempt
     */
    public List<ProcessRecord> resume() {
        Instant before = e.clock().instant().minus(e.policy().resumeAfter()).plusNanos(1);
        List<ProcessRecord> out = new ArrayList<>();
        Set<ProcessId> tried = new LinkedHashSet<>();
        while (true) {
            List<ProcessRecord> page = e.processes().running(before, PAGE).stream()
                    .filter(r -> !tried.contains(r.id())).toList();
            if (page.isEmpty()) {
                return out;
            }
            for (ProcessRecord r : page) {
                tried.add(r.id());
                try {
                    run(r, false);
                } catch (RuntimeException stillFailing) {
                    LOG.debug("process {} could not be resumed: {}", r.id(), stillFailing.toString());
                }
                e.processes().load(r.id()).ifPresent(out::add);
            }
        }
    }

    /**
     * Does what is due on the clock: cancels orders unpaid for too long, gives up backorders past
     * their time, gives up pickups not collected, and lets expired reservations lapse.
     *
     * @return the processes whose time was due, as they are after it
     */
    public List<ProcessRecord> runDue() {
        Instant now = e.clock().instant();
        List<ProcessRecord> out = new ArrayList<>();
        Set<ProcessId> tried = new LinkedHashSet<>();
        while (true) {
            List<ProcessRecord> page = e.processes().due(now, PAGE).stream().filter(r -> !tried.contains(r.id()))
                    .toList();
            if (page.isEmpty()) {
                break;
            }
            for (ProcessRecord r : page) {
                tried.add(r.id());
                try {
                    due(r);
                } catch (RuntimeException failed) {
                    LOG.debug("due process {} failed: {}", r.id(), failed.toString());
                }
                e.processes().load(r.id()).ifPresent(out::add);
            }
        }
        e.inventory().sweepExpired();
        return out;
    }

    private void due(ProcessRecord r) {
        OrderId orderId = r.orderId().orElseThrow();
        switch (r.waitingFor().orElseThrow()) {
            case COLLECTION -> wake(r, "not collected in time", Optional.of(PickupScript.EXPIRED));
            case PAYMENT -> cancelFor(r, orderId, List.of(), dev.oms.spi.order.CancelReason.PAYMENT_DECLINED,
                    "not paid in time");
            case STOCK -> {
                Order order = e.orders().load(orderId);
                List<dev.oms.spi.order.LineQuantity> waiting = new ArrayList<>();
                order.lines().forEach(l -> {
                    if (l.quantities().unallocated().isPositive()) {
                        waiting.add(new dev.oms.spi.order.LineQuantity(l.id(), l.quantities().unallocated()));
                    }
                });
                cancelFor(r, orderId, waiting, dev.oms.spi.order.CancelReason.OUT_OF_STOCK, "no stock in time");
            }
            default -> {
            }
        }
    }

    /** Cancels what a waiting process waited for in vain, through a cancellation process of its own. */
    private void cancelFor(ProcessRecord waiting, OrderId orderId, List<dev.oms.spi.order.LineQuantity> lines,
            dev.oms.spi.order.CancelReason reason, String note) {
        ProcessId id = idOf("due\u0000" + waiting.id() + "\u0000" + waiting.version());
        if (e.orders().load(orderId).status() != OrderStatus.CANCELLED) {
            start(id, ProcessKind.CANCEL, CommandKey.reserved(id.value(), "due"),
                    new ProcessInput.Cancel(orderId, lines, reason, note), Optional.of(orderId), List.of(), false);
        }
        e.processes().load(waiting.id()).filter(w -> w.status() == ProcessStatus.WAITING)
                .ifPresent(w -> wake(w, note));
    }

    // ------------------------------------------------------------------ results

    /**
     * @param record a process
     * @param replayed whether the call repeated an earlier one
     * @return what it did
     */
    public FlowResult result(ProcessRecord record, boolean replayed) {
        if (record.status() == ProcessStatus.FAILED && replayed) {
            throw new ProcessFailedException(record.id(), record.failure().orElse("refused"));
        }
        Order order = e.orders().load(record.orderId().orElseThrow(() -> new ProcessFailedException(record.id(),
                record.failure().orElse("no order yet"))));
        Set<FulfillmentOrderId> fos = new LinkedHashSet<>();
        List<Shipment> shipments = new ArrayList<>();
        List<StepLine> notDone = new ArrayList<>();
        String lastRound = null;
        for (ProcessStep s : record.steps()) {
            s.lines().forEach(l -> l.fulfillmentOrderId().ifPresent(fos::add));
            if (s.name().startsWith("not-routed@")) {
                lastRound = s.name();
            } else if (s.name().startsWith("not-done:")) {
                notDone.addAll(s.lines());
            } else if (s.name().equals("dispatch")) {
                e.fulfillment().shipment(ShipmentId.of(s.note())).ifPresent(shipments::add);
            }
        }
        if (lastRound != null) {
            notDone.addAll(record.step(lastRound).orElseThrow().lines());
        }
        if (record.input() instanceof ProcessInput.Ship ship) {
            fos.add(ship.fulfillmentOrderId());
        } else if (record.input() instanceof ProcessInput.Pickup pickup) {
            fos.add(pickup.fulfillmentOrderId());
        } else if (record.input() instanceof ProcessInput.Track track) {
            Shipment s = e.fulfillment().shipmentByTracking(track.update().trackingNumber());
            shipments.add(s);
            fos.add(s.fulfillmentOrderId());
        }
        List<FulfillmentOrder> touched = new ArrayList<>();
        fos.forEach(id -> touched.add(e.fulfillment().load(id)));
        return new FlowResult(record.id(), record.kind(), record.status(), record.waitingFor(), order, touched,
                shipments, notDone, money(record, order), record.failure(), replayed);
    }

    private FlowResult.Money money(ProcessRecord record, Order order) {
        MonetaryAmount zero = Amounts.zero(order.currency());
        MonetaryAmount authorised = zero;
        MonetaryAmount captured = zero;
        MonetaryAmount voided = zero;
        MonetaryAmount refunded = zero;
        for (ProcessStep s : record.steps()) {
            if ((s.name().startsWith("authorised@") || s.name().equals("authorise")) && s.note().equals("authorised")) {
                authorised = authorised.add(s.amount().orElseThrow());
            }
        }
        ProcessRecord ledger = e.processes().load(Money.recordOf(order.id())).orElse(null);
        if (ledger != null) {
            for (ProcessStep d : ledger.steps()) {
                if (!d.name().startsWith("d") || !d.note().equals(record.id().value())) {
                    continue;
                }
                String n = d.name().substring(1, d.name().indexOf(':'));
                if (ledger.step("x" + n).filter(x -> x.note().isEmpty()).isEmpty()) {
                    continue;
                }
                MonetaryAmount a = d.amount().orElseThrow();
                if (d.name().endsWith(":capture")) {
                    captured = captured.add(a);
                } else if (d.name().endsWith(":refund")) {
                    refunded = refunded.add(a);
                } else if (d.name().endsWith(":void")) {
                    voided = voided.add(a);
                }
            }
        }
        return new FlowResult.Money(authorised, captured, voided, refunded);
    }

}
