package dev.oms.fulfillment.internal;

import dev.oms.core.OrderService;
import dev.oms.core.internal.shared.CommandFingerprint;
import dev.oms.core.internal.shared.Idempotency;
import dev.oms.fulfillment.FulfillmentCommand;
import dev.oms.fulfillment.FulfillmentDecider;
import dev.oms.fulfillment.FulfillmentDecider.FulfillmentRuleException;
import dev.oms.spi.CommandKey;
import dev.oms.spi.FulfillmentOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.StaleVersionException.FulfillmentConflictException;
import dev.oms.spi.fulfillment.FulfillmentEvent;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.fulfillment.FulfillmentStore;
import dev.oms.spi.fulfillment.FulfillmentStore.FulfillmentChange;
import dev.oms.spi.internal.PersonalData;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.store.CommandRecord;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plumbing every step of a fulfilment order shares: load it, decide a command on the fresh
 * fulfilment order and save it with the step's key once (a repeat with the same key returns it as
 * it is now), the order's check before goods move, and the keys derived for a step.
 */
public final class FulfillmentSteps {
    private static final Logger LOG = LoggerFactory.getLogger(FulfillmentSteps.class);
    /** How often a step is decided again after a concurrent change. */
    public static final int MAX_ATTEMPTS = 16;

    private final FulfillmentStore store;
    private final FulfillmentDecider decider;
    private final OrderService orders;

    /**
     * @param store where fulfilment orders live
     * @param decider decides the steps
     * @param orders the order service
     */
    public FulfillmentSteps(FulfillmentStore store, FulfillmentDecider decider, OrderService orders) {
        this.store = store;
        this.decider = decider;
        this.orders = orders;
    }

    /**
     * @param id a fulfilment order
     * @return it
     * @throws InvalidInputException if there is none
     */
    public FulfillmentOrder load(FulfillmentOrderId id) {
        return store.load(InvalidInputException.requireNonNull(id, "id"))
                .orElseThrow(() -> new InvalidInputException("fulfillmentOrderId", "no fulfilment order " + id));
    }

    /**
     * Decides a command on the fresh fulfilment order and saves it with its events and the step's
     * key, once: a repeat of the step with the same key returns the fulfilment order as it is now.
     * Steps that move goods first check that the order allows fulfilment.
     */
    public FulfillmentOrder change(FulfillmentOrderId id, CommandKey key, String step, Object arguments,
            boolean movesGoods, Function<FulfillmentOrder, FulfillmentCommand> command) {
        InvalidInputException.requireNonNull(id, "id");
        CommandKey stepKey = derived(key, step);
        List<Object> content = List.of(step, id, arguments);
        String fingerprint = CommandFingerprint.of(content);
        Idempotency.Recorded<FulfillmentOrder> recorded = () -> store.findCommand(stepKey).map(done -> {
            Idempotency.requireSame(stepKey, done.fingerprint(), content, "was used for a different fulfilment step");
            return load(id);
        });
        return Idempotency.run(() -> "fulfilment order " + id + " " + step, recorded, MAX_ATTEMPTS,
                FulfillmentConflictException.class, () -> {
                    FulfillmentOrder current = load(id);
                    if (movesGoods) {
                        requireFulfillable(current);
                    }
                    FulfillmentCommand decided = command.apply(current);
                    List<FulfillmentEvent> events = decider.decide(current, decided);
                    FulfillmentOrder next = decider.evolveAll(current, events);
                    List<FulfillmentEvent> rewrites = decided instanceof FulfillmentCommand.ErasePersonalData
                            ? PersonalData.rewrites(store.events(id), current.version(), e -> e.metadata().version(),
                                    PersonalData::erased) : List.of();
                    store.save(new FulfillmentChange(next, current.version(), events, Optional.empty(), Optional.of(
                            new CommandRecord(stepKey, fingerprint, next.orderId(), next.version(),
                                    events.stream().map(FulfillmentEvent::eventId).toList())), rewrites));
                    LOG.debug("fulfilment order {} {}: {} -> {}", id, step, current.status(), next.status());
                    return next;
                });
    }


    /** The order must be live and not on hold before goods move; checked before any carrier or payment call. */
    public Order requireFulfillable(FulfillmentOrder fo) {
        Order order = orders.load(fo.orderId());
        if (order.status() != OrderStatus.CONFIRMED && order.status() != OrderStatus.PROCESSING) {
            throw new FulfillmentRuleException(fo.id(), "order-must-be-live", "order " + order.id() + " is "
                    + order.status() + ", so nothing of it is picked, packed, labelled or shipped");
        }
        if (order.isOnHold()) {
            throw new FulfillmentRuleException(fo.id(), "order-on-hold", "order " + order.id() + " is on hold "
                    + order.holds().stream().map(h -> h.type() + "/" + h.code()).toList());
        }
        return order;
    }


    public static CommandRecord record(CommandKey key, Object content, FulfillmentOrder fo) {
        return new CommandRecord(key, CommandFingerprint.of(List.of(content)), fo.orderId(), fo.version(), List.of());
    }


    public static CommandKey derived(CommandKey key, String step) {
        return InvalidInputException.requireNonNull(key, "key").derive(step);
    }
}
