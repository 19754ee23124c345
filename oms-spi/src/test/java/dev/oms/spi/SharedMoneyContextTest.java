package dev.oms.spi;

import static org.assertj.core.api.Assertions.assertThat;
import java.math.BigDecimal;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import org.junit.jupiter.api.Test;

/**
 * Amounts oms makes share one monetary context per currency (the default factory gives each its
 * own map, about half of a stored order's bytes), and are the same amounts the factory makes.
 */
class SharedMoneyContextTest {
    private static final CurrencyUnit EUR = Monetary.getCurrency("EUR");

    private static MonetaryAmount fromFactory(String decimal, CurrencyUnit currency) {
        return Monetary.getDefaultAmountFactory().setCurrency(currency).setNumber(new BigDecimal(decimal)).create();
    }

    @Test
    void amounts_of_one_currency_share_one_context_and_zero_is_one_instance() {
        assertThat(Amounts.of("19.90", "EUR").getContext()).isSameAs(Amounts.of("9.50", "EUR").getContext());
        assertThat(Amounts.of("19.90", "EUR").add(Amounts.of("0.10", "EUR")).getContext())
                .isSameAs(Amounts.zero(EUR).getContext());
        assertThat(Amounts.zero(EUR)).isSameAs(Amounts.zero(EUR));
        assertThat(fromFactory("1", EUR).getContext()).isNotSameAs(fromFactory("1", EUR).getContext());
    }

    @Test
    void they_are_the_amounts_the_factory_makes_to_the_last_digit() {
        for (String decimal : new String[] {"19.90", "0", "0.01", "999999999999.999999999999", "1E+11", "-3.5"}) {
            MonetaryAmount ours = Amounts.of(new BigDecimal(decimal), EUR);
            MonetaryAmount theirs = fromFactory(decimal, EUR);
            assertThat(ours).as(decimal).isEqualTo(theirs);
            assertThat(ours.getNumber().numberValue(BigDecimal.class))
                    .isEqualByComparingTo(theirs.getNumber().numberValue(BigDecimal.class));
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Amounts.of(new BigDecimal("1E+20"), EUR))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("integer digits");
                CurrencyUnit jpy = Monetary.getCurrency("JPY");
        assertThat(Amounts.of("1500", "JPY")).isEqualTo(fromFactory("1500", jpy));
        assertThat(Amounts.of("1500", "JPY").getContext()).isNotSameAs(Amounts.of("1", "EUR").getContext());
    }
}
