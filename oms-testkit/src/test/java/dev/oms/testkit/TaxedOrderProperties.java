package dev.oms.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.core.OrderCommand;
import dev.oms.core.OrderDecider;
import dev.oms.core.OrderInvariants;
import dev.oms.core.OrderTotals;
import dev.oms.core.PlaceOrder;
import dev.oms.spi.LineId;
import dev.oms.spi.Quantity;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.NewLine;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.OrderLine;
import dev.oms.spi.order.OrderEdit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Orders under every tax policy (net and gross prices, tax from rates or from the host, each
 * rounding level and mode) in currencies of 2, 0 and 3 decimals: through random partial
 * cancellations and quantity edits every total equals the sum of its parts, and the order ends
 * with exactly the totals of an order placed with its last quantities, so no path of changes
 * gains or loses a minor unit.
 */
class TaxedOrderProperties {
    private static final OrderDecider DECIDER = OrderDecider.builder().build();

    @Provide
    Arbitrary<PlaceOrder> orders() {
        return Arbitraries.of("EUR", "JPY", "KWD", "BHD", "CHF").flatMap(code -> OmsArbitraries.catalogues(
                Monetary.getCurrency(code), 1, 6).flatMap(OmsArbitraries::orders));
    }

    @Property(tries = 500)
    void cancellations_and_edits_keep_the_parts_summing_and_end_where_one_placement_would(
            @ForAll("orders") PlaceOrder place, @ForAll long seed) {
        Random random = new Random(seed);
        Order order = DECIDER.place(place).orThrow().order();
        assertThat(OrderInvariants.violations(order)).isEmpty();
        for (int step = 0; step < 6; step++) {
            List<OrderLine> open = order.lines().stream().filter(l -> l.quantities().open().isPositive()).toList();
            if (open.isEmpty()) {
                break;
            }
            OrderLine line = open.get(random.nextInt(open.size()));
            long units = line.quantities().open().value();
            OrderCommand command = random.nextBoolean()
                    ? new OrderCommand.CancelLine(line.id(), Quantity.of(1 + random.nextInt((int) units)),
                            CancelReason.CUSTOMER_REQUEST, "")
                    : OrderCommand.Edit.of(new OrderEdit.ChangeQuantity(line.id(),
                            Quantity.of(1 + random.nextInt((int) units + 3))));
            OrderDecider.Decision decision = DECIDER.decide(order, command);
            if (!decision.isAccepted()) {
                continue; // a change to the same quantity, say: refused, nothing changed
            }
            order = decision.orThrow().order();
            assertThat(OrderInvariants.violations(order)).as("after " + command).isEmpty();
        }
        OrderTotals reached = OrderTotals.of(order);
        List<NewLine> left = new ArrayList<>();
        for (OrderLine l : order.lines()) {
            if (l.quantities().open().isPositive()) {
                left.add(new NewLine(l.id(), l.sku(), l.quantities().open(), l.unitPrice(), l.unitDiscount(), l.tax()));
            }
        }
        if (left.isEmpty()) {
            assertThat(reached.grandTotal().isZero()).as("nothing open owes nothing").isTrue();
            assertThat(reached.tax().isZero()).isTrue();
            return;
        }
        OrderTotals fresh = OrderTotals.of(DECIDER.place(new PlaceOrder(place.header(), left, place.discounts(),
                place.shippingCharges())).orThrow().order());
        assertThat(reached.grandTotal()).isEqualTo(fresh.grandTotal());
        assertThat(reached.tax()).isEqualTo(fresh.tax());
        assertThat(reached.shippingTax()).isEqualTo(fresh.shippingTax());
        assertThat(reached.taxes()).isEqualTo(fresh.taxes());
        for (NewLine l : left) {
            assertThat(reached.lineTaxes().get(l.id())).as("tax of line " + l.id())
                    .isEqualTo(fresh.lineTaxes().get(l.id()));
        }
    }

    @Property(tries = 300)
    void a_supplied_per_unit_tax_is_its_amount_times_the_open_units(@ForAll("orders") PlaceOrder place) {
        Order order = DECIDER.place(place).orThrow().order();
        OrderTotals totals = OrderTotals.of(order);
        for (OrderLine l : order.lines()) {
            if (l.tax() instanceof dev.oms.spi.order.LineTax.Supplied s && s.units() == 1) {
                MonetaryAmount expected = s.taxes().get(0).amount().multiply(l.quantities().open().value());
                assertThat(totals.lineTaxes().get(l.id())).isEqualTo(expected);
            }
        }
        MonetaryAmount sum = totals.shippingTax();
        for (LineId id : totals.lineTaxes().keySet()) {
            sum = sum.add(totals.lineTaxes().get(id));
        }
        assertThat(sum).isEqualTo(totals.tax());
    }
}
