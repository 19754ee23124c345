package dev.oms.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import dev.oms.spi.Address.Coordinates;
import dev.oms.spi.InvalidInputException.CurrencyMismatchException;
import dev.oms.spi.InvalidInputException.InvalidQuantityException;
import dev.oms.spi.order.NewLine;
import dev.oms.spi.order.Order.LineQuantities;
import dev.oms.spi.order.Order.PaymentLedger;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ValueTypesTest {
    @Test
    void ids_are_validated_and_print_their_bare_value() {
        assertThat(OrderId.of("o-1")).hasToString("o-1");
        assertThat(Sku.of("A").compareTo(Sku.of("B"))).isNegative();
        assertThatThrownBy(() -> OrderId.of(null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("OrderId").hasMessageContaining("null");
        assertThatThrownBy(() -> LineId.of("")).isInstanceOf(InvalidInputException.class).hasMessageContaining("blank");
        assertThatThrownBy(() -> Sku.of(" A")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("white space");
        assertThatThrownBy(() -> ChannelId.of("a\nb")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("control character");
        assertThatThrownBy(() -> CustomerRef.of("x".repeat(129))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("longer than 128");
    }

    @Test
    void quantity_is_never_negative_and_its_arithmetic_is_checked() {
        assertThat(Quantity.of(2).plus(Quantity.of(3))).isEqualTo(Quantity.of(5));
        assertThat(Quantity.of(5).minus(Quantity.of(5))).isEqualTo(Quantity.ZERO);
        assertThatThrownBy(() -> Quantity.of(-1)).isInstanceOf(InvalidQuantityException.class)
                .hasMessageContaining("negative");
        assertThat(catchThrowableOfType(InvalidQuantityException.class,
                () -> Quantity.of(-1, "ChangeQuantity.quantity")).field()).isEqualTo("ChangeQuantity.quantity");
        assertThat(Quantity.of(3, "ChangeQuantity.quantity")).isEqualTo(Quantity.of(3));
        assertThatThrownBy(() -> Quantity.of(1).minus(Quantity.of(2))).isInstanceOf(InvalidQuantityException.class);
        assertThatThrownBy(() -> Quantity.of(Long.MAX_VALUE).plus(Quantity.of(1)))
                .isInstanceOf(InvalidQuantityException.class).hasMessageContaining("overflows");
        assertThatThrownBy(() -> Quantity.positive(0, "qty")).isInstanceOf(InvalidQuantityException.class)
                .hasMessageContaining("qty");
    }

    @Property(tries = 1000)
    void quantity_plus_then_minus_is_identity(@ForAll @LongRange(max = 1L << 40) long a,
            @ForAll @LongRange(max = 1L << 40) long b) {
        assertThat(Quantity.of(a).plus(Quantity.of(b)).minus(Quantity.of(b))).isEqualTo(Quantity.of(a));
    }

    @Test
    void address_checks_country_and_never_prints_personal_data() {
        Address address = new Address("DE", "10115", "Berlin", List.of("Invalidenstr. 1", "c/o Alice Example"),
                Optional.of(Coordinates.of(52.53, 13.38)));
        assertThat(address.toString()).doesNotContain("Alice", "Invalidenstr", "Berlin", "10115").contains("DE");
        assertThatThrownBy(() -> Address.of("XX", "1")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("ISO 3166");
        assertThatThrownBy(() -> Address.of("de", "1")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Coordinates.of(91, 0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("latitude");
        assertThatThrownBy(() -> Coordinates.of(0, Double.NaN)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void great_circle_distance_berlin_to_munich() {
        double km = Coordinates.of(52.520, 13.405).kilometresTo(Coordinates.of(48.137, 11.575));
        assertThat(km).isBetween(500.0, 510.0);
    }

    @Test
    void line_quantities_refuse_broken_sums() {
        Quantity one = Quantity.of(1);
        Quantity zero = Quantity.ZERO;
        assertThatThrownBy(() -> new LineQuantities(Quantity.of(2), zero, one, zero, zero, zero, zero, zero))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("ordered 2");
        assertThatThrownBy(() -> new LineQuantities(one, zero, zero, zero, zero, one, Quantity.of(2), zero))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("returned 2 exceeds delivered 1");
        LineQuantities q = LineQuantities.ordered(Quantity.of(3)).allocate(Quantity.of(2)).ship(one).deliver(one)
                .markReturned(one);
        assertThat(q.open()).isEqualTo(Quantity.of(3));
        assertThat(q.unshipped()).isEqualTo(Quantity.of(2));
        assertThatThrownBy(() -> q.ship(Quantity.of(2))).isInstanceOf(InvalidQuantityException.class);
    }

    @Test
    void amounts_are_parsed_from_decimal_strings_and_checked() {
        assertThat(Amounts.of("12.30", "EUR").getNumber().doubleValueExact()).isEqualTo(12.30);
        assertThatThrownBy(() -> Amounts.of("12,30", "EUR")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a decimal number");
        assertThatThrownBy(() -> Amounts.of("1", "XYZ")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("XYZ");
        assertThatThrownBy(() -> Amounts.requireNonNegative(Amounts.of("-1", "EUR"),
                javax.money.Monetary.getCurrency("EUR"), "price")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("price");
        assertThatThrownBy(() -> Amounts.requireMinorUnits(Amounts.of("1", "USD"),
                javax.money.Monetary.getCurrency("EUR"), "price")).isInstanceOf(CurrencyMismatchException.class);
        // a line takes a unit price finer than the minor unit (its order's pricing decides), up to 8 digits
        assertThat(NewLine.of("1", "A", 1, Amounts.of("0.001", "EUR")).unitPrice()).isEqualTo(Amounts.of("0.001",
                "EUR"));
        assertThatThrownBy(() -> NewLine.of("1", "A", 1, Amounts.of("0.000000001", "EUR")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("fraction digits");
    }

    @Test
    void the_payment_ledger_refuses_capture_above_authorised_and_refund_above_captured() {
        PaymentLedger ledger = PaymentLedger.empty(javax.money.Monetary.getCurrency("EUR"))
                .authorise(Amounts.of("10.00", "EUR"));
        assertThatThrownBy(() -> ledger.capture(Amounts.of("10.01", "EUR"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("exceeds authorised");
        assertThatThrownBy(() -> ledger.capture(Amounts.of("5.00", "EUR")).refund(Amounts.of("5.01", "EUR")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("exceeds captured");
    }
}
