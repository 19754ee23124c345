package dev.oms.spi;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where oms gets new ids. Injected so that tests and simulations are deterministic.
 *
 * <p>Implementations must be thread-safe and must never return the same id twice.
 */
public interface IdGenerator {
    /** @return a new, never used order id */
    OrderId newOrderId();

    /** @return a new, never used event id */
    EventId newEventId();

    /**
     * @return a new, never used reservation id; by default derived from a new event id, which is
     *     unique too
     */
    default ReservationId newReservationId() {
        return ReservationId.of("res-" + newEventId().value());
    }

    /**
     * Random UUIDs: the production default.
     *
     * @return a generator of random ids
     */
    static IdGenerator randomUuids() {
        return new IdGenerator() {
            @Override
            public OrderId newOrderId() {
                return OrderId.of(UUID.randomUUID().toString());
            }

            @Override
            public EventId newEventId() {
                return EventId.of(UUID.randomUUID().toString());
            }
        };
    }

    /**
     * Counters with a prefix ({@code "o-1"}, {@code "e-1"}, ...): deterministic, for tests and
     * simulations. Unique within one generator instance only.
     *
     * @param prefix prepended to every id, for example {@code "test"}
     * @return a generator of sequential ids
     */
    static IdGenerator sequential(String prefix) {
        AtomicLong orders = new AtomicLong();
        AtomicLong events = new AtomicLong();
        return new IdGenerator() {
            @Override
            public OrderId newOrderId() {
                return OrderId.of(prefix + "-o-" + orders.incrementAndGet());
            }

            @Override
            public EventId newEventId() {
                return EventId.of(prefix + "-e-" + events.incrementAndGet());
            }
        };
    }
}
