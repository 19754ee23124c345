package dev.oms.returns;

import static dev.oms.returns.ReturnsWorld.eur;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.core.OrderPayments.PaymentDeclinedException;
import dev.oms.returns.Goodwill.LineAmount;
import dev.oms.returns.ReturnDecider.ReturnRuleException;
import dev.oms.spi.CommandKey;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.InvalidInputException.CurrencyMismatchException;
import dev.oms.spi.InvalidInputException.UnknownLineException;
import dev.oms.spi.LineId;
import dev.oms.spi.OmsException.CommandKeyConflictException;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.RuleViolationException;
import dev.oms.spi.RuleViolationException.PaymentLimitExceededException;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.returns.RefundAccount;
import dev.oms.spi.returns.RefundBreakdown;
import dev.oms.spi.returns.RefundBreakdown.RefundLine;
import dev.oms.spi.returns.RefundBreakdown.RefundMethod;
import dev.oms.spi.returns.ReturnRequest;
import dev.oms.spi.returns.ReturnRequest.ReturnKind;
import dev.oms.spi.returns.ReturnRequest.ReturnStatus;
import java.util.List;
import javax.money.MonetaryAmount;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Goodwill through {@link ReturnService#grantGoodwill}, on the worked order of the returns README
 * (251.49: two jackets at 89.90 with 19 %, three books at 12.99 with 7 %, a 10.00 coupon, 4.90
 * shipping): money back without units, taken back from later refunds of the same units, so that
 * goodwill and refunds together are exactly one full refund; and every way a careless caller gets
 * it wrong, refused with nothing changed.
 */
class GoodwillTest {

    @Test
    void goodwill_on_a_line_is_taken_back_by_the_later_returns_of_its_units_and_all_adds_up_to_the_order() {
        ReturnsWorld w = new ReturnsWorld();
        OrderId id = RefundTest.workedOrder(w);
        // goodwill:begin
        // A jacket arrived scratched; the customer keeps it for 20.00 back.
        ReturnRequest goodwill = w.returns.grantGoodwill(Goodwill.onLines(id, "scratched",
                LineAmount.of("1", eur("20.00"))), RefundMethod.ORIGINAL_PAYMENT, CommandKey.of("gw-scratch-1"));
        // goodwill:end
        assertThat(goodwill.kind()).isEqualTo(ReturnKind.GOODWILL);
        assertThat(goodwill.status()).isEqualTo(ReturnStatus.REFUNDED);
        assertThat(goodwill.lines()).singleElement().satisfies(l -> {
            assertThat(l.lineId()).isEqualTo(LineId.of("1"));
            assertThat(l.quantity()).isEqualTo(Quantity.of(2));   // the units it is on: those not refunded
        });
        RefundBreakdown given = goodwill.refund().orElseThrow();
        assertThat(given.total()).isEqualTo(eur("20.00"));
        assertThat(RefundTest.lineOf(given, "1").goodwill()).isEqualTo(eur("20.00"));
        assertThat(w.orders.load(id).payments().refunded()).isEqualTo(eur("20.00"));

        // Later both returns of the README come back: the jacket lines take the 20.00 back, 10.00 each.
        RefundBreakdown[] refunds = RefundTest.workedRefunds(w, id, RefundMethod.ORIGINAL_PAYMENT);
        assertThat(RefundTest.lineOf(refunds[0], "1").goodwill()).isEqualTo(eur("-10.00"));
        assertThat(RefundTest.lineOf(refunds[1], "1").goodwill()).isEqualTo(eur("-10.00"));
        assertThat(RefundTest.lineOf(refunds[0], "2").goodwill()).isEqualTo(eur("0.00"));
        assertThat(refunds[0].total()).isEqualTo(eur("108.91"));   // 118.91 without the goodwill
        assertThat(refunds[1].total()).isEqualTo(eur("122.58"));   // 132.58 without it
        assertThat(refunds[0].notes()).anySatisfy(n -> {
            assertThat(n.part()).isEqualTo("goodwill");
            assertThat(n.amount()).isEqualTo(eur("-10.00"));
            assertThat(n.rule()).contains("20.00").contains("102.87 of 205.74");
        });
        // 20.00 + 108.91 + 122.58: exactly what was paid
        assertThat(w.orders.load(id).payments().refunded()).isEqualTo(eur("251.49"));
        assertThat(w.returnStore.refundAccount(id).goodwill()).isEmpty();
        RefundNotesTest.requireExplained(given);
        RefundNotesTest.requireExplained(refunds[0]);
    }

    @Test
    void goodwill_on_the_order_is_split_over_the_lines_by_what_they_are_still_worth() {
        ReturnsWorld w = new ReturnsWorld();
        OrderId id = RefundTest.workedOrder(w);
        // goodwill-order:begin
        // The parcel came a week late: 10.00 back on the order, split over its lines by their worth.
        Goodwill late = Goodwill.onOrder(id, eur("10.00"), "late-delivery");
        RefundBreakdown preview = w.returns.previewGoodwill(late, RefundMethod.ORIGINAL_PAYMENT);
        ReturnRequest granted = w.returns.grantGoodwill(late, RefundMethod.ORIGINAL_PAYMENT,
                CommandKey.of("gw-late-1"));
        // goodwill-order:end
        assertThat(granted.refund()).contains(preview);
        // jackets 179.80 - 8.22 coupon + 34.16 tax = 205.74; books 38.97 - 1.78 + 2.73 = 39.92
        assertThat(RefundTest.lineOf(preview, "1").goodwill()).isEqualTo(eur("8.37"));
        assertThat(RefundTest.lineOf(preview, "2").goodwill()).isEqualTo(eur("1.63"));
        assertThat(preview.notes()).filteredOn(n -> n.part().equals("goodwill")).extracting(RefundBreakdown.Note::rule)
                .anySatisfy(rule -> assertThat(rule).contains("205.74 of 245.66"));
        // a full return afterwards gives back the rest: 251.49 - 10.00
        ReturnRequest all = RefundTest.inspectedReturn(w, id, ReturnReasons.DEFECTIVE, 2, 3);
        RefundBreakdown rest = w.returns.refund(all.id(), RefundMethod.ORIGINAL_PAYMENT, w.key()).refund().orElseThrow();
        assertThat(rest.total()).isEqualTo(eur("241.49"));
        assertThat(w.orders.load(id).payments().refunded()).isEqualTo(eur("251.49"));
    }

    @Test
    void goodwill_as_store_credit_is_credited_and_repeating_the_key_pays_once() {
        ReturnsWorld w = new ReturnsWorld();
        OrderId id = RefundTest.workedOrder(w);
        Goodwill g = Goodwill.onLines(id, "scratched", LineAmount.of("2", eur("5.00")));
        CommandKey key = CommandKey.of("gw-credit");
        ReturnRequest first = w.returns.grantGoodwill(g, RefundMethod.STORE_CREDIT, key);
        ReturnRequest again = w.returns.grantGoodwill(g, RefundMethod.STORE_CREDIT, key);
        assertThat(again).isEqualTo(first);
        assertThat(w.storeCredit.balance(dev.oms.spi.CustomerRef.of("c-7"), "EUR")).contains(eur("5.00"));
        assertThat(w.returns.ofOrder(id)).containsExactly(first);
        assertThatThrownBy(() -> w.returns.grantGoodwill(Goodwill.onLines(id, "scratched",
                LineAmount.of("2", eur("6.00"))), RefundMethod.STORE_CREDIT, key))
                .isInstanceOf(CommandKeyConflictException.class);
        assertThat(w.returns.close(first.id(), w.key()).status()).isEqualTo(ReturnStatus.CLOSED);
    }

    @Test
    void a_declined_payment_leaves_the_goodwill_counted_to_be_paid_like_a_calculated_refund() {
        ReturnsWorld w = new ReturnsWorld();
        OrderId id = RefundTest.workedOrder(w);
        Goodwill g = Goodwill.onOrder(id, eur("12.00"), "late-delivery");
        CommandKey key = CommandKey.of("gw-declined");
        w.gateway.declineOperation("refund", "provider down");
        assertThatThrownBy(() -> w.returns.grantGoodwill(g, RefundMethod.ORIGINAL_PAYMENT, key))
                .isInstanceOf(PaymentDeclinedException.class);
        ReturnRequest pending = w.returns.ofOrder(id).get(0);
        assertThat(pending.status()).isEqualTo(ReturnStatus.APPROVED);
        assertThat(w.returnStore.refundAccount(id).goodwill()).isNotEmpty();
        assertThat(w.orders.load(id).payments().refunded()).isEqualTo(eur("0.00"));

        // the provider answers a repeat of the same payment key as it did the first time, so the
        // counted goodwill is paid like any calculated refund, with a new key
        w.gateway.approveOperation("refund");
        assertThatThrownBy(() -> w.returns.grantGoodwill(g, RefundMethod.ORIGINAL_PAYMENT, key))
                .isInstanceOf(PaymentDeclinedException.class);
        ReturnRequest paid = w.returns.refund(pending.id(), RefundMethod.ORIGINAL_PAYMENT, w.key());
        assertThat(paid.status()).isEqualTo(ReturnStatus.REFUNDED);
        assertThat(w.returns.grantGoodwill(g, RefundMethod.ORIGINAL_PAYMENT, key)).isEqualTo(paid);
        assertThat(w.returnStore.refundAccount(id).version()).isEqualTo(1);   // counted once
        assertThat(w.orders.load(id).payments().refunded()).isEqualTo(eur("12.00"));
        assertThat(w.gateway.operations()).filteredOn(o -> o.kind().equals("refund")
                && o.result() instanceof dev.oms.spi.payment.PaymentGateway.PaymentResult.Approved)
                .hasSize(1);
    }

    @Test
    void a_goodwill_request_takes_no_other_step() {
        ReturnsWorld w = new ReturnsWorld();
        OrderId id = RefundTest.workedOrder(w);
        ReturnRequest g = w.returns.grantGoodwill(Goodwill.onOrder(id, eur("3.00"), "sorry"),
                RefundMethod.ORIGINAL_PAYMENT, w.key());
        ReturnRequest unpaid = w.returnStore.load(g.id()).orElseThrow();
        assertThatThrownBy(() -> w.returns.receive(g.id(), List.of(new LineQuantity(LineId.of("1"), Quantity.of(1))),
                w.key())).isInstanceOf(dev.oms.returns.ReturnTransitions.ReturnTransitionException.class);
        assertThatThrownBy(() -> w.returns.decider().requireAllowed(unpaid.withStatus(ReturnStatus.APPROVED),
                ReturnCommand.ReturnCommandKind.CANCEL)).isInstanceOfSatisfying(ReturnRuleException.class,
                        e -> assertThat(e.rule()).isEqualTo("goodwill-is-money-only"));
        assertThatThrownBy(() -> w.returns.decider().requireAllowed(unpaid.withStatus(ReturnStatus.APPROVED),
                ReturnCommand.ReturnCommandKind.ISSUE_LABEL)).isInstanceOfSatisfying(ReturnRuleException.class,
                        e -> assertThat(e.rule()).isEqualTo("goodwill-is-money-only"));
        // and it holds no units: every unit can still be returned
        ReturnRequest all = RefundTest.inspectedReturn(w, id, ReturnReasons.DEFECTIVE, 2, 3);
        assertThat(all.status()).isEqualTo(ReturnStatus.INSPECTED);
    }

    @Test
    void goodwill_beyond_what_the_units_are_still_worth_is_refused_naming_the_limit() {
        ReturnsWorld w = new ReturnsWorld();
        OrderId id = RefundTest.workedOrder(w);
        // one jacket and one book returned first: the two books left are worth 39.92 less what the first took
        RefundBreakdown first = w.returns.refund(RefundTest.inspectedReturn(w, id, ReturnReasons.DEFECTIVE, 1, 1).id(),
                RefundMethod.ORIGINAL_PAYMENT, w.key()).refund().orElseThrow();
        RefundLine book = RefundTest.lineOf(first, "2");
        MonetaryAmount booksLeft = eur("39.92").subtract(book.total().subtract(book.shipping())
                .subtract(book.shippingTax()));
        unchanged(w, id, () -> w.returns.grantGoodwill(Goodwill.onLines(id, "scratched",
                new LineAmount(LineId.of("2"), booksLeft.add(eur("0.01")))), RefundMethod.ORIGINAL_PAYMENT, w.key()),
                e -> assertThat(e).isInstanceOfSatisfying(RuleViolationException.class, r -> {
                    assertThat(r.rule()).isEqualTo("goodwill-within-value");
                    assertThat(r.getMessage()).contains("line 2").contains(booksLeft.getNumber().toString());
                }));
        // exactly the limit is given
        ReturnRequest all = w.returns.grantGoodwill(Goodwill.onLines(id, "scratched", new LineAmount(LineId.of("2"),
                booksLeft)), RefundMethod.ORIGINAL_PAYMENT, w.key());
        assertThat(all.refund().orElseThrow().total()).isEqualTo(booksLeft);
        // and now nothing more on that line, nor its goodwill with it on the order above the jacket's worth
        unchanged(w, id, () -> w.returns.grantGoodwill(Goodwill.onLines(id, "again", LineAmount.of("2", eur("0.01"))),
                RefundMethod.ORIGINAL_PAYMENT, w.key()), e -> assertThat(e).isInstanceOf(RuleViolationException.class));
        unchanged(w, id, () -> w.returns.grantGoodwill(Goodwill.onOrder(id, eur("500.00"), "again"),
                RefundMethod.ORIGINAL_PAYMENT, w.key()), e -> assertThat(e).isInstanceOfSatisfying(
                        RuleViolationException.class, r -> assertThat(r.getMessage()).contains("on the order")));
    }

    @Test
    void careless_goodwill_is_refused_with_a_typed_error_and_nothing_changes() {
        ReturnsWorld w = new ReturnsWorld();
        OrderId id = RefundTest.workedOrder(w);
        unchanged(w, id, () -> w.returns.grantGoodwill(Goodwill.onOrder(id, dev.oms.spi.Amounts.of("5.00", "USD"),
                "sorry"), RefundMethod.ORIGINAL_PAYMENT, w.key()),
                e -> assertThat(e).isInstanceOf(CurrencyMismatchException.class));
        unchanged(w, id, () -> w.returns.grantGoodwill(Goodwill.onOrder(id, eur("5.001"), "sorry"),
                RefundMethod.ORIGINAL_PAYMENT, w.key()), e -> assertThat(e).isInstanceOf(InvalidInputException.class));
        unchanged(w, id, () -> w.returns.grantGoodwill(Goodwill.onLines(id, "sorry", LineAmount.of("9", eur("1.00"))),
                RefundMethod.ORIGINAL_PAYMENT, w.key()), e -> assertThat(e).isInstanceOf(UnknownLineException.class));
        unchanged(w, id, () -> w.returns.grantGoodwill(Goodwill.onOrder(id, eur("1.00"), "sorry"),
                RefundMethod.EXCHANGE_CREDIT, w.key()), e -> assertThat(e).isInstanceOf(InvalidInputException.class)
                        .hasMessageContaining("exchange"));
        assertThatThrownBy(() -> Goodwill.onOrder(id, eur("0.00"), "sorry")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Goodwill.onOrder");
        assertThatThrownBy(() -> Goodwill.onLines(id, "sorry")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("exactly one");
        assertThatThrownBy(() -> Goodwill.onLines(id, "sorry", LineAmount.of("1", eur("1.00")),
                LineAmount.of("1", eur("2.00")))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> Goodwill.onOrder(id, eur("1.00"), " sorry")).isInstanceOf(
                InvalidInputException.class).hasMessageContaining("Goodwill.reason");
    }

    @Test
    void goodwill_beyond_what_was_captured_is_refused_before_anything_is_counted() {
        ReturnsWorld w = new ReturnsWorld();
        OrderId id = RefundTest.workedOrder(w);
        w.payments.refund(id, eur("240.00"), w.key());   // an unattributed refund outside oms-returns
        unchanged(w, id, () -> w.returns.grantGoodwill(Goodwill.onOrder(id, eur("20.00"), "sorry"),
                RefundMethod.ORIGINAL_PAYMENT, w.key()), e -> assertThat(e).isInstanceOfSatisfying(
                        PaymentLimitExceededException.class, p -> {
                            assertThat(p.rule()).isEqualTo("refund-within-captured");
                            assertThat(p.limit()).isEqualTo(eur("11.49"));
                        }));
    }

    @Test
    void a_line_whose_open_units_changed_since_its_shares_were_frozen_takes_no_goodwill() {
        ReturnsWorld w = new ReturnsWorld();
        OrderId id = RefundTest.workedOrder(w);
        // shares frozen when the jackets' line had three open units; it has two now
        RefundAccount frozen = RefundAccount.empty(id).withShares(java.util.Map.of(LineId.of("1"),
                new RefundAccount.FrozenShares(3, eur("8.22"), eur("4.03"), eur("0.76"),
                        java.util.Optional.of(eur("51.24")))));
        assertThatThrownBy(() -> dev.oms.returns.internal.RefundCalculator.goodwill(w.orders.load(id),
                Goodwill.onLines(id, "scratched", LineAmount.of("1", eur("1.00"))), frozen,
                RefundMethod.ORIGINAL_PAYMENT, RefundConventions.standard()))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> {
                    assertThat(e.rule()).isEqualTo("goodwill-within-value");
                    assertThat(e.getMessage()).contains("open units changed");
                });
        // the books' line is not affected
        assertThat(dev.oms.returns.internal.RefundCalculator.goodwill(w.orders.load(id), Goodwill.onLines(id,
                "scratched", LineAmount.of("2", eur("1.00"))), frozen, RefundMethod.ORIGINAL_PAYMENT,
                RefundConventions.standard()).breakdown().total()).isEqualTo(eur("1.00"));
    }

    @Test
    void goodwill_is_refused_where_it_could_never_be_taken_back_exactly() {
        // refunds rounded once per refund could pay out in rounding what the take-back needs later
        ReturnsWorld perRefund = new ReturnsWorld(ReturnPolicy.builder().refundConventions(RefundConventions.standard()
                .withSplitLevel(RefundConventions.SplitLevel.PER_REFUND)).build());
        OrderId a = RefundTest.workedOrder(perRefund);
        unchanged(perRefund, a, () -> perRefund.returns.grantGoodwill(Goodwill.onOrder(a, eur("5.00"), "sorry"),
                RefundMethod.ORIGINAL_PAYMENT, perRefund.key()), e -> assertThat(e).isInstanceOfSatisfying(
                        RuleViolationException.class, r -> assertThat(r.rule()).isEqualTo(
                                "goodwill-with-per-refund-rounding")));
        // store credit truncated to whole euros: the goodwill is in whole euros, or the credit would
        // be less than what later refunds take back
        ReturnsWorld whole = new ReturnsWorld(ReturnPolicy.builder().refundConventions(RefundConventions.standard()
                .withStoreCreditPayout(new dev.oms.spi.order.Pricing.CashRounding(java.math.BigDecimal.ONE,
                        java.math.RoundingMode.DOWN))).build());
        OrderId b = RefundTest.workedOrder(whole);
        unchanged(whole, b, () -> whole.returns.grantGoodwill(Goodwill.onOrder(b, eur("5.50"), "sorry"),
                RefundMethod.STORE_CREDIT, whole.key()), e -> assertThat(e).isInstanceOf(InvalidInputException.class)
                        .hasMessageContaining("whole increments of 1"));
        assertThat(whole.returns.grantGoodwill(Goodwill.onOrder(b, eur("5.00"), "sorry"), RefundMethod.STORE_CREDIT,
                whole.key()).refund().orElseThrow().total()).isEqualTo(eur("5.00"));
        // an archived order takes none
        ReturnsWorld archived = new ReturnsWorld();
        OrderId c = RefundTest.workedOrder(archived);
        archived.orders.handle(c, new dev.oms.core.OrderCommand.Complete(), archived.key());
        archived.orders.handle(c, new dev.oms.core.OrderCommand.Archive(), archived.key());
        unchanged(archived, c, () -> archived.returns.grantGoodwill(Goodwill.onOrder(c, eur("5.00"), "sorry"),
                RefundMethod.ORIGINAL_PAYMENT, archived.key()), e -> assertThat(e).isInstanceOfSatisfying(
                        RuleViolationException.class, r -> assertThat(r.rule()).isEqualTo("order-not-archived")));
    }

    @Test
    void units_not_shipped_yet_take_no_goodwill_as_they_could_still_be_cancelled() {
        dev.oms.core.OrderDecider decider = dev.oms.core.OrderDecider.builder().build();
        dev.oms.spi.order.Order placed = decider.place(dev.oms.core.PlaceOrder.builder(dev.oms.spi.ChannelId.of("web"),
                dev.oms.spi.ExternalOrderId.of("gw-unshipped"), dev.oms.spi.CustomerRef.of("c"),
                javax.money.Monetary.getCurrency("EUR")).shipTo(dev.oms.spi.Address.of("DE", "10115"))
                .placedAt(java.time.Instant.parse("2026-11-01T09:00:00Z")).line("1", "TEE", 2, eur("10.00"))
                .line("2", "MUG", 1, eur("8.00")).build()).orThrow().order();
        dev.oms.spi.order.Order o = RefundCalculatorProperties.delivered(placed);
        // the same order confirmed but not shipped: its units could still be cancelled
        dev.oms.spi.order.Order confirmed = decider.decide(placed, new dev.oms.core.OrderCommand.Confirm()).orThrow()
                .order();
        assertThatThrownBy(() -> dev.oms.returns.internal.RefundCalculator.goodwill(confirmed, Goodwill.onLines(
                confirmed.id(), "sorry", LineAmount.of("1", eur("1.00"))), RefundAccount.empty(confirmed.id()),
                RefundMethod.ORIGINAL_PAYMENT, RefundConventions.standard()))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> {
                    assertThat(e.rule()).isEqualTo("goodwill-within-value");
                    assertThat(e.getMessage()).contains("2 of its units are not shipped yet");
                });
        assertThat(dev.oms.returns.internal.RefundCalculator.goodwill(o, Goodwill.onLines(o.id(), "sorry",
                LineAmount.of("1", eur("1.00"))), RefundAccount.empty(o.id()), RefundMethod.ORIGINAL_PAYMENT,
                RefundConventions.standard()).breakdown().total()).isEqualTo(eur("1.00"));
    }

    @Test
    void the_readme_shows_the_examples_as_run_here() {
        java.nio.file.Path self = java.nio.file.Path.of("src/test/java/dev/oms/returns/GoodwillTest.java");
        String readme = dev.oms.docs.ReadmeSnippets.readme();
        assertThat(dev.oms.docs.ReadmeSnippets.codeBlockAfter(readme, "<!-- goodwill (from GoodwillTest) -->"))
                .isEqualTo(dev.oms.docs.ReadmeSnippets.region(self, "goodwill"));
        assertThat(dev.oms.docs.ReadmeSnippets.codeBlockAfter(readme, "<!-- goodwill-order (from GoodwillTest) -->"))
                .isEqualTo(dev.oms.docs.ReadmeSnippets.region(self, "goodwill-order"));
    }

    /** Runs a call that must fail and checks that no store changed. */
    private static void unchanged(ReturnsWorld w, OrderId id, ThrowingCallable call,
            java.util.function.Consumer<Throwable> failure) {
        RefundAccount account = w.returnStore.refundAccount(id);
        List<ReturnRequest> returns = w.returns.ofOrder(id);
        int operations = w.gateway.operations().size();
        long orderVersion = w.orders.load(id).version();
        assertThatThrownBy(call).satisfies(failure::accept);
        assertThat(w.returnStore.refundAccount(id)).isEqualTo(account);
        assertThat(w.returns.ofOrder(id)).isEqualTo(returns);
        assertThat(w.gateway.operations()).hasSize(operations);
        assertThat(w.orders.load(id).version()).isEqualTo(orderVersion);
    }
}
