package dev.oms.returns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.oms.core.OrderCommand;
import dev.oms.core.OrderDecider;
import dev.oms.core.PlaceOrder;
import dev.oms.returns.ReturnPolicy.RestockingFee;
import dev.oms.returns.internal.RefundCalculator;
import dev.oms.spi.Address;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.LineId;
import dev.oms.spi.Quantity;
import dev.oms.spi.RuleViolationException;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.Order;
import dev.oms.spi.returns.RefundAccount;
import dev.oms.spi.returns.RefundBreakdown.RefundMethod;
import java.time.Instant;
import java.util.List;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import org.junit.jupiter.api.Test;

/**
 * Refund shares frozen at the first refund: a cancellation between two partial refunds moves the
 * order discount onto the refunded line, and still the line's partial refunds add up exactly to
 * one full refund of it as the order stood at the first refund.
 */
class FrozenSharesTest {
    private static final OrderDecider DECIDER = OrderDecider.builder().build();
    private static final LineId A = LineId.of("A");
    private static final LineId B = LineId.of("B");

    private static Order order() {
        return DECIDER.place(PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of("f-1"), CustomerRef.of("c"),
                Monetary.getCurrency("EUR")).shipTo(Address.of("DE", "10115"))
                .placedAt(Instant.parse("2026-11-01T09:00:00Z"))
                .line("A", "TEE", 3, eur("10.00")).line("B", "MUG", 2, eur("10.00"))
                .discount("FIVE", eur("5.00")).shipping("standard", eur("4.90"), eur("0.00")).build())
                .orThrow().order();
    }

    private static RefundCalculator.Result refund(Order order, RefundAccount account, long units) {
        return RefundCalculator.calculate(order, List.of(new RefundCalculator.RefundUnits(A, Quantity.of(units), true,
                false)), account, RestockingFee.none(), eur("0.00"), RefundMethod.ORIGINAL_PAYMENT);
    }

    @Test
    void a_cancellation_between_two_partial_refunds_does_not_change_what_they_add_up_to() {
        Order placed = order();
        MonetaryAmount full = refund(placed, RefundAccount.empty(placed.id()), 3).breakdown().total();

        RefundCalculator.Result first = refund(placed, RefundAccount.empty(placed.id()), 1);
        assertThat(first.accountAfter().shares()).as("only the refunded line is frozen").containsOnlyKeys(A);
        assertThat(first.accountAfter().shares().get(A).orderDiscount()).isEqualTo(eur("3.00"));
        Order cancelled = DECIDER.decide(placed, new OrderCommand.CancelLine(B, Quantity.of(2),
                CancelReason.CUSTOMER_REQUEST, "no mug")).orThrow().order();
        assertThat(dev.oms.core.OrderTotals.orderDiscountShares(cancelled).get(A))
                .as("the cancellation moved the whole discount onto line A").isEqualTo(eur("5.00"));
        RefundCalculator.Result rest = refund(cancelled, first.accountAfter(), 2);

        assertThat(first.breakdown().total().add(rest.breakdown().total())).isEqualTo(full);
        assertThat(first.breakdown().lines().get(0).orderDiscount().add(rest.breakdown().lines().get(0)
                .orderDiscount())).isEqualTo(eur("3.00"));
        assertThat(rest.accountAfter().shares()).isEqualTo(first.accountAfter().shares());
        assertThatThrownBy(() -> refund(cancelled, rest.accountAfter(), 1)).isInstanceOf(RuleViolationException.class)
                .hasMessageContaining("refund-within-open-units");
    }

    /**
     * A line added by an edit after a refund splits only what the refunded line does not hold:
     * refunding every unit of every line with shipping refunds the shipping once, not more.
     */
    @Test
    void a_line_added_after_a_refund_gets_only_what_the_frozen_lines_do_not_hold() {
        Order placed = order();
        RefundCalculator.Result first = refund(placed, RefundAccount.empty(placed.id()), 3);
        Order edited = DECIDER.decide(placed, new OrderCommand.Edit(List.of(new dev.oms.spi.order.OrderEdit.AddLine(
                new dev.oms.spi.order.NewLine(LineId.of("C"), dev.oms.spi.Sku.of("CAP"), Quantity.of(1), eur("20.00"),
                        eur("0.00"), dev.oms.spi.order.LineTax.none()))))).orThrow().order();
        RefundCalculator.Result rest = RefundCalculator.calculate(edited, List.of(
                new RefundCalculator.RefundUnits(B, Quantity.of(2), true, false),
                new RefundCalculator.RefundUnits(LineId.of("C"), Quantity.of(1), true, false)), first.accountAfter(),
                RestockingFee.none(), eur("0.00"), RefundMethod.ORIGINAL_PAYMENT);
        MonetaryAmount shipping = first.breakdown().lines().get(0).shipping();
        for (var l : rest.breakdown().lines()) {
            shipping = shipping.add(l.shipping());
        }
        assertThat(shipping).as("shipping refunded over all lines").isEqualTo(eur("4.90"));
        MonetaryAmount discount = first.breakdown().lines().get(0).orderDiscount();
        for (var l : rest.breakdown().lines()) {
            discount = discount.add(l.orderDiscount());
        }
        assertThat(discount).as("order discount over all lines").isEqualTo(eur("5.00"));
    }

    private static MonetaryAmount eur(String amount) {
        return Amounts.of(amount, "EUR");
    }
}
