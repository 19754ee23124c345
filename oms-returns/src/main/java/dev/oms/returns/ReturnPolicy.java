package dev.oms.returns;

import dev.oms.returns.ReturnDraft.LineToReturn;
import dev.oms.returns.ReturnPolicy.PolicyViolation;
import dev.oms.returns.ReturnReasons.ReturnReason;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.InvalidInputException.CurrencyMismatchException;
import dev.oms.spi.LineId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.RuleViolationException;
import dev.oms.spi.Sku;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.LineQuantities;
import dev.oms.spi.order.Order.OrderLine;
import dev.oms.spi.order.TaxRate;
import dev.oms.spi.returns.ReturnRequest.ReturnKind;
import dev.oms.spi.returns.ReturnRequest.ShippingPayer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.money.MonetaryAmount;

/**
 * The merchant's return policy, configured by the host, that explains every refusal.
 *
 * <ul>
 *   <li><b>Window</b> counted from delivery in calendar days in the channel's time zone: a 30-day
 *       window for a parcel delivered on 3 November in Berlin is open until the end of 3 December
 *       in Berlin, whatever the hour of delivery, daylight saving included. The default window,
 *       per channel, or per product category (the most specific wins: category, then channel,
 *       then the default); the default zone ({@link Builder#zone(ZoneId)}, UTC unless set) or the
 *       channel's. A line delivered in several parcels counts from its last delivery.</li>
 *   <li><b>Final sale</b>: SKUs that cannot be returned or exchanged (claims are still allowed:
 *       the fault is the merchant's).</li>
 *   <li><b>Quantity</b>: at most delivered minus returned minus what other open requests already
 *       hold; claims for lost parcels at most what is in transit minus what other claims hold.</li>
 *   <li><b>Who pays return shipping</b>, per reason: the merchant if any line's reason is one of
 *       {@link Builder#freeReturnShippingFor}; otherwise the customer, who pays
 *       {@link Builder#returnShippingFee} out of the refund.</li>
 *   <li><b>Original shipping refunded</b> for the reasons of {@link Builder#refundShippingFor}.</li>
 *   <li><b>Restocking fee</b> (percentage or fixed), waived for the reasons of
 *       {@link Builder#waiveRestockingFeeFor}, never charged on exchanges or claims.</li>
 *   <li><b>Refund conventions</b> ({@link Builder#refundConventions}): the original shipping pro
 *       rata, whole once or never; how a line's parts are rounded as they are split over returned
 *       units; how a store-credit payout is rounded. {@link RefundConventions#standard()} unless set.</li>
 * </ul>
 * Rules named for a reason apply to its more precise children too. Immutable and thread-safe.
 */
public final class ReturnPolicy {
    private final Duration window;
    private final ZoneId zone;
    private final Map<ChannelId, ZoneId> channelZones;
    private final Map<ChannelId, Duration> channelWindows;
    private final Map<String, Duration> categoryWindows;
    private final Function<Sku, Optional<String>> categoryOf;
    private final Predicate<Sku> finalSale;
    private final ReturnReasons reasons;
    private final Set<String> freeReturnShipping;
    private final Optional<MonetaryAmount> returnShippingFee;
    private final Optional<TaxRate> returnShippingFeeRate;
    private final Set<String> shippingRefunded;
    private final RestockingFee restockingFee;
    private final Set<String> feeWaived;
    private final RefundConventions conventions;

    private ReturnPolicy(Builder b) {
        this.window = b.window;
        this.zone = b.zone;
        this.channelZones = Map.copyOf(b.channelZones);
        this.channelWindows = Map.copyOf(b.channelWindows);
        this.categoryWindows = Map.copyOf(b.categoryWindows);
        this.categoryOf = b.categoryOf;
        this.finalSale = b.finalSale;
        this.reasons = b.reasons;
        this.freeReturnShipping = Set.copyOf(b.freeReturnShipping);
        this.returnShippingFee = Optional.ofNullable(b.returnShippingFee);
        this.returnShippingFeeRate = Optional.ofNullable(b.returnShippingFeeRate);
        this.shippingRefunded = Set.copyOf(b.shippingRefunded);
        this.restockingFee = b.restockingFee;
        this.feeWaived = Set.copyOf(b.feeWaived);
        this.conventions = b.conventions;
    }

    /**
     * @return a builder with a 30-day window, the standard reasons, free return shipping and the
     *     original shipping refunded for damaged, defective and wrong items (and lost parcels), no
     *     return shipping fee and no restocking fee
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the policy of {@link #builder()} as it comes */
    public static ReturnPolicy standard() {
        return builder().build();
    }

    /** @return the reason catalogue */
    public ReturnReasons reasons() {
        return reasons;
    }

    /** @return the restocking fee */
    public RestockingFee restockingFee() {
        return restockingFee;
    }

    /** @return how refunds treat shipping, splits and store-credit payouts */
    public RefundConventions refundConventions() {
        return conventions;
    }

    /**
     * Units other open requests of the order already hold.
     *
     * @param delivered delivered units held by returns, exchanges and claims for delivered units
     * @param inTransit in-transit units held by claims for lost parcels
     */
    public record Held(Map<LineId, Quantity> delivered, Map<LineId, Quantity> inTransit) {
        /** Copies the maps. */
        public Held {
            delivered = Map.copyOf(delivered);
            inTransit = Map.copyOf(inTransit);
        }

        /** @return nothing held */
        public static Held none() {
            return new Held(Map.of(), Map.of());
        }
    }

    /**
     * Checks a request against the policy.
     *
     * @param order the order
     * @param kind return, exchange or claim
     * @param lines what is asked for
     * @param deliveredAt when each line was last delivered
     * @param held what other open requests already hold
     * @param now the current time
     * @return every violation; empty if the policy allows the request
     */
    public List<PolicyViolation> check(Order order, ReturnKind kind, List<LineToReturn> lines,
            Map<LineId, Instant> deliveredAt, Held held, Instant now) {
        InvalidInputException.requireNonNull(order, "order");
        InvalidInputException.requireNonNull(kind, "kind");
        InvalidInputException.requireNonNull(lines, "lines");
        InvalidInputException.requireNonNull(deliveredAt, "deliveredAt");
        InvalidInputException.requireNonNull(held, "held");
        InvalidInputException.requireNonNull(now, "now");
        if (lines.isEmpty()) {
            throw new InvalidInputException("lines", "a return has at least one line");
        }
        List<PolicyViolation> violations = new ArrayList<>();
        Set<LineId> seen = new HashSet<>();
        for (LineToReturn asked : lines) {
            LineId id = asked.lineId();
            if (!seen.add(id)) {
                violations.add(new PolicyViolation("known-line", id, "the line is asked for twice"));
                continue;
            }
            Optional<OrderLine> found = order.line(id);
            if (found.isEmpty()) {
                violations.add(new PolicyViolation("known-line", id, "order " + order.id() + " has no line " + id));
                continue;
            }
            OrderLine line = found.get();
            Optional<ReturnReason> reason = reasons.find(asked.reason());
            if (reason.isEmpty()) {
                violations.add(new PolicyViolation("known-reason", id, "reason " + asked.reason()
                        + " is not in the catalogue"));
                continue;
            }
            boolean claim = kind == ReturnKind.CLAIM;
            if (claim ? !reason.get().forClaims() : !reason.get().forReturns()) {
                violations.add(new PolicyViolation("reason-for-kind", id, "reason " + asked.reason()
                        + " cannot be given for a " + kind.name().toLowerCase(java.util.Locale.ROOT)));
                continue;
            }
            if (!claim && finalSale.test(line.sku())) {
                violations.add(new PolicyViolation("final-sale", id, "SKU " + line.sku()
                        + " is final sale and cannot be returned"));
            }
            Instant delivered = deliveredAt.get(id);
            if (!claim && delivered != null) {
                Duration allowed = windowFor(order, line.sku());
                ZoneId at = zoneFor(order);
                LocalDate lastDay = delivered.atZone(at).toLocalDate().plusDays(allowed.toDays());
                Instant closes = lastDay.plusDays(1).atStartOfDay(at).toInstant();
                if (!now.isBefore(closes)) {
                    violations.add(new PolicyViolation("return-window", id, "delivered on "
                            + delivered.atZone(at).toLocalDate() + " (" + at + "), the " + allowed.toDays()
                            + "-day window closed at the end of " + lastDay));
                }
            }
            LineQuantities q = line.quantities();
            if (reason.get().use() == ReturnReason.Use.CLAIM_UNDELIVERED) {
                long other = held.inTransit().getOrDefault(id, Quantity.ZERO).value();
                long allowed = Math.max(0, q.inTransit().value() - other);
                if (asked.quantity().value() > allowed) {
                    violations.add(new PolicyViolation("returnable-quantity", id, "asked " + asked.quantity()
                            + " but " + q.inTransit() + " in transit and " + other + " already claimed"));
                }
            } else {
                long other = held.delivered().getOrDefault(id, Quantity.ZERO).value();
                long allowed = Math.max(0, q.delivered().value() - q.returned().value() - other);
                if (asked.quantity().value() > allowed) {
                    violations.add(new PolicyViolation("returnable-quantity", id, "asked " + asked.quantity()
                            + " but " + q.delivered() + " delivered, " + q.returned() + " returned and " + other
                            + " held by other requests"));
                }
            }
        }
        return violations;
    }

    /**
     * @param order the order
     * @param sku a SKU of it
     * @return how long after delivery it may be returned
     */
    public Duration windowFor(Order order, Sku sku) {
        Optional<Duration> byCategory = categoryOf.apply(sku).map(categoryWindows::get);
        if (byCategory.isPresent()) {
            return byCategory.get();
        }
        return channelWindows.getOrDefault(order.header().channel(), window);
    }

    /**
     * @param order the order
     * @return the time zone its channel counts return windows in
     */
    public ZoneId zoneFor(Order order) {
        return channelZones.getOrDefault(order.header().channel(), zone);
    }

    /**
     * @param reasonCodes the reasons of a request's lines
     * @return who pays to ship it back
     */
    public ShippingPayer shippingPayer(List<String> reasonCodes) {
        for (String code : reasonCodes) {
            if (reasons.covers(code, freeReturnShipping)) {
                return ShippingPayer.MERCHANT;
            }
        }
        return ShippingPayer.CUSTOMER;
    }

    /**
     * The fee a customer pays to ship a return back. With a tax rate on it
     * ({@link Builder#returnShippingFee(MonetaryAmount, TaxRate)}), the fee is priced like the
     * order: on gross prices it includes its tax, on net prices its tax is added.
     *
     * @param order the order (for the currency and its price basis)
     * @return what comes off the refund, tax included; zero if no fee
     * @throws CurrencyMismatchException if the fee is in another currency than the order
     */
    public MonetaryAmount returnShippingFee(Order order) {
        MonetaryAmount fee = feeAsSet(order);
        return order.header().taxPolicy().basis() == dev.oms.spi.order.TaxPolicy.PriceBasis.TAX_EXCLUSIVE
                ? fee.add(returnShippingFeeTax(order).orElse(Amounts.zero(order.currency()))) : fee;
    }

    /**
     * @param order the order
     * @return the tax in {@link #returnShippingFee(Order)}, rounded half up, if the fee has a rate
     */
    public Optional<MonetaryAmount> returnShippingFeeTax(Order order) {
        if (returnShippingFeeRate.isEmpty()) {
            return Optional.empty();
        }
        MonetaryAmount fee = feeAsSet(order);
        dev.oms.core.TaxCalculation taxed = dev.oms.core.TaxCalculation.of(order.header().taxPolicy()
                .roundedPer(dev.oms.spi.order.TaxPolicy.RoundingLevel.PER_LINE).rounded(java.math.RoundingMode.HALF_UP),
                List.of(dev.oms.core.TaxCalculation.Item.of("return shipping", fee, 1, returnShippingFeeRate.get())),
                Amounts.zero(order.currency()));
        return Optional.of(taxed.tax());
    }

    private MonetaryAmount feeAsSet(Order order) {
        if (returnShippingFee.isEmpty()) {
            return Amounts.zero(order.currency());
        }
        MonetaryAmount fee = returnShippingFee.get();
        if (!fee.getCurrency().equals(order.currency())) {
            throw new CurrencyMismatchException("ReturnPolicy.returnShippingFee", order.currency(), fee.getCurrency());
        }
        return fee;
    }

    /** @return whether the original shipping is refunded for this reason */
    public boolean refundsShipping(String reasonCode) {
        return reasons.covers(reasonCode, shippingRefunded);
    }

    /** @return whether the restocking fee is waived for this reason */
    public boolean waivesRestockingFee(String reasonCode) {
        return reasons.covers(reasonCode, feeWaived);
    }

    /** Configures a {@link ReturnPolicy}. Not thread-safe; build once and share the policy. */
    public static final class Builder {
        private Duration window = Duration.ofDays(30);
        private ZoneId zone = java.time.ZoneOffset.UTC;
        private final Map<ChannelId, ZoneId> channelZones = new HashMap<>();
        private final Map<ChannelId, Duration> channelWindows = new HashMap<>();
        private final Map<String, Duration> categoryWindows = new HashMap<>();
        private Function<Sku, Optional<String>> categoryOf = sku -> Optional.empty();
        private Predicate<Sku> finalSale = sku -> false;
        private ReturnReasons reasons = ReturnReasons.standard();
        private final Set<String> freeReturnShipping = new HashSet<>(Set.of(ReturnReasons.DAMAGED,
                ReturnReasons.DEFECTIVE, ReturnReasons.WRONG_ITEM));
        private MonetaryAmount returnShippingFee;
        private TaxRate returnShippingFeeRate;
        private final Set<String> shippingRefunded = new HashSet<>(Set.of(ReturnReasons.DAMAGED,
                ReturnReasons.DEFECTIVE, ReturnReasons.WRONG_ITEM, ReturnReasons.LOST_IN_TRANSIT));
        private RestockingFee restockingFee = RestockingFee.none();
        private RefundConventions conventions = RefundConventions.standard();
        private final Set<String> feeWaived = new HashSet<>(Set.of(ReturnReasons.DAMAGED, ReturnReasons.DEFECTIVE,
                ReturnReasons.WRONG_ITEM, ReturnReasons.NOT_AS_DESCRIBED));

        private Builder() {
        }

        /** @param value the default window from delivery, whole days, not negative @return this builder */
        public Builder window(Duration value) {
            this.window = requireWindow(value, "window");
            return this;
        }

        /** @param value the zone return windows are counted in, unless a channel has its own (UTC if unset) @return this builder */
        public Builder zone(ZoneId value) {
            this.zone = InvalidInputException.requireNonNull(value, "zone");
            return this;
        }

        /** @param channel a channel @param value the zone its return windows are counted in @return this builder */
        public Builder zone(ChannelId channel, ZoneId value) {
            channelZones.put(InvalidInputException.requireNonNull(channel, "channel"),
                    InvalidInputException.requireNonNull(value, "zone." + channel));
            return this;
        }

        /** @param channel a channel @param value its window @return this builder */
        public Builder window(ChannelId channel, Duration value) {
            channelWindows.put(InvalidInputException.requireNonNull(channel, "channel"),
                    requireWindow(value, "window." + channel));
            return this;
        }

        /** @param category a product category @param value its window @return this builder */
        public Builder windowForCategory(String category, Duration value) {
            categoryWindows.put(InvalidInputException.requireCode(category, "category"),
                    requireWindow(value, "window." + category));
            return this;
        }

        /** @param value the host's catalogue: the category of a SKU, if it has one @return this builder */
        public Builder categories(Function<Sku, Optional<String>> value) {
            this.categoryOf = InvalidInputException.requireNonNull(value, "categories");
            return this;
        }

        /** @param skus final-sale SKUs (added to those already named) @return this builder */
        public Builder finalSale(Sku... skus) {
            Set<Sku> named = Set.of(InvalidInputException.requireNonNull(skus, "skus"));
            Predicate<Sku> before = finalSale;
            this.finalSale = sku -> before.test(sku) || named.contains(sku);
            return this;
        }

        /** @param value which SKUs are final sale (replaces any named before) @return this builder */
        public Builder finalSaleWhen(Predicate<Sku> value) {
            this.finalSale = InvalidInputException.requireNonNull(value, "finalSale");
            return this;
        }

        /** @param value the reason catalogue @return this builder */
        public Builder reasons(ReturnReasons value) {
            this.reasons = InvalidInputException.requireNonNull(value, "reasons");
            return this;
        }

        /** @param codes reasons for which the merchant pays return shipping (replaces the defaults) @return this builder */
        public Builder freeReturnShippingFor(String... codes) {
            replace(freeReturnShipping, codes);
            return this;
        }

        /** @param value what a customer pays to ship a return back, not negative @return this builder */
        public Builder returnShippingFee(MonetaryAmount value) {
            InvalidInputException.requireNonNull(value, "returnShippingFee");
            if (value.isNegative()) {
                throw new InvalidInputException("returnShippingFee", "must not be negative (was " + value + ")");
            }
            this.returnShippingFee = value;
            this.returnShippingFeeRate = null;
            return this;
        }

        /**
         * A return-shipping fee with its own tax: gross where the order's prices are gross (the
         * tax is in it), net where they are net (the tax is added); the refund shows the tax
         * ({@code RefundBreakdown.returnShippingFeeTax}), as a credit note must.
         *
         * @param value the fee, not negative
         * @param rate the tax on it
         * @return this builder
         */
        public Builder returnShippingFee(MonetaryAmount value, TaxRate rate) {
            returnShippingFee(value);
            this.returnShippingFeeRate = InvalidInputException.requireNonNull(rate, "returnShippingFee rate");
            return this;
        }

        /** @param codes reasons for which the original shipping is refunded (replaces the defaults) @return this builder */
        public Builder refundShippingFor(String... codes) {
            replace(shippingRefunded, codes);
            return this;
        }

        /**
         * @param value how refunds treat the original shipping, split a line's parts over its
         *     units and round a store-credit payout
         * @return this builder
         */
        public Builder refundConventions(RefundConventions value) {
            this.conventions = InvalidInputException.requireNonNull(value, "refundConventions");
            return this;
        }

        /** @param value the restocking fee @return this builder */
        public Builder restockingFee(RestockingFee value) {
            this.restockingFee = InvalidInputException.requireNonNull(value, "restockingFee");
            return this;
        }

        /** @param codes reasons for which no restocking fee is charged (replaces the defaults) @return this builder */
        public Builder waiveRestockingFeeFor(String... codes) {
            replace(feeWaived, codes);
            return this;
        }

        /**
         * @return the policy
         * @throws InvalidInputException if a rule names a reason the catalogue does not have
         */
        public ReturnPolicy build() {
            for (Set<String> named : List.of(freeReturnShipping, shippingRefunded, feeWaived)) {
                for (String code : named) {
                    if (reasons.find(code).isEmpty()) {
                        throw new InvalidInputException("ReturnPolicy", "a rule names reason " + code
                                + ", which is not in the catalogue");
                    }
                }
            }
            return new ReturnPolicy(this);
        }

        private static void replace(Set<String> target, String... codes) {
            InvalidInputException.requireNonNull(codes, "codes");
            target.clear();
            for (String code : codes) {
                target.add(InvalidInputException.requireCode(code, "reason"));
            }
        }

        private static Duration requireWindow(Duration value, String field) {
            InvalidInputException.requireNonNull(value, field);
            if (value.isNegative()) {
                throw new InvalidInputException(field, "must not be negative (was " + value + ")");
            }
            if (!value.equals(Duration.ofDays(value.toDays()))) {
                throw new InvalidInputException(field, "is counted in calendar days, so a whole number of days "
                        + "(was " + value + ")");
            }
            return value;
        }
    }

    /**
     * One reason the return policy refuses a request.
     *
     * @param rule a stable, kebab-case name: {@code known-line}, {@code known-reason},
     *     {@code reason-for-kind}, {@code final-sale}, {@code return-window}, {@code returnable-quantity}
     * @param lineId the order line it concerns
     * @param detail what was wrong, with the figures
     */
    public record PolicyViolation(String rule, LineId lineId, String detail) {
        /** @throws InvalidInputException if a field is null */
        public PolicyViolation {
            InvalidInputException.requireCode(rule, "PolicyViolation.rule");
            InvalidInputException.requireNonNull(lineId, "PolicyViolation.lineId");
            InvalidInputException.requireNonNull(detail, "PolicyViolation.detail");
        }

        @Override
        public String toString() {
            return "line " + lineId + ": " + detail + " [" + rule + "]";
        }
    }

    /**
     * What a return costs the customer for handling, taken off the refund of the units it applies
     * to: nothing, a percentage of their merchandise value, or a fixed amount per return.
     */
    public sealed interface RestockingFee {
        /** @return no fee */
        static RestockingFee none() {
            return new None();
        }

        /**
         * @param percent of the refunded merchandise, {@code 0 < percent <= 100}
         * @return the fee
         */
        static RestockingFee percent(String percent) {
            return new Percent(new BigDecimal(InvalidInputException.requireNonNull(percent, "percent")));
        }

        /**
         * @param amount per return, positive
         * @return the fee
         */
        static RestockingFee fixed(MonetaryAmount amount) {
            return new Fixed(amount);
        }

        /** No fee. */
        record None() implements RestockingFee {
        }

        /**
         * A percentage of the merchandise value of the refunded units (after discounts, before tax).
         * Counted per line like the rest of the refund, so partial returns add up to the fee of one
         * full return.
         *
         * @param percent {@code 0 < percent <= 100}
         */
        record Percent(BigDecimal percent) implements RestockingFee {
            /** @throws InvalidInputException if the percentage is out of range */
            public Percent {
                InvalidInputException.requireNonNull(percent, "RestockingFee.percent");
                if (percent.signum() <= 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
                    throw new InvalidInputException("RestockingFee.percent", "must be above 0 and at most 100 (was "
                            + percent.toPlainString() + ")");
                }
            }
        }

        /**
         * A fixed amount per return, split over its fee-bearing lines by value; never more than their
         * merchandise value.
         *
         * @param amount positive
         */
        record Fixed(MonetaryAmount amount) implements RestockingFee {
            /** @throws InvalidInputException if the amount is null or not positive */
            public Fixed {
                InvalidInputException.requireNonNull(amount, "RestockingFee.amount");
                if (!amount.isPositive()) {
                    throw new InvalidInputException("RestockingFee.amount", "must be positive (was " + amount + ")");
                }
            }
        }
    }

    /**
     * The return policy refused a request; every violation is listed, so the customer sees all that
     * is wrong at once. Nothing was saved.
     */
    public static class ReturnRefusedException extends RuleViolationException {
        private static final long serialVersionUID = 1L;

        private final transient List<PolicyViolation> violations;

        /**
         * @param orderId the order
         * @param violations every rule the request breaks, at least one
         */
        public ReturnRefusedException(OrderId orderId, List<PolicyViolation> violations) {
            super(orderId, "return-policy", "the return policy refuses the request: " + violations);
            this.violations = List.copyOf(violations);
        }

        /** @return every rule the request breaks */
        public List<PolicyViolation> violations() {
            return violations;
        }
    }
}
