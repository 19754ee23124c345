package dev.oms.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.oms.spi.StaleVersionException.FulfillmentConflictException;
import dev.oms.spi.StaleVersionException.ReservationConflictException;
import dev.oms.spi.StaleVersionException.ReturnConflictException;
import dev.oms.spi.StaleVersionException.VersionConflictException;
import org.junit.jupiter.api.Test;

class CommandKeyTest {
    @Test
    void a_step_key_is_readable_when_it_fits_and_a_stable_digest_when_it_does_not() {
        assertThat(CommandKey.of("ship-42").derive("capture")).isEqualTo(CommandKey.of("ship-42:capture"));
        CommandKey longKey = CommandKey.of("k".repeat(120));
        CommandKey step = longKey.derive("reserve:wh-berlin");
        assertThat(step.value()).hasSizeLessThanOrEqualTo(InvalidInputException.MAX_CODE_LENGTH)
                .startsWith("k".repeat(40) + ":");
        assertThat(longKey.derive("reserve:wh-berlin")).isEqualTo(step);
        assertThat(longKey.derive("reserve:wh-munich")).isNotEqualTo(step);
        assertThatThrownBy(() -> CommandKey.of("k").derive(" ")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> CommandKey.of("k").derive(null)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void every_stale_version_is_one_type_a_host_can_retry_on() {
        for (StaleVersionException e : new StaleVersionException[] {
                new VersionConflictException(OrderId.of("o-1"), 3, 4),
                new ReservationConflictException(ReservationId.of("r-1"), 3, 4),
                new FulfillmentConflictException("fo-1", 3, 4),
                new ReturnConflictException("rma-1", 3, 4)}) {
            assertThat(e.expectedVersion()).isEqualTo(3);
            assertThat(e.actualVersion()).isEqualTo(4);
            assertThat(e).isInstanceOf(OmsException.class)
                    .hasMessageEndingWith("was saved concurrently: expected version 3 but the stored version is 4");
        }
        assertThat(new VersionConflictException(OrderId.of("o-1"), 3, 4)).hasMessageStartingWith("order o-1 ");
    }
}
