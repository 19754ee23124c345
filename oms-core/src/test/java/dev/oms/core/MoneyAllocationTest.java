package dev.oms.core;

import static dev.oms.core.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.spi.InvalidInputException;
import java.math.BigDecimal;
import java.util.List;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class MoneyAllocationTest {
    @Test
    void ten_euros_in_three_equal_parts_gives_the_extra_cent_to_the_first() {
        assertThat(MoneyAllocation.allocate(eur("10.00"), 1, 1, 1))
                .containsExactly(eur("3.34"), eur("3.33"), eur("3.33"));
    }

    @Test
    void by_weight_with_largest_remainders_first() {
        // 1.00 by 1:2:3 = 0.1666.., 0.3333.., 0.5 -> floors 16, 33, 50 (99); the one cent left goes to the largest remainder (0.66)
        assertThat(MoneyAllocation.allocate(eur("1.00"), 1, 2, 3)).containsExactly(eur("0.17"), eur("0.33"), eur("0.50"));
    }

    @Test
    void zero_decimal_currencies_and_negative_amounts_and_zero_weights() {
        MonetaryAmount yen = Monetary.getDefaultAmountFactory().setCurrency("JPY").setNumber(100).create();
        assertThat(MoneyAllocation.allocate(yen, 1, 1, 1)).extracting(a -> a.getNumber().intValueExact())
                .containsExactly(34, 33, 33);
        assertThat(MoneyAllocation.allocate(eur("-10.00"), 1, 1, 1))
                .containsExactly(eur("-3.34"), eur("-3.33"), eur("-3.33"));
        assertThat(MoneyAllocation.allocate(eur("1.00"), 0, 0)).containsExactly(eur("0.50"), eur("0.50"));
    }

    @Test
    void bad_input_is_refused() {
        assertThatThrownBy(() -> MoneyAllocation.allocate(eur("1.00"))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> MoneyAllocation.allocate(eur("1.00"), 1, -1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("weights[1]");
        assertThatThrownBy(() -> MoneyAllocation.allocate(eur("1.005"), 1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("minor unit");
    }

    @Property(tries = 1000)
    void parts_always_sum_exactly_to_the_whole_and_differ_from_the_exact_share_by_less_than_a_cent(
            @ForAll @IntRange(min = -1_000_000, max = 1_000_000) int cents,
            @ForAll @Size(min = 1, max = 12) List<@LongRange(min = 0, max = 10_000) Long> weights) {
        MonetaryAmount total = eur(BigDecimal.valueOf(cents, 2).toPlainString());
        long[] w = weights.stream().mapToLong(Long::longValue).toArray();
        List<MonetaryAmount> parts = MoneyAllocation.allocate(total, w);
        MonetaryAmount sum = eur("0.00");
        for (MonetaryAmount part : parts) {
            sum = sum.add(part);
            assertThat(part.getNumber().numberValue(BigDecimal.class).scale()).isLessThanOrEqualTo(2);
        }
        assertThat(sum).isEqualTo(total);
        long weightSum = weights.stream().mapToLong(Long::longValue).sum();
        for (int i = 0; i < w.length && weightSum > 0; i++) {
            BigDecimal exact = BigDecimal.valueOf(cents).multiply(BigDecimal.valueOf(w[i]))
                    .divide(BigDecimal.valueOf(weightSum), 10, java.math.RoundingMode.HALF_EVEN);
            BigDecimal got = parts.get(i).getNumber().numberValue(BigDecimal.class).movePointRight(2);
            assertThat(got.subtract(exact).abs()).isLessThan(BigDecimal.ONE);
        }
    }
}
