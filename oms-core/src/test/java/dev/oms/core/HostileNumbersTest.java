package dev.oms.core;

import static dev.oms.core.Fixtures.ALICE;
import static dev.oms.core.Fixtures.EUR;
import static dev.oms.core.Fixtures.L1;
import static dev.oms.core.Fixtures.T0;
import static dev.oms.core.Fixtures.WEB;
import static dev.oms.core.Fixtures.eur;
import static dev.oms.core.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.oms.core.internal.shared.ShippedValue;
import dev.oms.core.memory.InMemoryOrderStore;
import dev.oms.spi.Address;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.Quantity;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.Sku;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.LineTax;
import dev.oms.spi.order.NewLine;
import dev.oms.spi.order.Order;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import org.junit.jupiter.api.Test;

/**
 * Numbers that broke oms before it bounded them: a price that expanded into a 100 MB string (or
 * out of memory), a 40-digit price whose capture share overflowed after the shipment was
 * recorded, a line value beyond what minor units hold. Each is refused with a typed error naming
 * the field, before anything is stored; inside the bounds every share is exact.
 */
class HostileNumbersTest {
    private final InMemoryOrderStore store = new InMemoryOrderStore();
    private final OrderService orders = service(store);

    private static MonetaryAmount raw(String number) {
        return Monetary.getDefaultAmountFactory().setCurrency(EUR).setNumber(new BigDecimal(number)).create();
    }

    private static PlaceOrder.Builder order(String external) {
        return PlaceOrder.builder(WEB, ExternalOrderId.of(external), ALICE, EUR).shipTo(Address.of("DE", "10115"))
                .placedAt(T0);
    }

    @Test
    void a_price_bomb_is_refused_by_the_line_itself_before_any_fingerprint_or_store_sees_it() {
        for (String bomb : new String[] {"1E+100000000", "1E+999999999", "1234567890123456789012345678901234567890"}) {
            assertThatThrownBy(() -> new NewLine(L1, Sku.of("TEE"), Quantity.of(1), raw(bomb), eur("0.00"),
                    LineTax.none())).as(bomb).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("unitPrice").hasMessageContaining("integer digits");
        }
        assertThat(store.unpublished(1)).isEmpty();
    }

    @Test
    void a_line_whose_value_minor_units_cannot_hold_is_refused_at_placement_and_nothing_is_stored() {
        PlaceOrder huge = order("big-1").line(new NewLine(L1, Sku.of("TEE"), Quantity.of(2), eur("999999999999.00"),
                eur("0.00"), LineTax.none())).build();
        assertThatThrownBy(() -> orders.place(huge, Fixtures.key())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("line L1 (unit price times quantity)").hasMessageContaining("12 integer digits");
        assertThatThrownBy(() -> new NewLine(L1, Sku.of("TEE"), Quantity.of(Long.MAX_VALUE / 2), eur("1.00"),
                eur("0.00"), LineTax.none()))
                        .isInstanceOf(dev.oms.spi.InvalidInputException.InvalidQuantityException.class)
                .hasMessageContaining("NewLine.quantity").hasMessageContaining("at most " + Quantity.MAX);
        PlaceOrder manyUnits = order("big-2").line(new NewLine(L1, Sku.of("TEE"), Quantity.of(Quantity.MAX),
                eur("1.00"), eur("0.00"), LineTax.none())).build();
        assertThatThrownBy(() -> orders.place(manyUnits, Fixtures.key())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("line L1");
        PlaceOrder twoBigLines = order("big-3")
                .line(new NewLine(L1, Sku.of("TEE"), Quantity.of(1), eur("600000000000.00"), eur("0.00"),
                        LineTax.none()))
                .line(new NewLine(LineId.of("L2"), Sku.of("MUG"), Quantity.of(1), eur("600000000000.00"), eur("0.00"),
                        LineTax.none())).build();
        assertThatThrownBy(() -> orders.place(twoBigLines, Fixtures.key())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("grand total");
        assertThat(store.unpublished(10)).isEmpty();
        assertThat(store.findByExternalId(WEB, ExternalOrderId.of("big-1"))).isEmpty();
    }

    @Test
    void the_largest_order_within_the_bounds_ships_and_its_shipped_value_is_exact() {
        // 999,999 units at 999,999.99: a share of about 1e14 minor units times a million shipped units
        // overflowed a long before (silently: the product wrapped); now it is exact
        Order order = orders.place(order("edge-1").line(new NewLine(L1, Sku.of("TEE"), Quantity.of(999_999),
                eur("999999.99"), eur("0.00"), LineTax.none())).build(), Fixtures.key()).order();
        orders.handle(order.id(), new OrderCommand.Confirm());
        orders.handle(order.id(), new OrderCommand.Allocate(LocationId.of("wh-1"), List.of(new LineQuantity(L1,
                Quantity.of(999_999)))));
        Order shipped = orders.handle(order.id(), new OrderCommand.Ship(ShipmentId.of("s-1"), List.of(
                new LineQuantity(L1, Quantity.of(999_998))))).order();
        BigDecimal expected = new BigDecimal("999999.99").multiply(BigDecimal.valueOf(999_998));
        assertThat(ShippedValue.of(shipped).getNumber().numberValue(BigDecimal.class)).isEqualByComparingTo(expected);
    }

    @Test
    void a_part_of_a_whole_is_exact_for_any_long_inputs() {
        SplittableRandom random = new SplittableRandom(14);
        for (int i = 0; i < 20_000; i++) {
            long whole = random.nextLong(Long.MAX_VALUE);
            long of = 1 + random.nextLong(Long.MAX_VALUE - 1);
            long units = random.nextLong(of + 1 > 0 ? of + 1 : Long.MAX_VALUE);
            long expected = BigInteger.valueOf(whole).multiply(BigInteger.valueOf(units)).divide(BigInteger.valueOf(of))
                    .longValueExact();
            assertThat(MoneyAllocation.part(whole, units, of)).as(whole + " * " + units + " / " + of)
                    .isEqualTo(units >= of ? whole : expected);
        }
        assertThat(MoneyAllocation.part(7, 1, 3)).isEqualTo(2);
        assertThat(MoneyAllocation.part(Long.MAX_VALUE, Long.MAX_VALUE - 1, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE - 1);
    }

    @Test
    void minor_units_refuse_what_is_finer_than_the_currency_or_out_of_bounds_with_the_field_named() {
        assertThat(MoneyAllocation.minorUnits(eur("12.30"), "x")).isEqualTo(1230);
        assertThatThrownBy(() -> MoneyAllocation.minorUnits(raw("0.001"), "refund.amount"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("refund.amount")
                .hasMessageContaining("minor units");
        assertThatThrownBy(() -> MoneyAllocation.minorUnits(raw("1E+40"), "refund.amount"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("integer digits");
    }
}
