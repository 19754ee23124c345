package dev.oms.channels;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oms.core.OrderCommand;
import dev.oms.core.OrderDecider;
import dev.oms.core.OrderService;
import dev.oms.core.OrderService.CommandResult;
import dev.oms.core.OrderTotals;
import dev.oms.core.PlaceOrder;
import dev.oms.json.OmsJson;
import dev.oms.spi.Address;
import dev.oms.spi.Address.Coordinates;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OmsException;
import dev.oms.spi.PaymentReference;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.order.LineTax;
import dev.oms.spi.order.Attributes;
import dev.oms.spi.order.NewLine;
import dev.oms.spi.order.Order.Discount;
import dev.oms.spi.order.Order.ShippingCharge;
import dev.oms.spi.order.Pricing;
import dev.oms.spi.order.ServiceLevel;
import dev.oms.spi.order.TaxLine;
import dev.oms.spi.order.TaxPolicy;
import dev.oms.spi.order.TaxRate;
import dev.oms.spi.payment.PaymentMethod;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import javax.money.MonetaryException;

/**
 * Imports orders from any channel in one documented JSON format (see the module README),
 * validated before anything is stored: every problem of a document is reported at once in an
 * {@link OrderImportException} (each with its JSON path), never a partial order. Importing the same
 * channel order twice returns the first order and changes nothing (placement is idempotent by
 * channel and external order id).
 *
 * <p>Amounts are decimal strings in the order's currency ({@code "19.90"}), never JSON numbers, so
 * no binary floating point touches money. If the document states {@code totals.grandTotal}, it must
 * equal the grand total oms computes. Thread-safe.
 */
public final class OrderImport {
    /** JSON numbers kept as written (an attribute's number), not through a double. */
    private static final ObjectMapper MAPPER = OmsJson.newMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final OrderService orders;
    private final OrderDecider pricing;

    /** @param orders where imported orders are placed */
    public OrderImport(OrderService orders) {
        this.orders = InvalidInputException.requireNonNull(orders, "orders");
        // prices the document as placed, its attributes checked against the service's definitions
        this.pricing = OrderDecider.builder().attributes(orders.decider().attributes()).build();
    }

    /**
     * What an import did.
     *
     * @param result the placement (the order and its event, or the earlier ones)
     * @param duplicate whether this channel order had been imported before with the same content
     *     (nothing changed)
     */
    public record Imported(CommandResult result, boolean duplicate) {
    }

    /**
     * Validates and places an order document.
     *
     * @param json the document
     * @return the placed order, or the one placed before for this channel order with the same content
     * @throws OrderImportException with every problem; nothing was stored
     * @throws dev.oms.spi.OmsException.PlacementConflictException if this channel order was imported before with
     *     other content (it names what differs); nothing was stored
     */
    public Imported importOrder(String json) {
        Document document = read(json);
        CommandResult placed = orders.place(document.place());
        if (document.payments().isEmpty()) {
            return new Imported(placed, placed.replayed());
        }
        // the channel's payments, each recorded once under a key of the order and its position
        List<dev.oms.spi.event.OrderEvent> events = new ArrayList<>(placed.events());
        boolean replayed = placed.replayed();
        CommandResult last = placed;
        for (int i = 0; i < document.payments().size(); i++) {
            ChannelPayment p = document.payments().get(i);
            last = orders.handle(placed.order().id(), new OrderCommand.RecordAuthorisation(p.amount(), p.reference(),
                    Optional.of(p.method())), CommandKey.of("import:" + placed.order().id().value() + ":payment:" + i));
            events.addAll(last.events());
            replayed &= last.replayed();
        }
        return new Imported(new CommandResult(last.order(), events, replayed), placed.replayed());
    }

    /** A payment the channel already took: recorded as an authorisation of its method. */
    private record ChannelPayment(PaymentMethod method, MonetaryAmount amount, PaymentReference reference) {
    }

    /** A document read: the placement and the channel's payments. */
    private record Document(PlaceOrder place, List<ChannelPayment> payments) {
    }

    /**
     * Validates a document without placing it.
     *
     * @param json the document
     * @return the placement it describes
     * @throws OrderImportException with every problem
     */
    public PlaceOrder parse(String json) {
        return read(json).place();
    }

    private Document read(String json) {
        InvalidInputException.requireNonNull(json, "json");
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            throw new OrderImportException(List.of(new OrderImportException.Problem("$", "malformed JSON: "
                    + e.getOriginalMessage() + where)));
        }
        Reader reader = new Reader(root);
        PlaceOrder place = reader.read();
        return new Document(place, reader.payments);
    }

    /** Walks one document, collecting every problem. */
    private final class Reader {
        private final JsonNode root;
        private final List<OrderImportException.Problem> problems = new ArrayList<>();
        private final List<ChannelPayment> payments = new ArrayList<>();

        Reader(JsonNode root) {
            this.root = root;
        }

        PlaceOrder read() {
            if (root == null || !root.isObject()) {
                throw new OrderImportException(List.of(new OrderImportException.Problem("$", "expected an object")));
            }
            ChannelKind kind = enumValue(root, "channelKind", "$.channelKind", ChannelKind.class, true).orElse(null);
            ChannelId channel = required(root, "channel", "$.channel", ChannelId::of);
            ExternalOrderId external = required(root, "externalOrderId", "$.externalOrderId", ExternalOrderId::of);
            CustomerRef customer = required(root, "customer", "$.customer", CustomerRef::of);
            CurrencyUnit currency = required(root, "currency", "$.currency", code -> {
                try {
                    return Monetary.getCurrency(code);
                } catch (MonetaryException unknown) {
                    throw new InvalidInputException("currency", "unknown currency '" + code + "'");
                }
            });
            Instant placedAt = required(root, "placedAt", "$.placedAt", text -> {
                try {
                    return Instant.parse(text);
                } catch (DateTimeParseException e) {
                    throw new InvalidInputException("placedAt", "'" + text + "' is not an ISO-8601 instant");
                }
            });
            Optional<ServiceLevel> level = enumValue(root, "serviceLevel", "$.serviceLevel", ServiceLevel.class, false);
            boolean pos = kind == ChannelKind.POINT_OF_SALE;
            boolean pickup = pos || level.filter(l -> l == ServiceLevel.PICKUP_IN_STORE).isPresent();
            LocationId store = pickup ? required(root, "store", "$.store", LocationId::of)
                    : optional(root, "store", "$.store", LocationId::of).orElse(null);
            String marketplace = kind == ChannelKind.MARKETPLACE
                    ? required(root, "marketplace", "$.marketplace", s -> InvalidInputException.requireCode(s, "marketplace"))
                    : null;
            Address billing = root.has("billingAddress") ? address(root.get("billingAddress"), "$.billingAddress") : null;
            Address shipping = root.has("shippingAddress") || !pos || billing == null
                    ? address(root.get("shippingAddress"), "$.shippingAddress") : billing;
            TaxPolicy policy = taxPolicy();
            Pricing prices = pricing(currency);
            List<NewLine> lines = lines(currency, policy, prices);
            payments(currency);
            List<String[]> discountCodes = new ArrayList<>();
            List<MonetaryAmount> discountAmounts = new ArrayList<>();
            JsonNode discounts = root.get("discounts");
            if (discounts != null && !discounts.isNull()) {
                forEach(discounts, "$.discounts", (node, path) -> {
                    String code = required(node, "code", path + ".code", s -> InvalidInputException.requireCode(s, "code"));
                    MonetaryAmount amount = amount(node, "amount", path + ".amount", currency, true);
                    if (code != null && amount != null) {
                        discountCodes.add(new String[] {code});
                        discountAmounts.add(amount);
                    }
                });
            }
            List<Object[]> charges = new ArrayList<>();
            JsonNode shippingCharges = root.get("shipping");
            if (shippingCharges != null && !shippingCharges.isNull()) {
                forEach(shippingCharges, "$.shipping", (node, path) -> {
                    String code = required(node, "code", path + ".code", s -> InvalidInputException.requireCode(s, "code"));
                    MonetaryAmount amount = amount(node, "amount", path + ".amount", currency, true);
                    LineTax tax = tax(node, path, currency, policy, 1, "tax");
                    Optional<Discount> discount = Optional.empty();
                    boolean discountOk = true;
                    JsonNode off = node.get("discount");
                    if (off != null && !off.isNull()) {
                        String offCode = required(off, "code", path + ".discount.code",
                                s -> InvalidInputException.requireCode(s, "code"));
                        MonetaryAmount offAmount = amount(off, "amount", path + ".discount.amount", currency, true);
                        discountOk = offCode != null && offAmount != null;
                        if (discountOk && amount != null && offAmount.isGreaterThan(amount)) {
                            problem(path + ".discount.amount", "the discount " + offAmount.getNumber()
                                    + " exceeds the charge " + amount.getNumber());
                            discountOk = false;
                        } else if (discountOk) {
                            discount = Optional.of(new Discount(offCode, offAmount));
                        }
                    }
                    if (code != null && amount != null && tax != null && discountOk) {
                        charges.add(new Object[] {code, amount, tax, discount});
                    }
                });
            }
            List<String> tags = new ArrayList<>();
            JsonNode tagNodes = root.get("tags");
            if (tagNodes != null && !tagNodes.isNull()) {
                forEach(tagNodes, "$.tags", (node, path) -> {
                    if (!node.isTextual() || node.asText().isBlank()) {
                        problem(path, "a tag is a non-blank string");
                    } else {
                        tags.add(node.asText());
                    }
                });
            }
            Attributes attributes = attributes(root, "$.attributes");
            if (!problems.isEmpty()) {
                throw new OrderImportException(problems);
            }
            PlaceOrder.Builder b = PlaceOrder.builder(channel, external, customer, currency).shipTo(shipping)
                    .placedAt(placedAt).taxPolicy(policy).pricing(prices).tag("channel-kind:" + kind.name().toLowerCase(Locale.ROOT));
            if (billing != null) {
                b.billTo(billing);
            }
            if (pickup) {
                b.pickupAt(store);
            } else {
                level.ifPresent(b::serviceLevel);
            }
            if (marketplace != null) {
                b.tag("marketplace:" + marketplace);
            }
            tags.forEach(b::tag);
            attributes.values().forEach(b::attribute);
            lines.forEach(b::line);
            for (int i = 0; i < discountCodes.size(); i++) {
                b.discount(discountCodes.get(i)[0], discountAmounts.get(i));
            }
            for (Object[] c : charges) {
                @SuppressWarnings("unchecked")
                Optional<Discount> discount = (Optional<Discount>) c[3];
                b.shipping(new ShippingCharge((String) c[0], (MonetaryAmount) c[1], (LineTax) c[2], discount));
            }
            PlaceOrder place;
            try {
                place = b.build();
                MonetaryAmount computed = OrderTotals.of(pricing.place(place).orThrow().order()).grandTotal();
                JsonNode totals = root.get("totals");
                if (totals != null && totals.has("grandTotal")) {
                    MonetaryAmount stated = amount(totals, "grandTotal", "$.totals.grandTotal", currency, true);
                    if (stated != null && !stated.isEqualTo(computed)) {
                        problem("$.totals.grandTotal", "states " + totals.get("grandTotal").asText() + " but the lines, "
                                + "discounts, shipping and tax add up to " + computed.getNumber().numberValue(
                                        BigDecimal.class).setScale(Math.max(0, currency.getDefaultFractionDigits()))
                                        .toPlainString());
                    }
                }
                requirePaymentsWithin(computed, currency);
            } catch (OmsException refused) {
                problem("$", refused.getMessage());
                place = null;
            }
            if (!problems.isEmpty()) {
                throw new OrderImportException(problems);
            }
            return place;
        }

        /**
         * The document's {@code payments}: what the channel already took, per payment method.
         */
        private void payments(CurrencyUnit currency) {
            JsonNode nodes = root.get("payments");
            if (nodes == null || nodes.isNull()) {
                return;
            }
            Set<String> ids = new HashSet<>();
            forEach(nodes, "$.payments", (node, path) -> {
                String id = required(node, "method", path + ".method", s -> InvalidInputException.requireCode(s,
                        "method"));
                Optional<PaymentMethod.Kind> kind = enumValue(node, "kind", path + ".kind", PaymentMethod.Kind.class,
                        true);
                MonetaryAmount amount = amount(node, "amount", path + ".amount", currency, true);
                PaymentReference reference = required(node, "reference", path + ".reference", PaymentReference::of);
                if (amount != null && !amount.isPositive()) {
                    problem(path + ".amount", "must be more than zero");
                    amount = null;
                }
                if (id != null && !ids.add(id)) {
                    problem(path + ".method", "payment method " + id + " appears twice");
                    id = null;
                }
                if (id != null && kind.isPresent() && amount != null && reference != null) {
                    payments.add(new ChannelPayment(PaymentMethod.of(id, kind.get()), amount, reference));
                }
            });
        }

        /**
         * The payments come to at most the order's grand total as the document states it (before a
         * {@code TaxProvider}'s tax, as {@code totals.grandTotal}).
         */
        private void requirePaymentsWithin(MonetaryAmount grandTotal, CurrencyUnit currency) {
            MonetaryAmount sum = payments.stream().map(ChannelPayment::amount).reduce(Amounts.zero(currency),
                    MonetaryAmount::add);
            if (sum.isGreaterThan(grandTotal)) {
                int digits = Math.max(0, currency.getDefaultFractionDigits());
                problem("$.payments", "the payments come to " + sum.getNumber().numberValue(BigDecimal.class)
                        .setScale(digits).toPlainString() + ", more than the order's grand total " + grandTotal
                        .getNumber().numberValue(BigDecimal.class).setScale(digits).toPlainString());
            }
        }

        /**
         * The document's {@code pricing}, or {@link Pricing#standard()} without one (also while it
         * is malformed, its problems recorded).
         */
        private Pricing pricing(CurrencyUnit currency) {
            JsonNode node = root.get("pricing");
            if (node == null || node.isNull()) {
                return Pricing.standard();
            }
            if (!node.isObject()) {
                problem("$.pricing", "expected an object");
                return Pricing.standard();
            }
            Pricing pricing = Pricing.standard();
            JsonNode scale = node.get("unitScale");
            if (scale != null && !scale.isNull()) {
                if (!scale.isIntegralNumber() || !scale.canConvertToInt() || scale.asInt() < 0
                        || scale.asInt() > Pricing.MAX_UNIT_SCALE) {
                    problem("$.pricing.unitScale", "must be a whole number from 0 to " + Pricing.MAX_UNIT_SCALE
                            + " (was " + scale + ")");
                } else {
                    pricing = pricing.withUnitScale(scale.asInt());
                }
            }
            Optional<java.math.RoundingMode> lineRounding = enumValue(node, "lineRounding", "$.pricing.lineRounding",
                    java.math.RoundingMode.class, false);
            try {
                pricing = pricing.withLineRounding(lineRounding.orElse(java.math.RoundingMode.HALF_UP));
            } catch (InvalidInputException refused) {
                problem("$.pricing.lineRounding", refused.problem());
            }
            JsonNode cash = node.get("cashRounding");
            if (cash != null && !cash.isNull()) {
                if (!cash.isObject()) {
                    problem("$.pricing.cashRounding", "expected an object");
                    return pricing;
                }
                JsonNode increment = cash.get("increment");
                Optional<java.math.RoundingMode> mode = enumValue(cash, "mode", "$.pricing.cashRounding.mode",
                        java.math.RoundingMode.class, false);
                if (increment == null || !increment.isTextual()) {
                    problem("$.pricing.cashRounding.increment", "is a decimal string like \"0.05\"");
                    return pricing;
                }
                try {
                    Pricing.CashRounding rounding = new Pricing.CashRounding(Amounts.parseDecimal(increment.asText(),
                            "$.pricing.cashRounding.increment"), mode.orElse(java.math.RoundingMode.HALF_UP));
                    Pricing rounded = pricing.withCashRounding(rounding);
                    if (currency != null) {
                        rounded.requireFits(currency, "$.pricing");
                    }
                    pricing = rounded;
                } catch (InvalidInputException refused) {
                    String field = refused.field();
                    problem(field.startsWith("$") ? field : "$.pricing.cashRounding."
                            + field.replaceFirst("^CashRounding\\.", ""), refused.problem());
                }
            }
            return pricing;
        }

        /**
         * The document's {@code taxPolicy}, or net prices with the host's tax without one; null
         * (its problems recorded) if it is malformed.
         */
        private TaxPolicy taxPolicy() {
            JsonNode node = root.get("taxPolicy");
            if (node == null || node.isNull()) {
                return TaxPolicy.supplied(TaxPolicy.PriceBasis.TAX_EXCLUSIVE);
            }
            if (!node.isObject()) {
                problem("$.taxPolicy", "expected an object");
                return null;
            }
            Optional<TaxPolicy.PriceBasis> basis = enumValue(node, "basis", "$.taxPolicy.basis",
                    TaxPolicy.PriceBasis.class, true);
            Optional<TaxPolicy.TaxSource> source = enumValue(node, "source", "$.taxPolicy.source",
                    TaxPolicy.TaxSource.class, true);
            TaxPolicy.RoundingLevel level = enumValue(node, "rounding", "$.taxPolicy.rounding",
                    TaxPolicy.RoundingLevel.class, false).orElse(TaxPolicy.RoundingLevel.PER_LINE);
            java.math.RoundingMode mode = enumValue(node, "mode", "$.taxPolicy.mode", java.math.RoundingMode.class,
                    false).orElse(java.math.RoundingMode.HALF_UP);
            if (basis.isEmpty() || source.isEmpty()) {
                return null;
            }
            try {
                return new TaxPolicy(basis.get(), source.get(), level, mode);
            } catch (InvalidInputException refused) {
                problem("$.taxPolicy.mode", refused.problem());
                return null;
            }
        }

        /**
         * A line's or a shipping charge's tax: {@code taxRates} (oms computes), {@code taxes} (the
         * host's amounts for the line's quantity) or the older per-unit amount, at most one of them,
         * of the kind the policy says (any kind while the policy is malformed, null).
         */
        private LineTax tax(JsonNode node, String path, CurrencyUnit currency, TaxPolicy policy, long units,
                String perUnitField) {
            List<String> given = new ArrayList<>();
            for (String field : List.of("taxRates", "taxes", perUnitField)) {
                if (node.has(field) && !node.get(field).isNull()) {
                    given.add(field);
                }
            }
            if (given.size() > 1) {
                problem(path, "gives its tax twice (" + String.join(" and ", given) + "); give one");
                return null;
            }
            String field = given.isEmpty() ? null : given.get(0);
            boolean rates = "taxRates".equals(field);
            if (field != null && policy != null && rates != (policy.source() == TaxPolicy.TaxSource.RATES)) {
                problem(path + "." + field, policy.source() == TaxPolicy.TaxSource.RATES
                        ? "the order's taxPolicy says oms computes its tax (RATES): give taxRates"
                        : "the order's taxPolicy says the host supplies its tax (HOST): give taxes or " + perUnitField);
                return null;
            }
            if (field == null) {
                return LineTax.none();
            }
            if (field.equals(perUnitField)) {
                MonetaryAmount amount = amount(node, perUnitField, path + "." + perUnitField, currency, false);
                return amount == null ? null : LineTax.perUnit(amount);
            }
            List<TaxRate> rateList = new ArrayList<>();
            List<TaxLine> amounts = new ArrayList<>();
            int before = problems.size();
            forEach(node.get(field), path + "." + field, (entry, at) -> {
                String code = required(entry, "code", at + ".code", c -> InvalidInputException.requireCode(c, "code"));
                Optional<BigDecimal> percent = rate(entry, at + ".rate", rates, code == null ? "rate" : code);
                if (rates) {
                    if (code != null && percent.isPresent()) {
                        rateList.add(new TaxRate(code, percent.get()));
                    }
                } else {
                    MonetaryAmount amount = amount(entry, "amount", at + ".amount", currency, true);
                    if (code != null && amount != null && problems.size() == before) {
                        amounts.add(new TaxLine(code, percent, amount));
                    }
                }
            });
            if (problems.size() > before) {
                return null;
            }
            try {
                return rates ? new LineTax.Rates(rateList) : new LineTax.Supplied(amounts, units);
            } catch (InvalidInputException refused) {
                problem(path + "." + field, refused.problem());
                return null;
            }
        }

        /** A rate in percent as a decimal string ({@code "19"}, {@code "8.875"}), required for rates. */
        private Optional<BigDecimal> rate(JsonNode entry, String path, boolean required, String code) {
            JsonNode value = entry.get("rate");
            if (value == null || value.isNull()) {
                if (required) {
                    problem(path, "is required");
                }
                return Optional.empty();
            }
            if (!value.isTextual()) {
                problem(path, "a rate is a decimal string like \"19\", not " + value.getNodeType().name()
                        .toLowerCase(Locale.ROOT));
                return Optional.empty();
            }
            try {
                return Optional.of(new TaxRate(code, Amounts.parseDecimal(value.asText(), path)).percent());
            } catch (InvalidInputException refused) {
                problem(path, refused.problem());
                return Optional.empty();
            }
        }

        private List<NewLine> lines(CurrencyUnit currency, TaxPolicy policy, Pricing prices) {
            List<NewLine> lines = new ArrayList<>();
            JsonNode nodes = root.get("lines");
            if (nodes == null || !nodes.isArray() || nodes.isEmpty()) {
                problem("$.lines", "an order has at least one line");
                return lines;
            }
            Set<String> ids = new HashSet<>();
            forEach(nodes, "$.lines", (node, path) -> {
                LineId id = required(node, "lineId", path + ".lineId", LineId::of);
                if (id != null && !ids.add(id.value())) {
                    problem(path + ".lineId", "line id " + id + " is used twice");
                }
                Sku sku = required(node, "sku", path + ".sku", Sku::of);
                Quantity quantity = null;
                JsonNode q = node.get("quantity");
                if (q == null || q.isNull()) {
                    problem(path + ".quantity", "is required");
                } else if (!q.isIntegralNumber() || !q.canConvertToLong()) {
                    problem(path + ".quantity", "must be a whole number of units (was " + q + ")");
                } else if (q.asLong() <= 0) {
                    problem(path + ".quantity", "must be positive (was " + q.asLong() + ")");
                } else {
                    quantity = Quantity.of(q.asLong());
                }
                int digits = currency == null ? 0 : prices.unitDigits(currency);
                MonetaryAmount price = amount(node, "unitPrice", path + ".unitPrice", currency, digits, true);
                MonetaryAmount discount = amount(node, "unitDiscount", path + ".unitDiscount", currency, digits, false);
                LineTax tax = tax(node, path, currency, policy, quantity == null ? 1 : quantity.value(), "unitTax");
                Attributes attributes = attributes(node, path + ".attributes");
                if (id != null && sku != null && quantity != null && price != null && discount != null && tax != null
                        && attributes != null) {
                    try {
                        lines.add(new NewLine(id, sku, quantity, price, discount, tax, attributes));
                    } catch (InvalidInputException refused) {
                        problem(path, refused.problem());
                    }
                }
            });
            return lines;
        }

        /**
         * A document's or a line's {@code attributes}: an object of name to value, a string a text,
         * {@code true} or {@code false} a flag, a JSON number a number (exactly as written),
         * {@code {"date": "2026-12-24"}} a date and {@code {"amount": "12.50", "currency": "EUR"}}
         * an amount; none without it. Null (its problems recorded) if malformed.
         */
        private Attributes attributes(JsonNode owner, String path) {
            JsonNode node = owner.get("attributes");
            if (node == null || node.isNull()) {
                return Attributes.NONE;
            }
            if (!node.isObject()) {
                problem(path, "expected an object of name to value");
                return null;
            }
            java.util.Map<String, Attributes.Value> values = new java.util.TreeMap<>();
            boolean ok = true;
            for (java.util.Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String at = path + "." + e.getKey();
                JsonNode v = e.getValue();
                try {
                    Attributes.Value value;
                    if (v.isTextual()) {
                        value = new Attributes.Text(v.asText());
                    } else if (v.isBoolean()) {
                        value = new Attributes.Flag(v.asBoolean());
                    } else if (v.isNumber()) {
                        value = new Attributes.Number(v.decimalValue());
                    } else if (v.isObject() && v.size() == 1 && v.has("date") && v.get("date").isTextual()) {
                        value = new Attributes.Date(java.time.LocalDate.parse(v.get("date").asText()));
                    } else if (v.isObject() && v.size() == 2 && v.has("amount") && v.has("currency")) {
                        value = new Attributes.Amount(dev.oms.spi.Amounts.of(v.get("amount").asText(),
                                v.get("currency").asText()));
                    } else {
                        problem(at, "an attribute is a string, true or false, a number, {\"date\": \"YYYY-MM-DD\"} "
                                + "or {\"amount\": \"12.50\", \"currency\": \"EUR\"}");
                        ok = false;
                        continue;
                    }
                    values.put(InvalidInputException.requireCode(e.getKey(), at), value);
                } catch (InvalidInputException refused) {
                    problem(at, refused.problem());
                    ok = false;
                } catch (java.time.DateTimeException | javax.money.MonetaryException | ArithmeticException
                        | NumberFormatException malformed) {
                    problem(at, "malformed: " + malformed.getMessage());
                    ok = false;
                }
            }
            if (!ok) {
                return null;
            }
            try {
                return new Attributes(values);
            } catch (InvalidInputException refused) {
                problem(path, refused.problem());
                return null;
            }
        }

        private Address address(JsonNode node, String path) {
            if (node == null || node.isNull()) {
                problem(path, "is required");
                return null;
            }
            if (!node.isObject()) {
                problem(path, "expected an object");
                return null;
            }
            String country = required(node, "country", path + ".country", s -> s);
            String postal = required(node, "postalCode", path + ".postalCode", s -> s);
            if (country == null || postal == null) {
                return null;
            }
            try {
                Address a = Address.of(country, postal);
                if (node.has("city") || node.has("lines")) {
                    List<String> lines = new ArrayList<>();
                    if (node.has("lines")) {
                        node.get("lines").forEach(l -> lines.add(l.asText()));
                    }
                    a = new Address(a.country(), a.postalCode(), node.path("city").asText(""), lines, Optional.empty());
                }
                if (node.has("latitude") || node.has("longitude")) {
                    a = a.withCoordinates(Coordinates.of(node.path("latitude").asDouble(Double.NaN),
                            node.path("longitude").asDouble(Double.NaN)));
                }
                return a;
            } catch (InvalidInputException refused) {
                problem(path + "." + refused.field().replaceFirst("^Address\\.", "").replaceFirst("^Coordinates\\.", ""),
                        refused.problem());
                return null;
            }
        }

        private MonetaryAmount amount(JsonNode node, String field, String path, CurrencyUnit currency,
                boolean required) {
            return amount(node, field, path, currency, currency == null ? 0
                    : Math.max(0, currency.getDefaultFractionDigits()), required);
        }

        /** An amount of at most {@code digits} fraction digits (a unit price under a pricing with a unit scale). */
        private MonetaryAmount amount(JsonNode node, String field, String path, CurrencyUnit currency, int digits,
                boolean required) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                if (required) {
                    problem(path, "is required");
                    return null;
                }
                return currency == null ? null : Amounts.zero(currency);
            }
            if (!value.isTextual()) {
                problem(path, "an amount is a decimal string like \"19.90\", not " + value.getNodeType()
                        .name().toLowerCase(Locale.ROOT));
                return null;
            }
            BigDecimal number;
            try {
                number = Amounts.parseDecimal(value.asText(), path);
            } catch (InvalidInputException e) {
                problem(path, e.problem());
                return null;
            }
            if (number.signum() < 0) {
                problem(path, "must not be negative (was " + value.asText() + ")");
                return null;
            }
            if (currency == null) {
                return null;
            }
            int minor = Math.max(0, currency.getDefaultFractionDigits());
            if (number.stripTrailingZeros().scale() > digits) {
                problem(path, value.asText() + (digits == minor ? " is finer than the minor unit of "
                        + currency.getCurrencyCode() : " is finer than the order's pricing allows (unitScale " + digits
                        + ")"));
                return null;
            }
            return Amounts.of(number, currency);
        }

        private <T> T required(JsonNode node, String field, String path, Function<String, T> make) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
                problem(path, "is required");
                return null;
            }
            if (!value.isTextual()) {
                problem(path, "expected a string but found " + value.getNodeType().name().toLowerCase(Locale.ROOT));
                return null;
            }
            try {
                return make.apply(value.asText());
            } catch (InvalidInputException refused) {
                problem(path, refused.problem());
                return null;
            }
        }

        private <T> Optional<T> optional(JsonNode node, String field, String path, Function<String, T> make) {
            JsonNode value = node.get(field);
            return value == null || value.isNull() ? Optional.empty() : Optional.ofNullable(required(node, field, path, make));
        }

        private <E extends Enum<E>> Optional<E> enumValue(JsonNode node, String field, String path, Class<E> type,
                boolean required) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                if (required) {
                    problem(path, "is required (one of " + List.of(type.getEnumConstants()) + ")");
                }
                return Optional.empty();
            }
            try {
                return Optional.of(Enum.valueOf(type, value.asText()));
            } catch (IllegalArgumentException unknown) {
                problem(path, "'" + value.asText() + "' is not one of " + List.of(type.getEnumConstants()));
                return Optional.empty();
            }
        }

        private void forEach(JsonNode array, String path, java.util.function.BiConsumer<JsonNode, String> each) {
            if (!array.isArray()) {
                problem(path, "expected an array");
                return;
            }
            for (int i = 0; i < array.size(); i++) {
                JsonNode item = array.get(i);
                if (!item.isObject() && !item.isTextual()) {
                    problem(path + "[" + i + "]", "expected an object");
                    continue;
                }
                each.accept(item, path + "[" + i + "]");
            }
        }

        private void problem(String path, String what) {
            problems.add(new OrderImportException.Problem(path, what));
        }
    }

    /**
     * A channel order document oms refuses: every problem found, each with the JSON path of the field
     * and what was wrong, in one exception, so the channel can fix them all at once. Nothing was
     * stored.
     */
    public static class OrderImportException extends InvalidInputException {
        private static final long serialVersionUID = 1L;

        private final transient List<Problem> problems;

        /**
         * One problem of the document.
         *
         * @param path the JSON path ({@code $.lines[1].quantity})
         * @param problem what was wrong
         */
        public record Problem(String path, String problem) {
            @Override
            public String toString() {
                return path + ": " + problem;
            }
        }

        /** @param problems every problem, at least one */
        public OrderImportException(List<Problem> problems) {
            super("$", problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + " in the order document: "
                    + problems);
            this.problems = List.copyOf(problems);
        }

        /** @return every problem, in document order */
        public List<Problem> problems() {
            return problems;
        }

        /** @return the paths of the problems */
        public List<String> paths() {
            return problems.stream().map(Problem::path).toList();
        }
    }

    /**
     * Where an imported order comes from; decides a few rules of the import format.
     */
    public enum ChannelKind {
        /** The web shop: a shipping address is required. */
        WEB,
        /** The mobile app: a shipping address is required. */
        APP,
        /** A till in a store: {@code store} is required; the order is collected there (pickup in store). */
        POINT_OF_SALE,
        /** A marketplace: {@code marketplace} (its name) is required, and becomes the tag {@code marketplace:<name>}. */
        MARKETPLACE
    }
}
