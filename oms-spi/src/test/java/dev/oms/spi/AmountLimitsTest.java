package dev.oms.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import org.junit.jupiter.api.Test;

/** Numbers from outside are bounded before anything touches them, and nothing ever expands one. */
class AmountLimitsTest {
    private static MonetaryAmount eur(BigDecimal number) {
        return Monetary.getDefaultAmountFactory().setCurrency("EUR").setNumber(number).create();
    }

    @Test
    void number_bombs_are_refused_as_they_are_with_the_field_named() {
        for (String bomb : new String[] {"1E+999999999", "1E+100000000", "-1E+999999999", "1E-999999999",
                "1234567890123456789012345678901234567890"}) {
            assertThatThrownBy(() -> Amounts.parseDecimal(bomb, "line.unitPrice")).as(bomb)
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("line.unitPrice")
                    .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
            assertThatThrownBy(() -> Amounts.of(bomb, "EUR")).as(bomb).isInstanceOf(InvalidInputException.class);
            MonetaryAmount amount;
            try {
                amount = eur(new BigDecimal(bomb)); // a host's own amount, made without oms
            } catch (ArithmeticException refusedByMoneta) {
                continue; // the money library itself will not hold this one
            }
            assertThatThrownBy(() -> Amounts.requireNonNegative(amount, Monetary.getCurrency("EUR"),
                    "NewLine.unitPrice")).as(bomb).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("NewLine.unitPrice")
                    .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
        }
    }

    @Test
    void text_longer_than_the_limit_is_refused_before_it_is_parsed() {
        String huge = "1" + "0".repeat(1_000_000);
        assertThatThrownBy(() -> Amounts.parseDecimal(huge, "amount")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("1000001 characters is longer than " + Amounts.MAX_DECIMAL_LENGTH);
        assertThatThrownBy(() -> Amounts.parseDecimal("12,30", "amount")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'12,30' is not a decimal number");
    }

    @Test
    void the_limits_are_exactly_twelve_integer_and_twelve_fraction_digits() {
        assertThat(Amounts.parseDecimal("999999999999.99", "a")).isEqualByComparingTo("999999999999.99");
        assertThatThrownBy(() -> Amounts.parseDecimal("1000000000000", "a")).hasMessageContaining("12 integer digits");
        assertThatThrownBy(() -> Amounts.parseDecimal("1E+12", "a")).hasMessageContaining("12 integer digits");
        assertThat(Amounts.parseDecimal("0.000000000001", "a")).isEqualByComparingTo("1E-12");
        assertThat(Amounts.parseDecimal("5.0000000000000000000000", "a")).isEqualByComparingTo("5");
        assertThatThrownBy(() -> Amounts.parseDecimal("0.0000000000001", "a")).hasMessageContaining("fraction digits");
        assertThat(Amounts.parseDecimal("-0", "a")).isEqualByComparingTo("0");
    }

    @Test
    void describing_and_formatting_never_expand_a_number() {
        assertThat(Amounts.describe(new BigDecimal("1E+999999999"))).isEqualTo("1E+999999999");
        assertThat(Amounts.describe(new BigDecimal("1E-999999999"))).isEqualTo("1E-999999999");
        assertThat(Amounts.describe(new BigDecimal("12.30"))).isEqualTo("12.30");
        assertThat(Amounts.describe(eur(new BigDecimal("1E+999999999")))).isEqualTo("EUR 1E+999999999");
        assertThat(Amounts.describe(eur(new BigDecimal("1E+999999999")).negate())).isEqualTo("EUR -1E+999999999");
        assertThat(Amounts.format(eur(new BigDecimal("1E+999999999")))).isEqualTo("EUR 1E+999999999");
        assertThat(Amounts.format(eur(new BigDecimal("8")))).isEqualTo("EUR 8.00");
        BigDecimal long_ = new BigDecimal("1" + "2".repeat(200));
        assertThat(Amounts.describe(long_)).hasSizeLessThan(80).contains("(201 digits)");
    }
}
