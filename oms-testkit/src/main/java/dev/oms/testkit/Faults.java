package dev.oms.testkit;

import dev.oms.flow.FlowStores;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.fulfillment.CarrierGateway;
import dev.oms.spi.fulfillment.FulfillmentStore;
import dev.oms.spi.inventory.InventoryStore;
import dev.oms.spi.payment.PaymentGateway;
import dev.oms.spi.payment.StoreCreditGateway;
import dev.oms.spi.process.ProcessStore;
import dev.oms.spi.returns.ReturnStore;
import dev.oms.spi.store.OrderStore;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Crashes on purpose, for crash-at-every-step tests: wraps stores and gateways so that the
 * {@code n}-th effect (a store write or a gateway call) from now throws a {@link Crash}, either
 * before it happens (the JVM died before the call) or after it happened (the JVM died before the
 * caller saw the answer: a provider that took the money and timed out). Reads never crash.
 *
 * <pre>{@code
 * Faults faults = new Faults();
 * OrderFlow flow = OrderFlow.builder(faults.wrap(FlowStores.inMemory()))
 *         .payments(faults.wrap(PaymentGateway.class, gateway)).carrier(faults.wrap(CarrierGateway.class, carrier))...;
 * faults.reset(); flow.ship(...); int steps = faults.effects();     // how many effects an operation has
 * for (int n = 1; n <= steps; n++) { ... faults.arm(n, Faults.When.AFTER); ... flow.resume(); ... }
 * }</pre>
 * Thread-safe.
 */
public final class Faults {
    /** Whether a crash comes before or after the effect it is armed at. */
    public enum When {
        /** The effect does not happen. */
        BEFORE,
        /** The effect happens; its caller never learns. */
        AFTER
    }

    /** The simulated death of the process; not an {@code OmsException}, like a real one. */
    public static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Crash(String what) {
            super("simulated crash " + what);
        }
    }

    private static final Set<String> GATEWAY_CALLS = Set.of("authorise", "capture", "voidAuthorisation", "refund", "issue",
            "createLabel", "cancelLabel");
    private static final Set<String> EFFECTS = Set.of("save", "apply", "markPublished", "definePosition",
            "setBackorderLimit", "expectIncoming", "removeIncoming", "purgeFinished", "authorise", "capture",
            "voidAuthorisation", "refund", "issue", "createLabel", "cancelLabel");

    private final AtomicInteger effects = new AtomicInteger();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private volatile int armedAt = -1;
    private volatile When when = When.BEFORE;
    private final AtomicInteger outages = new AtomicInteger();

    /** Creates a controller with nothing armed. */
    public Faults() {
    }

    /**
     * @param <T> the interface
     * @param type a store or gateway interface
     * @param target the real one
     * @return it, crashing where armed
     */
    public <T> T wrap(Class<T> type, T target) {
        InvalidInputException.requireNonNull(type, "type");
        InvalidInputException.requireNonNull(target, "target");
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(target, args);
            }
            boolean effect = EFFECTS.contains(method.getName());
            if (GATEWAY_CALLS.contains(method.getName()) && outages.getAndUpdate(o -> Math.max(0, o - 1)) > 0) {
                throw new Outage(type.getSimpleName() + "." + method.getName());
            }
            int n = 0;
            if (effect) {
                n = effects.incrementAndGet();
                log.add(n + " " + type.getSimpleName() + "." + method.getName());
                if (n == armedAt && when == When.BEFORE) {
                    throw new Crash("before " + type.getSimpleName() + "." + method.getName() + " (effect " + n + ")");
                }
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException thrown) {
                throw thrown.getCause();
            }
            if (effect && n == armedAt && when == When.AFTER) {
                throw new Crash("after " + type.getSimpleName() + "." + method.getName() + " (effect " + n + ")");
            }
            return result;
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    /**
     * @param stores the real stores
     * @return the five stores, crashing where armed
     */
    public FlowStores wrap(FlowStores stores) {
        return FlowStores.of(wrap(OrderStore.class, stores.orders()), wrap(InventoryStore.class, stores.inventory()),
                wrap(FulfillmentStore.class, stores.fulfillment()), wrap(ReturnStore.class, stores.returns()),
                wrap(ProcessStore.class, stores.processes()));
    }

    /** @param gateway the real one @return it, crashing where armed */
    public PaymentGateway wrap(PaymentGateway gateway) {
        return wrap(PaymentGateway.class, gateway);
    }

    /** @param gateway the real one @return it, crashing where armed */
    public CarrierGateway wrap(CarrierGateway gateway) {
        return wrap(CarrierGateway.class, gateway);
    }

    /** @param gateway the real one @return it, crashing where armed */
    public StoreCreditGateway wrap(StoreCreditGateway gateway) {
        return wrap(StoreCreditGateway.class, gateway);
    }

    /** A gateway that is down: a technical failure, not a refusal, before anything happened. */
    public static final class Outage extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Outage(String what) {
            super("simulated outage of " + what);
        }
    }

    /** @param calls how many of the next gateway calls fail with an {@link Outage} */
    public void failGatewayCalls(int calls) {
        outages.set(Math.max(0, calls));
    }

    /** Starts counting effects from zero and disarms. */
    public void reset() {
        disarm();
        effects.set(0);
        log.clear();
    }

    /**
     * Arms a crash at an effect, counted since the last {@link #reset()}.
     *
     * @param effect which effect, from 1
     * @param at before or after it
     */
    public void arm(int effect, When at) {
        if (effect < 1) {
            throw new InvalidInputException("effect", "counts from 1 (was " + effect + ")");
        }
        this.when = InvalidInputException.requireNonNull(at, "at");
        this.armedAt = effect;
    }

    /** No more crashes and no more outages. */
    public void disarm() {
        armedAt = -1;
        outages.set(0);
    }

    /** @return effects since the last reset */
    public int effects() {
        return effects.get();
    }

    /** @return the effects since the last reset, numbered ("3 InventoryStore.apply") */
    public List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }
}
