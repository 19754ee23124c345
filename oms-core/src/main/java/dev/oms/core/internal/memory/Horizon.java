package dev.oms.core.internal.memory;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.Purgeable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Checks a purge call's arguments and turns its horizon into an instant, for the in-memory stores. */
public final class Horizon {
    private Horizon() {
    }

    /**
     * @param clock the store's clock
     * @param olderThan the horizon
     * @param limit the batch size
     * @return the instant before which records go
     * @throws InvalidInputException if the horizon is null or negative or the limit not positive
     */
    public static Instant cutoff(Clock clock, Duration olderThan, int limit) {
        Purgeable.requireHorizon(olderThan, limit);
        return clock.instant().minus(olderThan);
    }
}
