package dev.oms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.oms.fakes.ManualClock;
import dev.oms.spi.InvalidInputException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ManualClockTest {
    @Test
    void moves_only_when_told_forward_and_zone_views_share_its_time() {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-21T10:00:00Z"));
        Clock berlin = clock.withZone(ZoneId.of("Europe/Berlin"));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-21T10:00:00Z"));
        assertThat(clock.advance(Duration.ofMinutes(5))).isEqualTo(Instant.parse("2026-11-21T10:05:00Z"));
        assertThat(berlin.instant()).isEqualTo(clock.instant());
        assertThat(berlin.getZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("forward");
        assertThatThrownBy(() -> new ManualClock(null)).isInstanceOf(InvalidInputException.class);
    }
}
