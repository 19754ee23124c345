package dev.oms.fakes;

import dev.oms.spi.InvalidInputException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when told to: for tests and simulations, so expiry, deadlines and
 * timestamps are driven by the test instead of by sleeping. Views in other zones share its time.
 * Thread-safe.
 */
public final class ManualClock extends Clock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    /** @param start the time it shows until moved (zone UTC) */
    public ManualClock(Instant start) {
        this(new AtomicReference<>(InvalidInputException.requireNonNull(start, "start")), ZoneOffset.UTC);
    }

    private ManualClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /**
     * @param by how far to move forward, not negative
     * @return the new time
     */
    public Instant advance(Duration by) {
        InvalidInputException.requireNonNull(by, "by");
        if (by.isNegative()) {
            throw new InvalidInputException("by", "a clock moves forward only (was " + by + ")");
        }
        return now.updateAndGet(t -> t.plus(by));
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return new ManualClock(now, InvalidInputException.requireNonNull(other, "zone"));
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
