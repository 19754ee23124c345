package dev.oms.spi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.oms.spi.Amounts;
import dev.oms.spi.InvalidInputException;
import javax.money.Monetary;
import org.junit.jupiter.api.Test;

/**
 * A currency code goes through JSR-354's providers once: {@code Amounts.of} (and the JSON codec)
 * take it from {@link Currencies} afterwards. An unknown code is asked for, and refused, each time.
 */
class CurrenciesTest {
    @Test
    void a_known_code_is_looked_up_in_the_providers_once() {
        Monetary.getCurrency("CHF");
        assertThat(CountingCurrencies.ASKED.get()).as("the counting provider is asked").isPositive();
        Amounts.of("1.00", "CHF");
        int asked = CountingCurrencies.ASKED.get();
        for (int i = 0; i < 3; i++) {
            assertThat(Amounts.of("2.50", "CHF").getCurrency()).isEqualTo(Monetary.getCurrency("CHF"));
        }
        // the three Monetary.getCurrency calls above ask the providers, the Amounts.of calls do not
        assertThat(CountingCurrencies.ASKED.get() - asked).isEqualTo(3);
        assertThat(Currencies.of("CHF")).isSameAs(Currencies.of("CHF"));
    }

    @Test
    void an_unknown_code_is_refused_every_time_and_not_kept() {
        for (int i = 0; i < 2; i++) {
            int asked = CountingCurrencies.ASKED.get();
            assertThatThrownBy(() -> Amounts.of("1.00", "QQQ")).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("'QQQ' is not a known currency code");
            assertThat(CountingCurrencies.ASKED.get()).isGreaterThan(asked);
        }
    }
}
