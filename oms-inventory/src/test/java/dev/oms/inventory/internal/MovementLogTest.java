package dev.oms.inventory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.spi.LocationId;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.Movement;
import dev.oms.spi.inventory.Movement.MovementReason;
import dev.oms.spi.inventory.PositionKey;
import dev.oms.spi.inventory.Reference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The chunked ledger keeps order and content exactly as a list would, across chunk boundaries. */
class MovementLogTest {
    private static final PositionKey KEY = PositionKey.of(Sku.of("S"), LocationId.of("L"));

    private static Movement movement(long sequence) {
        return new Movement(sequence, KEY, MovementReason.RESERVE, Reference.of(Reference.Type.ORDER, "o"), 0, 1, 0,
                0, Instant.EPOCH, "chg-" + sequence);
    }

    @Test
    void appends_and_drops_from_the_front_like_a_list() {
        MovementLog log = new MovementLog();
        List<Movement> expected = new ArrayList<>();
        Random random = new Random(16);
        long sequence = 0;
        for (int round = 0; round < 200; round++) {
            int add = random.nextInt(700);
            for (int i = 0; i < add; i++) {
                Movement m = movement(++sequence);
                log.add(m);
                expected.add(m);
            }
            int drop = random.nextInt(expected.size() + 1);
            log.dropOldest(drop);
            expected.subList(0, drop).clear();
            assertThat(log.size()).isEqualTo(expected.size());
            assertThat(log.toList()).isEqualTo(expected);
            if (!expected.isEmpty()) {
                int at = random.nextInt(expected.size());
                assertThat(log.get(at)).isSameAs(expected.get(at));
            }
        }
        assertThatThrownBy(() -> log.get(expected.size())).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> log.dropOldest(expected.size() + 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
