package dev.oms.returns.internal;

import dev.oms.core.OrderService;
import dev.oms.core.PlaceOrder;
import dev.oms.core.internal.shared.CommandFingerprint;
import dev.oms.core.internal.shared.Idempotency;
import dev.oms.returns.ReturnCommand;
import dev.oms.returns.ReturnDecider;
import dev.oms.returns.ReturnService.ReturnNotFoundException;
import dev.oms.spi.CommandKey;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.OrderId;
import dev.oms.spi.ReturnId;
import dev.oms.spi.StaleVersionException.ReturnConflictException;
import dev.oms.spi.internal.PersonalData;
import dev.oms.spi.order.NewLine;
import dev.oms.spi.order.Order;
import dev.oms.spi.returns.ReturnEvent;
import dev.oms.spi.returns.ReturnRequest;
import dev.oms.spi.returns.ReturnRequest.ReturnKind;
import dev.oms.spi.returns.ReturnStore;
import dev.oms.spi.returns.ReturnStore.ReturnChange;
import dev.oms.spi.store.CommandRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plumbing every step of a return shares: load it, decide a command on the fresh return and
 * save it with the step's key once (a repeat with the same key returns the return as it is now),
 * the keys derived for a step, and the replacement order of an exchange or claim.
 */
public final class ReturnSteps {
    private static final Logger LOG = LoggerFactory.getLogger(ReturnSteps.class);
    /** How often a step is decided again after a concurrent change. */
    public static final int MAX_ATTEMPTS = 16;

    private final ReturnStore store;
    private final ReturnDecider decider;
    private final OrderService orders;
    private final Clock clock;

    /**
     * @param store where returns live
     * @param decider decides the steps
     * @param orders the order service (replacement orders)
     * @param clock when replacements are placed
     */
    public ReturnSteps(ReturnStore store, ReturnDecider decider, OrderService orders, Clock clock) {
        this.store = store;
        this.decider = decider;
        this.orders = orders;
        this.clock = clock;
    }

    /**
     * @param id a return id
     * @return the return
     * @throws ReturnNotFoundException if there is none
     */
    public ReturnRequest load(ReturnId id) {
        return store.load(InvalidInputException.requireNonNull(id, "id"))
                .orElseThrow(() -> new ReturnNotFoundException(id));
    }

    /**
     * Decides a command on the fresh return and saves it with the step's key, once: a repeat of the
     * step with the same key returns the return as it is now.
     */
    public ReturnRequest step(ReturnId id, CommandKey key, String name, Object arguments,
            Function<ReturnRequest, ReturnCommand> command) {
        InvalidInputException.requireNonNull(key, "key");
        CommandKey stepKey = derived(key, name);
        List<Object> content = List.of(name, arguments);
        String fingerprint = CommandFingerprint.of(content);
        Idempotency.Recorded<ReturnRequest> recorded = () -> store.findCommand(stepKey).map(done -> {
            requireSameCommand(done, content);
            return load(id);
        });
        return Idempotency.run(() -> "return " + id + " " + name, recorded, MAX_ATTEMPTS, ReturnConflictException.class,
                () -> {
                    ReturnRequest current = load(id);
                    ReturnCommand decided = command.apply(current);
                    List<ReturnEvent> events = decider.decide(current, decided);
                    ReturnRequest next = decider.evolveAll(current, events);
                    List<ReturnEvent> rewrites = decided instanceof ReturnCommand.ErasePersonalData
                            ? PersonalData.rewrites(store.events(id), current.version(),
                                    e -> e.metadata().returnVersion(), PersonalData::erased) : List.of();
                    store.save(new ReturnChange(next, current.version(), events, Optional.empty(), Optional.of(
                            new CommandRecord(stepKey, fingerprint, next.orderId(), next.version(),
                                    events.stream().map(ReturnEvent::eventId).toList())), rewrites));
                    LOG.debug("return {} of order {}: {} -> {}", id, next.orderId(), name, next.status());
                    return next;
                });
    }


    public static CommandRecord record(CommandKey key, Object arguments, ReturnRequest next, List<ReturnEvent> events) {
        return new CommandRecord(key, CommandFingerprint.of(arguments), next.orderId(), next.version(),
                events.stream().map(ReturnEvent::eventId).toList());
    }


    public static void requireSameCommand(CommandRecord record, Object content) {
        Idempotency.requireSame(record.key(), record.fingerprint(), content,
                "was used for a different return request");
    }


    public static CommandKey derived(CommandKey key, String step) {
        return InvalidInputException.requireNonNull(key, "key").derive(step);
    }


    /**
     * Places the replacement order of an exchange or claim once, and records it on the return.
     *
     * @param r the exchange or claim
     * @param key the idempotency key
     * @return the return, with its replacement order
     */
    public ReturnRequest placeReplacement(ReturnRequest r, CommandKey key) {
        if (r.replacement().orElseThrow().orderId().isPresent()) {
            return r;
        }
        PlaceOrder placement = replacement(orders.load(r.orderId()), r.id(), r.kind(),
                r.replacement().orElseThrow().lines(), clock.instant());
        OrderId placed = orders.place(placement, derived(key, "replacement-place")).order().id();
        return step(r.id(), key, "replacement-ordered", placed,
                current -> new ReturnCommand.RecordReplacementOrdered(placed));
    }

    /**
     * The replacement order of an exchange or claim: to the original's customer and address, under
     * its tax policy, pricing and service level.
     *
     * @param original the original order
     * @param id the return
     * @param kind exchange or claim
     * @param lines the replacement's lines
     * @param at when it is placed
     * @return the placement
     * @throws dev.oms.spi.InvalidInputException if the lines do not make a valid order
     */
    public static PlaceOrder replacement(Order original, ReturnId id, ReturnKind kind, List<NewLine> lines,
            Instant at) {
        PlaceOrder.Builder b = PlaceOrder.builder(original.header().channel(), ExternalOrderId.of("x-" + id),
                original.header().customer(), original.currency())
                .shipTo(original.header().shippingAddress()).billTo(original.header().billingAddress())
                .placedAt(at).taxPolicy(original.header().taxPolicy()).pricing(original.header().pricing())
                .tag(kind == ReturnKind.EXCHANGE ? "exchange" : "claim-replacement");
        if (original.header().pickupLocation().isPresent()) {
            b.pickupAt(original.header().pickupLocation().get());
        } else {
            b.serviceLevel(original.header().serviceLevel());
        }
        lines.forEach(b::line);
        return b.build();
    }
}
