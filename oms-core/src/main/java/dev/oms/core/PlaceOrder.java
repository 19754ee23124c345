package dev.oms.core;

import dev.oms.core.OrderCommand.CommandKind;
import dev.oms.spi.Address;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.order.LineTax;
import dev.oms.spi.order.Attributes;
import dev.oms.spi.order.NewLine;
import dev.oms.spi.order.Order.Discount;
import dev.oms.spi.order.Order.OrderHeader;
import dev.oms.spi.order.Order.ShippingCharge;
import dev.oms.spi.order.Pricing;
import dev.oms.spi.order.ServiceLevel;
import dev.oms.spi.order.TaxPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.money.CurrencyUnit;
import javax.money.MonetaryAmount;

/**
 * Place an order: the command that creates one. Idempotent by (channel, external order id):
 * placing the same channel order again returns the first order and changes nothing.
 *
 * <p>Validated on construction: at least one line, line ids unique, every amount in the header's
 * currency ({@link dev.oms.spi.InvalidInputException.CurrencyMismatchException} otherwise, naming the field path) and
 * in whole minor units (unit prices and discounts at most as fine as the header's {@link Pricing}
 * allows), and every line's and shipping charge's tax of the kind the header's
 * {@link TaxPolicy} says: rates where oms computes the tax, amounts where the host supplies it.
 *
 * @param header channel, customer, addresses, service level, currency, time placed, tags
 * @param lines the lines
 * @param discounts order-level discounts
 * @param shippingCharges delivery charges
 */
public record PlaceOrder(OrderHeader header, List<NewLine> lines, List<Discount> discounts,
        List<ShippingCharge> shippingCharges) {
    /**
     * @throws InvalidInputException if anything listed above is wrong
     */
    public PlaceOrder {
        InvalidInputException.requireNonNull(header, "PlaceOrder.header");
        lines = List.copyOf(InvalidInputException.requireNonNull(lines, "PlaceOrder.lines"));
        discounts = List.copyOf(InvalidInputException.requireNonNull(discounts, "PlaceOrder.discounts"));
        shippingCharges = List.copyOf(InvalidInputException.requireNonNull(shippingCharges,
                "PlaceOrder.shippingCharges"));
        if (lines.isEmpty()) {
            throw new InvalidInputException("PlaceOrder.lines", "an order has at least one line");
        }
        CurrencyUnit currency = header.currency();
        Set<LineId> ids = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            NewLine line = lines.get(i);
            if (!ids.add(line.id())) {
                throw new InvalidInputException("lines[" + i + "].id", "line id " + line.id() + " is used twice");
            }
            header.pricing().requireUnitAmount(line.unitPrice(), currency, "lines[" + i + "].unitPrice");
            header.pricing().requireUnitAmount(line.unitDiscount(), currency, "lines[" + i + "].unitDiscount");
            line.tax().requireFits(header.taxPolicy(), currency, "lines[" + i + "].tax");
        }
        for (int i = 0; i < discounts.size(); i++) {
            Amounts.requireNonNegative(discounts.get(i).amount(), currency, "discounts[" + i + "].amount");
        }
        for (int i = 0; i < shippingCharges.size(); i++) {
            Amounts.requireNonNegative(shippingCharges.get(i).amount(), currency,
                    "shippingCharges[" + i + "].amount");
            shippingCharges.get(i).tax().requireFits(header.taxPolicy(), currency, "shippingCharges[" + i + "].tax");
        }
    }

    /** @return {@link CommandKind#PLACE} */
    public CommandKind kind() {
        return CommandKind.PLACE;
    }

    /**
     * Starts a builder.
     *
     * @param channel the sales channel
     * @param externalOrderId the channel's order id
     * @param customer the host's customer reference
     * @param currency the order's currency
     * @return a builder
     */
    public static Builder builder(ChannelId channel, ExternalOrderId externalOrderId, CustomerRef customer,
            CurrencyUnit currency) {
        return new Builder(channel, externalOrderId, customer, currency);
    }

    /**
     * Builds a {@link PlaceOrder}. Not thread-safe; build once per command. The billing address
     * defaults to the shipping address; the service level to {@link ServiceLevel#STANDARD}.
     */
    public static final class Builder {
        private final ChannelId channel;
        private final ExternalOrderId externalOrderId;
        private final CustomerRef customer;
        private final CurrencyUnit currency;
        private Address shippingAddress;
        private Address billingAddress;
        private ServiceLevel serviceLevel = ServiceLevel.STANDARD;
        private TaxPolicy taxPolicy = TaxPolicy.supplied(TaxPolicy.PriceBasis.TAX_EXCLUSIVE);
        private Pricing pricing = Pricing.standard();
        private LocationId pickupLocation;
        private Instant placedAt;
        private final Set<String> tags = new LinkedHashSet<>();
        private final java.util.Map<String, Attributes.Value> attributes = new java.util.TreeMap<>();
        private dev.oms.spi.order.B2bTerms b2b;
        private final List<NewLine> lines = new ArrayList<>();
        private final List<Discount> discounts = new ArrayList<>();
        private final List<ShippingCharge> shippingCharges = new ArrayList<>();

        private Builder(ChannelId channel, ExternalOrderId externalOrderId, CustomerRef customer,
                CurrencyUnit currency) {
            this.channel = channel;
            this.externalOrderId = externalOrderId;
            this.customer = customer;
            this.currency = currency;
        }

        /** @param address where to deliver @return this builder */
        public Builder shipTo(Address address) {
            this.shippingAddress = address;
            return this;
        }

        /** @param address the billing address @return this builder */
        public Builder billTo(Address address) {
            this.billingAddress = address;
            return this;
        }

        /**
         * How the order's prices are taxed; without this, prices are net and the host supplies
         * each line's tax ({@link TaxPolicy#supplied}).
         *
         * @param policy the channel's tax policy
         * @return this builder
         */
        public Builder taxPolicy(TaxPolicy policy) {
            this.taxPolicy = policy;
            return this;
        }

        /**
         * How fine the order's unit prices are and whether its amount due is cash-rounded;
         * without this, {@link Pricing#standard()}: whole minor units, no cash rounding.
         *
         * @param pricing the channel's pricing
         * @return this builder
         */
        public Builder pricing(Pricing pricing) {
            this.pricing = pricing;
            return this;
        }

        /** @param level the service level @return this builder */
        public Builder serviceLevel(ServiceLevel level) {
            this.serviceLevel = level;
            return this;
        }

        /**
         * Makes this a pickup order at a store.
         *
         * @param store the pickup location
         * @return this builder
         */
        public Builder pickupAt(LocationId store) {
            this.serviceLevel = ServiceLevel.PICKUP_IN_STORE;
            this.pickupLocation = store;
            return this;
        }

        /** @param at when the customer placed the order in the channel @return this builder */
        public Builder placedAt(Instant at) {
            this.placedAt = at;
            return this;
        }

        /** @param tag a free label @return this builder */
        public Builder tag(String tag) {
            this.tags.add(tag);
            return this;
        }

        /**
         * Sets a custom attribute of the order (checked against the host's definitions when placed).
         *
         * @param name its name
         * @param value its value
         * @return this builder
         */
        public Builder attribute(String name, Attributes.Value value) {
            this.attributes.put(InvalidInputException.requireCode(name, "attributes[]"),
                    InvalidInputException.requireNonNull(value, "attributes[" + name + "]"));
            return this;
        }

        /**
         * Makes this a business buyer's order: its company account, buyer, purchase order and
         * payment terms.
         *
         * @param terms the terms
         * @return this builder
         */
        public Builder b2b(dev.oms.spi.order.B2bTerms terms) {
            this.b2b = terms;
            return this;
        }

        /** @param line a line @return this builder */
        public Builder line(NewLine line) {
            this.lines.add(line);
            return this;
        }

        /**
         * Adds a line without discount or tax.
         *
         * @param id the line id
         * @param sku the product variant
         * @param quantity units, {@code > 0}
         * @param unitPrice price of one unit
         * @return this builder
         */
        public Builder line(String id, String sku, long quantity, MonetaryAmount unitPrice) {
            return line(NewLine.of(id, sku, quantity, unitPrice));
        }

        /** @param code the coupon or promotion @param amount the discount @return this builder */
        public Builder discount(String code, MonetaryAmount amount) {
            this.discounts.add(new Discount(code, amount));
            return this;
        }

        /**
         * @param code the shipping rate code
         * @param amount the charge without tax
         * @param tax the host's tax on it
         * @return this builder
         */
        public Builder shipping(String code, MonetaryAmount amount, MonetaryAmount tax) {
            this.shippingCharges.add(ShippingCharge.of(code, amount, tax));
            return this;
        }

        /**
         * @param code the shipping rate code
         * @param amount the charge, net or gross as the tax policy says
         * @param tax its rates, or the host's amounts
         * @return this builder
         */
        public Builder shipping(String code, MonetaryAmount amount, LineTax tax) {
            this.shippingCharges.add(new ShippingCharge(code, amount, tax));
            return this;
        }

        /**
         * @param charge a shipping charge, with a discount on it if any (a free or cheaper
         *     shipping coupon: {@link ShippingCharge#withDiscount})
         * @return this builder
         */
        public Builder shipping(ShippingCharge charge) {
            this.shippingCharges.add(InvalidInputException.requireNonNull(charge, "PlaceOrder.shippingCharges"));
            return this;
        }

        /**
         * @return the command
         * @throws InvalidInputException if a required part is missing or invalid
         */
        public PlaceOrder build() {
            InvalidInputException.requireNonNull(shippingAddress, "PlaceOrder.shippingAddress");
            OrderHeader header = new OrderHeader(channel, externalOrderId, customer,
                    billingAddress == null ? shippingAddress : billingAddress, shippingAddress, serviceLevel,
                    Optional.ofNullable(pickupLocation), currency, taxPolicy, pricing, placedAt, tags,
                    new Attributes(attributes), Optional.ofNullable(b2b));
            return new PlaceOrder(header, lines, discounts, shippingCharges);
        }
    }
}
