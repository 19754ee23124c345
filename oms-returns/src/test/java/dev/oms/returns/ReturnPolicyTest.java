package dev.oms.returns;

import static dev.oms.returns.ReturnsWorld.eur;
import static dev.oms.returns.ReturnsWorld.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.oms.docs.ReadmeSnippets;
import dev.oms.returns.ReturnDraft.LineToReturn;
import dev.oms.returns.ReturnPolicy.PolicyViolation;
import dev.oms.returns.ReturnPolicy.RestockingFee;
import dev.oms.returns.ReturnPolicy.ReturnRefusedException;
import dev.oms.returns.ReturnReasons;
import dev.oms.returns.ReturnReasons.ReturnReason;
import dev.oms.spi.ChannelId;
import dev.oms.spi.LineId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Sku;
import dev.oms.spi.returns.ReturnRequest;
import dev.oms.spi.returns.ReturnRequest.ClaimResolution;
import dev.oms.spi.returns.ReturnRequest.ReturnStatus;
import dev.oms.spi.returns.ReturnRequest.ShippingPayer;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The return policy, through the service, on orders delivered by the real fulfilment flow. */
class ReturnPolicyTest {
    private static ReturnsWorld worldWith(ReturnPolicy policy) {
        ReturnsWorld w = new ReturnsWorld(policy);
        w.stock("SHIRT", 20);
        w.stock("SOCKS", 20);
        w.stock("GIFTCARD", 20);
        return w;
    }

    private static OrderId order(ReturnsWorld w) {
        return w.deliveredOrder("web-" + w.key().value(), b -> b
                .line(line("1", "SHIRT", 2, "30.00", "0.00", "5.70"))
                .line(line("2", "SOCKS", 3, "5.00", "0.00", "0.95"))
                .line(line("3", "GIFTCARD", 1, "25.00", "0.00", "0.00")));
    }

    @Test
    void a_return_inside_the_window_counted_from_delivery_is_accepted_and_one_after_it_refused() {
        ReturnsWorld w = worldWith(ReturnPolicy.builder().window(Duration.ofDays(14)).build());
        OrderId id = order(w); // delivered on 2 November (UTC): open until the end of 16 November
        w.clock.advance(Duration.between(w.clock.instant(), java.time.Instant.parse("2026-11-16T23:59:59Z")));
        ReturnRequest inside = w.returns.request(ReturnDraft.returnOf(id, LineToReturn.of("1", 1,
                ReturnReasons.TOO_SMALL)),
                w.key());
        assertThat(inside.status()).isEqualTo(ReturnStatus.REQUESTED);

        w.clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> w.returns.request(ReturnDraft.returnOf(id, LineToReturn.of("2", 1,
                ReturnReasons.CHANGED_MIND)), w.key()))
                .isInstanceOfSatisfying(ReturnRefusedException.class, e -> {
                    assertThat(e.rule()).isEqualTo("return-policy");
                    assertThat(e.violations()).singleElement().satisfies(v -> {
                        assertThat(v.rule()).isEqualTo("return-window");
                        assertThat(v.lineId()).isEqualTo(LineId.of("2"));
                        assertThat(v.detail()).contains("14-day window closed at the end of 2026-11-16");
                    });
                });
        assertThat(w.returns.ofOrder(id)).containsExactly(inside);
    }

    /**
     * Calendar days in the channel's zone: delivered at 08:00 UTC on 2 November, which is 21:00 in
     * Auckland; there the 14 days end at midnight of 16 November, Auckland time, eleven hours
     * before they end in UTC.
     */
    @Test
    void the_window_is_counted_in_calendar_days_in_the_channels_zone_and_must_be_whole_days() {
        java.time.ZoneId auckland = java.time.ZoneId.of("Pacific/Auckland");
        ReturnsWorld w = worldWith(ReturnPolicy.builder().window(Duration.ofDays(14))
                .zone(ChannelId.of("web"), auckland).build());
        OrderId id = order(w);
        assertThat(w.returns.policy().zoneFor(w.orders.load(id))).isEqualTo(auckland);
        w.clock.advance(Duration.between(w.clock.instant(), java.time.Instant.parse("2026-11-16T10:59:59Z")));
        assertThat(w.returns.request(ReturnDraft.returnOf(id, LineToReturn.of("1", 1, ReturnReasons.TOO_SMALL)),
                w.key()).status()).isEqualTo(ReturnStatus.REQUESTED);
        w.clock.advance(Duration.ofSeconds(1)); // midnight in Auckland, still 16 November in UTC
        assertThatThrownBy(() -> w.returns.request(ReturnDraft.returnOf(id, LineToReturn.of("2", 1,
                ReturnReasons.CHANGED_MIND)), w.key())).isInstanceOfSatisfying(ReturnRefusedException.class, e ->
                assertThat(e.violations()).singleElement().satisfies(v -> assertThat(v.detail())
                        .contains("delivered on 2026-11-02 (Pacific/Auckland)")
                        .contains("closed at the end of 2026-11-16")));
        assertThatThrownBy(() -> ReturnPolicy.builder().window(Duration.ofHours(36)))
                .isInstanceOf(dev.oms.spi.InvalidInputException.class).hasMessageContaining("calendar days");
    }

    @Test
    void windows_per_channel_and_per_category_take_precedence_over_the_default() {
        ReturnPolicy policy = ReturnPolicy.builder().window(Duration.ofDays(30))
                .window(ChannelId.of("web"), Duration.ofDays(10))
                .categories(sku -> sku.value().equals("SOCKS") ? Optional.of("hosiery") : Optional.empty())
                .windowForCategory("hosiery", Duration.ofDays(2)).build();
        ReturnsWorld w = worldWith(policy);
        OrderId id = order(w);
        w.clock.advance(Duration.ofDays(5));
        assertThatThrownBy(() -> w.returns.request(ReturnDraft.returnOf(id, LineToReturn.of("2", 1,
                ReturnReasons.CHANGED_MIND)), w.key()))
                .isInstanceOfSatisfying(ReturnRefusedException.class, e -> assertThat(e.violations())
                        .extracting(PolicyViolation::rule).containsExactly("return-window"));
        assertThat(w.returns.request(ReturnDraft.returnOf(id, LineToReturn.of("1", 1, ReturnReasons.CHANGED_MIND)),
                w.key()).status()).isEqualTo(ReturnStatus.REQUESTED);
        w.clock.advance(Duration.ofDays(6));
        assertThatThrownBy(() -> w.returns.request(ReturnDraft.returnOf(id, LineToReturn.of("1", 1,
                ReturnReasons.CHANGED_MIND)), w.key())).isInstanceOf(ReturnRefusedException.class);
    }

    @Test
    void a_final_sale_sku_cannot_be_returned_but_can_be_claimed() {
        ReturnsWorld w = worldWith(ReturnPolicy.builder().finalSale(Sku.of("GIFTCARD")).build());
        OrderId id = order(w);
        assertThatThrownBy(() -> w.returns.request(ReturnDraft.returnOf(id, LineToReturn.of("3", 1,
                ReturnReasons.CHANGED_MIND)), w.key()))
                .isInstanceOfSatisfying(ReturnRefusedException.class, e -> assertThat(e.violations())
                        .singleElement().satisfies(v -> {
                            assertThat(v.rule()).isEqualTo("final-sale");
                            assertThat(v.detail()).contains("GIFTCARD");
                        }));
        assertThat(w.returns.request(ReturnDraft.claim(id, ClaimResolution.REFUND, LineToReturn.of("3", 1,
                ReturnReasons.WRONG_ITEM)), w.key()).status()).isEqualTo(ReturnStatus.REQUESTED);
    }

    @Test
    void asking_for_more_than_delivered_minus_returned_minus_requested_is_refused_with_the_figures() {
        ReturnsWorld w = worldWith(ReturnPolicy.standard());
        OrderId id = order(w);
        w.returns.request(ReturnDraft.returnOf(id, LineToReturn.of("2", 2, ReturnReasons.CHANGED_MIND)), w.key());
        assertThatThrownBy(() -> w.returns.request(ReturnDraft.returnOf(id, LineToReturn.of("2", 2,
                ReturnReasons.CHANGED_MIND)), w.key()))
                .isInstanceOfSatisfying(ReturnRefusedException.class, e -> assertThat(e.violations())
                        .singleElement().satisfies(v -> {
                            assertThat(v.rule()).isEqualTo("returnable-quantity");
                            assertThat(v.detail()).isEqualTo("asked 2 but 3 delivered, 0 returned and 2 held by other requests");
                        }));
        assertThat(w.returns.request(ReturnDraft.returnOf(id, LineToReturn.of("2", 1, ReturnReasons.CHANGED_MIND)),
                w.key()).status()).isEqualTo(ReturnStatus.REQUESTED);
    }

    @Test
    void every_problem_of_a_request_is_listed_in_one_refusal() {
        ReturnsWorld w = worldWith(ReturnPolicy.builder().finalSale(Sku.of("GIFTCARD")).build());
        OrderId id = order(w);
        assertThatThrownBy(() -> w.returns.request(ReturnDraft.returnOf(id,
                LineToReturn.of("1", 5, ReturnReasons.TOO_LARGE),
                LineToReturn.of("2", 1, "BORED"),
                LineToReturn.of("3", 1, ReturnReasons.CHANGED_MIND),
                LineToReturn.of("9", 1, ReturnReasons.CHANGED_MIND),
                LineToReturn.of("2", 1, ReturnReasons.LOST_IN_TRANSIT)), w.key()))
                .isInstanceOfSatisfying(ReturnRefusedException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.lineId().value() + ":" + v.rule())
                        .containsExactly("1:returnable-quantity", "2:known-reason", "3:final-sale", "9:known-line",
                                "2:known-line"));
        assertThat(w.returns.ofOrder(id)).isEmpty();
    }

    @Test
    void a_lost_parcel_is_a_claim_reason_not_a_return_reason_and_claims_only_cover_units_in_transit() {
        ReturnsWorld w = worldWith(ReturnPolicy.standard());
        OrderId inTransit = w.shippedOrder("web-lost", b -> b.line(line("1", "SHIRT", 2, "30.00", "0.00", "5.70")));
        assertThatThrownBy(() -> w.returns.request(ReturnDraft.returnOf(inTransit, LineToReturn.of("1", 1,
                ReturnReasons.LOST_IN_TRANSIT)), w.key()))
                .isInstanceOfSatisfying(ReturnRefusedException.class, e -> assertThat(e.violations())
                        .extracting(PolicyViolation::rule).contains("reason-for-kind"));
        assertThatThrownBy(() -> w.returns.request(ReturnDraft.claim(inTransit, ClaimResolution.REFUND,
                LineToReturn.of("1", 3, ReturnReasons.LOST_IN_TRANSIT)), w.key()))
                .isInstanceOfSatisfying(ReturnRefusedException.class, e -> assertThat(e.violations())
                        .singleElement().satisfies(v -> assertThat(v.detail())
                                .isEqualTo("asked 3 but 2 in transit and 0 already claimed")));
        assertThat(w.returns.request(ReturnDraft.claim(inTransit, ClaimResolution.REFUND,
                LineToReturn.of("1", 2, ReturnReasons.LOST_IN_TRANSIT)), w.key()).shippingPaidBy())
                .isEqualTo(ShippingPayer.MERCHANT);
    }

    @Test
    void return_shipping_is_free_only_for_the_reasons_that_grant_it_including_their_children() {
        ReturnsWorld w = worldWith(ReturnPolicy.builder().returnShippingFee(eur("3.95")).build());
        OrderId id = order(w);
        assertThat(w.returns.request(ReturnDraft.returnOf(id, LineToReturn.of("1", 1, ReturnReasons.TOO_SMALL)),
                w.key()).shippingPaidBy()).isEqualTo(ShippingPayer.CUSTOMER);
        assertThat(w.returns.request(ReturnDraft.returnOf(id, LineToReturn.of("2", 1,
                ReturnReasons.DAMAGED_IN_TRANSIT)), w.key()).shippingPaidBy()).isEqualTo(ShippingPayer.MERCHANT);
        assertThat(w.returns.request(ReturnDraft.returnOf(id, LineToReturn.of("1", 1, ReturnReasons.WRONG_ITEM)),
                w.key()).shippingPaidBy()).isEqualTo(ShippingPayer.MERCHANT);

        ReturnPolicy onlyDefects = ReturnPolicy.builder().freeReturnShippingFor(ReturnReasons.DEFECTIVE).build();
        assertThat(onlyDefects.shippingPayer(java.util.List.of(ReturnReasons.DAMAGED))).isEqualTo(ShippingPayer.CUSTOMER);
        assertThat(onlyDefects.shippingPayer(java.util.List.of(ReturnReasons.CHANGED_MIND, ReturnReasons.DEFECTIVE)))
                .isEqualTo(ShippingPayer.MERCHANT);
    }

    @Test
    void a_policy_naming_an_unknown_reason_or_a_bad_window_or_fee_is_refused_when_built() {
        assertThatThrownBy(() -> ReturnPolicy.builder().freeReturnShippingFor("NOPE").build())
                .isInstanceOf(dev.oms.spi.InvalidInputException.class).hasMessageContaining("NOPE");
        assertThatThrownBy(() -> ReturnPolicy.builder().window(Duration.ofDays(-1)))
                .isInstanceOf(dev.oms.spi.InvalidInputException.class);
        assertThatThrownBy(() -> RestockingFee.percent("0")).isInstanceOf(dev.oms.spi.InvalidInputException.class);
        assertThatThrownBy(() -> RestockingFee.percent("101")).isInstanceOf(dev.oms.spi.InvalidInputException.class);
        assertThatThrownBy(() -> ReturnPolicy.builder().returnShippingFee(eur("-1.00")))
                .isInstanceOf(dev.oms.spi.InvalidInputException.class);
        assertThatThrownBy(() -> ReturnReasons.standard().with(new ReturnReason("X", "x", Optional.of("MISSING"),
                ReturnReason.Use.RETURN))).isInstanceOf(dev.oms.spi.InvalidInputException.class)
                .hasMessageContaining("MISSING");
        assertThatThrownBy(() -> LineToReturn.of("1", 0, ReturnReasons.TOO_SMALL))
                .isInstanceOf(dev.oms.spi.InvalidInputException.InvalidQuantityException.class);
        assertThatThrownBy(() -> LineToReturn.of("1", -2, ReturnReasons.TOO_SMALL))
                .isInstanceOf(dev.oms.spi.InvalidInputException.InvalidQuantityException.class);
    }

    @Test
    void a_host_extends_the_catalogue_with_nested_reasons_that_inherit_the_parents_rules() {
        ReturnReasons reasons = ReturnReasons.standard()
                .with(ReturnReasons.standard().find(ReturnReasons.DEFECTIVE).orElseThrow()
                        .child("BATTERY_DEAD", "Battery does not charge"));
        ReturnPolicy policy = ReturnPolicy.builder().reasons(reasons).build();
        assertThat(reasons.lineage("BATTERY_DEAD")).containsExactly("BATTERY_DEAD", ReturnReasons.DEFECTIVE);
        assertThat(policy.shippingPayer(java.util.List.of("BATTERY_DEAD"))).isEqualTo(ShippingPayer.MERCHANT);
        assertThat(policy.refundsShipping("BATTERY_DEAD")).isTrue();
        assertThat(policy.waivesRestockingFee("BATTERY_DEAD")).isTrue();
        assertThat(policy.refundsShipping(ReturnReasons.TOO_SMALL)).isFalse();
    }

    @Test
    void the_readme_policy_example_builds_and_is_shown_as_it_is() {
        java.util.Map<Sku, String> catalogue = java.util.Map.of(Sku.of("HEADPHONES"), "electronics");
        // policy-example:begin
        ReturnPolicy policy = ReturnPolicy.builder()
                .window(Duration.ofDays(30))                          // from delivery (the default)
                .window(ChannelId.of("marketplace"), Duration.ofDays(14))
                .categories(sku -> Optional.ofNullable(catalogue.get(sku)))
                .windowForCategory("electronics", Duration.ofDays(14))
                .finalSale(Sku.of("GIFTCARD"))                        // or finalSaleWhen(predicate)
                .reasons(ReturnReasons.standard().with(ReturnReason.of("ARRIVED_LATE", "Arrived too late",
                        ReturnReason.Use.RETURN)))
                .freeReturnShippingFor(ReturnReasons.DAMAGED, ReturnReasons.DEFECTIVE, ReturnReasons.WRONG_ITEM)
                .returnShippingFee(eur("3.95"))                       // what the customer pays otherwise
                .refundShippingFor(ReturnReasons.DAMAGED, ReturnReasons.DEFECTIVE, ReturnReasons.WRONG_ITEM,
                        ReturnReasons.LOST_IN_TRANSIT)
                .restockingFee(RestockingFee.percent("10"))           // or fixed(amount), or none()
                .waiveRestockingFeeFor(ReturnReasons.DAMAGED, ReturnReasons.DEFECTIVE, ReturnReasons.WRONG_ITEM)
                .build();
        // policy-example:end
        assertThat(policy.reasons().find("ARRIVED_LATE")).isPresent();
        assertThat(ReadmeSnippets.codeBlockAfter(ReadmeSnippets.readme(),
                "<!-- policy-example (from ReturnPolicyTest) -->")).isEqualTo(ReadmeSnippets.region(
                        java.nio.file.Path.of("src/test/java/dev/oms/returns/ReturnPolicyTest.java"), "policy-example"));
    }
}
