package dev.oms.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.spi.OrderId;
import java.util.List;
import java.util.Random;
import javax.money.Monetary;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.state.ActionChain;

/** The chains' ids come from the seed: the same seed gives the same chain with the same order ids. */
class SeededIdsTest {
    @Example
    void one_seed_gives_one_chain_with_the_same_ids_and_another_seed_other_ids() {
        Arbitrary<ActionChain<LifecycleWorld>> chains = Lifecycles.chains(Monetary.getCurrency("EUR"), 25);
        List<OrderId> first = run(chains, 42);
        List<OrderId> again = run(chains, 42);
        assertThat(first).isNotEmpty().isEqualTo(again);
        assertThat(run(chains, 43)).doesNotContainAnyElementsOf(first);
    }

    private static List<OrderId> run(Arbitrary<ActionChain<LifecycleWorld>> chains, long seed) {
        for (long s = seed;; s += 1_000) { // the first chain of the seed that places an order
            ActionChain<LifecycleWorld> chain = chains.generator(100).next(new Random(s)).value();
            LifecycleWorld world = chain.run();
            if (!world.placed().isEmpty()) {
                return world.placed();
            }
        }
    }
}
