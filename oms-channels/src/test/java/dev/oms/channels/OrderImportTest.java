package dev.oms.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.oms.channels.OrderImport.OrderImportException;
import dev.oms.core.OrderService;
import dev.oms.core.OrderTotals;
import dev.oms.core.memory.InMemoryOrderStore;
import dev.oms.spi.ChannelId;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.LocationId;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.ServiceLevel;
import org.junit.jupiter.api.Test;

/** The channel order format: each channel kind, every problem at once, idempotent duplicates. */
class OrderImportTest {
    private final InMemoryOrderStore store = new InMemoryOrderStore();
    private final OrderService orders = OrderService.builder(store).build();
    private final OrderImport imports = new OrderImport(orders);

    static String document(String channelKind, String extra) {
        return """
                {
                  "channelKind": "%s",
                  "channel": "shop-de",
                  "externalOrderId": "%s-1001",
                  "customer": "cust-42",
                  "currency": "EUR",
                  "placedAt": "2026-11-01T09:30:00Z",
                  "shippingAddress": {"country": "DE", "postalCode": "10115", "city": "Berlin",
                                      "lines": ["Invalidenstr. 1"], "latitude": 52.53, "longitude": 13.38},
                  "lines": [
                    {"lineId": "1", "sku": "TSHIRT-M", "quantity": 2, "unitPrice": "19.90", "unitTax": "3.78"},
                    {"lineId": "2", "sku": "MUG", "quantity": 1, "unitPrice": "8.00", "unitDiscount": "1.00",
                     "unitTax": "0.49"}
                  ],
                  "discounts": [{"code": "WELCOME5", "amount": "5.00"}],
                  "shipping": [{"code": "standard", "amount": "4.90", "tax": "0.93"}],
                  "tags": ["gift"]%s
                }
                """.formatted(channelKind, channelKind, extra);
    }

    @Test
    void a_valid_web_order_is_placed_with_its_totals_checked() {
        OrderImport.Imported imported = imports.importOrder(document("WEB",
                ", \"totals\": {\"grandTotal\": \"55.68\"}"));
        Order order = imported.result().order();
        assertThat(imported.duplicate()).isFalse();
        assertThat(OrderTotals.of(order).grandTotal().getNumber().doubleValueExact()).isEqualTo(55.68);
        assertThat(order.header().tags()).contains("gift", "channel-kind:web");
        assertThat(order.header().shippingAddress().coordinates()).isPresent();
        assertThat(order.lines()).hasSize(2);
    }

    @Test
    void an_app_order_a_point_of_sale_order_and_a_marketplace_order_are_placed_by_their_rules() {
        Order app = imports.importOrder(document("APP", ", \"serviceLevel\": \"EXPRESS\"")).result().order();
        assertThat(app.header().serviceLevel()).isEqualTo(ServiceLevel.EXPRESS);
        assertThat(app.header().tags()).contains("channel-kind:app");

        Order pos = imports.importOrder(document("POINT_OF_SALE", ", \"store\": \"store-munich\"")).result().order();
        assertThat(pos.header().serviceLevel()).isEqualTo(ServiceLevel.PICKUP_IN_STORE);
        assertThat(pos.header().pickupLocation()).contains(LocationId.of("store-munich"));

        Order market = imports.importOrder(document("MARKETPLACE", ", \"marketplace\": \"amazon-de\"")).result().order();
        assertThat(market.header().tags()).contains("marketplace:amazon-de", "channel-kind:marketplace");

        assertThatThrownBy(() -> imports.importOrder(document("POINT_OF_SALE", "").replace("POINT_OF_SALE-1001",
                "pos-2"))).isInstanceOfSatisfying(OrderImportException.class, e -> assertThat(e.paths())
                        .containsExactly("$.store"));
        assertThatThrownBy(() -> imports.importOrder(document("MARKETPLACE", "").replace("MARKETPLACE-1001", "m-2")))
                .isInstanceOfSatisfying(OrderImportException.class, e -> assertThat(e.paths())
                        .containsExactly("$.marketplace"));
    }

    @Test
    void a_document_with_five_different_errors_names_all_five_paths_in_one_error_and_stores_nothing() {
        String bad = """
                {
                  "channelKind": "WEB", "channel": "shop-de", "externalOrderId": "bad-1", "customer": "cust-42",
                  "currency": "XYZ",
                  "placedAt": "2026-11-01T09:30:00Z",
                  "shippingAddress": {"postalCode": "10115"},
                  "lines": [
                    {"lineId": "1", "quantity": 2, "unitPrice": "19.90"},
                    {"lineId": "2", "sku": "MUG", "quantity": -3, "unitPrice": "8.00"},
                    {"lineId": "3", "sku": "CAP", "quantity": 1, "unitPrice": 12.5}
                  ]
                }
                """;
        assertThatThrownBy(() -> imports.importOrder(bad)).isInstanceOfSatisfying(OrderImportException.class, e -> {
            assertThat(e.paths()).containsExactlyInAnyOrder("$.currency", "$.shippingAddress.country",
                    "$.lines[0].sku", "$.lines[1].quantity", "$.lines[2].unitPrice");
            assertThat(e.problems()).extracting(OrderImportException.Problem::problem).anySatisfy(p ->
                    assertThat(p).contains("unknown currency 'XYZ'")).anySatisfy(p ->
                    assertThat(p).contains("must be positive (was -3)")).anySatisfy(p ->
                    assertThat(p).contains("decimal string"));
            assertThat(e.getMessage()).contains("5 problems");
        });
        assertThat(store.unpublished(100)).isEmpty();
    }

    @Test
    void totals_that_do_not_add_up_and_malformed_json_are_refused() {
        assertThatThrownBy(() -> imports.importOrder(document("WEB", ", \"totals\": {\"grandTotal\": \"60.00\"}")))
                .isInstanceOfSatisfying(OrderImportException.class, e -> {
                    assertThat(e.paths()).containsExactly("$.totals.grandTotal");
                    assertThat(e.problems().get(0).problem()).contains("states 60.00").contains("55.68");
                });
        assertThatThrownBy(() -> imports.importOrder("{\"channelKind\": \"WEB\", \"lines\": [")).isInstanceOfSatisfying(
                OrderImportException.class, e -> {
                    assertThat(e.paths()).containsExactly("$");
                    assertThat(e.problems().get(0).problem()).startsWith("malformed JSON");
                });
        assertThatThrownBy(() -> imports.importOrder("[1, 2]")).isInstanceOf(OrderImportException.class);
        assertThatThrownBy(() -> imports.importOrder(document("WEB", "").replace("\"19.90\"", "\"19.901\"")))
                .isInstanceOfSatisfying(OrderImportException.class, e -> assertThat(e.problems().get(0).problem())
                        .contains("finer than the minor unit"));
        assertThat(store.unpublished(100)).isEmpty();
    }

    @Test
    void importing_the_same_channel_order_twice_returns_the_first_order_and_other_content_is_refused() {
        OrderImport.Imported first = imports.importOrder(document("WEB", ""));
        int events = store.unpublished(100).size();
        OrderImport.Imported again = imports.importOrder(document("WEB", "").replace("\"19.90\"", "\"19.9\""));
        assertThat(again.duplicate()).as("the same content (19.9 is 19.90)").isTrue();
        assertThat(again.result().order()).isEqualTo(first.result().order());
        assertThatThrownBy(() -> imports.importOrder(document("WEB", "").replace("\"gift\"", "\"other\"")))
                .isInstanceOfSatisfying(dev.oms.spi.OmsException.PlacementConflictException.class, e -> {
                    assertThat(e.differences()).containsExactly("header: tags");
                    assertThat(e.existingOrderId()).isEqualTo(first.result().order().id());
                });
        assertThatThrownBy(() -> imports.importOrder(document("WEB", "").replace("\"quantity\": 2", "\"quantity\": 3")
                .replace("\"19.90\"", "\"18.90\""))).isInstanceOfSatisfying(dev.oms.spi.OmsException.PlacementConflictException.class,
                        e -> assertThat(e.differences()).containsExactly("line 1: quantity", "line 1: unitPrice"));
        assertThat(store.unpublished(100)).hasSize(events);
    }

    @Test
    void a_hostile_document_changes_nothing() {
        String deep = "{\"lines\": " + "[".repeat(5_000) + "]".repeat(5_000) + "}";
        assertThatThrownBy(() -> imports.importOrder(deep)).isInstanceOf(OrderImportException.class)
                .hasMessageContaining("malformed JSON");
        String injected = document("WEB", ", \"@class\": \"java.lang.ProcessBuilder\"").replace("\"channelKind\": \"WEB\"",
                "\"channelKind\": {\"@type\": \"java.net.URL\"}");
        assertThatThrownBy(() -> imports.importOrder(injected)).isInstanceOfSatisfying(OrderImportException.class,
                e -> assertThat(e.paths()).containsExactly("$.channelKind"));
        assertThat(store.unpublished(100)).isEmpty();
    }

    @Test
    void number_bombs_and_overlong_numbers_in_a_document_are_named_by_path_and_store_nothing() {
        for (String bomb : new String[] {"1E+999999999", "1E+100000000", "1E-999999999",
                "1234567890123456789012345678901234567890", "9".repeat(5_000)}) {
            assertThatThrownBy(() -> imports.importOrder(document("WEB", "").replace("\"19.90\"", "\"" + bomb + "\"")))
                    .as(bomb).isInstanceOfSatisfying(OrderImportException.class, e -> {
                        assertThat(e.paths()).containsExactly("$.lines[0].unitPrice");
                        assertThat(e.getMessage()).hasSizeLessThan(500);
                    });
        }
        assertThatThrownBy(() -> imports.importOrder(document("WEB", "").replace("\"19.90\"", "\"999999999999.00\"")))
                .isInstanceOfSatisfying(OrderImportException.class, e -> assertThat(e.getMessage())
                        .contains("line 1 (unit price times quantity)"));
        assertThat(store.unpublished(100)).isEmpty();
    }

    /** A key twice means one thing to one JSON library and another to the next: refused here as by the codec. */
    @Test
    void a_key_twice_in_one_object_is_refused_by_the_import_and_nothing_is_placed() {
        dev.oms.core.memory.InMemoryOrderStore store = new dev.oms.core.memory.InMemoryOrderStore();
        OrderImport imports = new OrderImport(dev.oms.core.OrderService.builder(store).build());
        String order = document("WEB", "").replace("\"unitPrice\": \"8.00\"",
                "\"unitPrice\": \"8.00\", \"unitPrice\": \"0.01\"");
        assertThatThrownBy(() -> imports.importOrder(order)).isInstanceOf(dev.oms.spi.InvalidInputException.class)
                .hasMessageContaining("unitPrice");
        assertThat(store.findByExternalId(ChannelId.of("shop-de"), ExternalOrderId.of("WEB-1001"))).isEmpty();
        assertThat(store.unpublished(10)).isEmpty();
    }

    /** The German order of the oms-core README as a channel sends it: gross prices, VAT rates. */
    @Test
    void custom_attributes_of_the_order_and_its_lines_are_imported_and_checked_against_the_definitions() {
        dev.oms.core.AttributeDefinitions definitions = dev.oms.core.AttributeDefinitions.of(
                dev.oms.core.AttributeDefinitions.Definition.required(dev.oms.core.AttributeDefinitions.Scope.ORDER,
                        "po-number", dev.oms.spi.order.Attributes.Type.TEXT).maxLength(10),
                dev.oms.core.AttributeDefinitions.Definition.optional(dev.oms.core.AttributeDefinitions.Scope.ORDER,
                        "deliver-on", dev.oms.spi.order.Attributes.Type.DATE),
                dev.oms.core.AttributeDefinitions.Definition.optional(dev.oms.core.AttributeDefinitions.Scope.ORDER,
                        "declared", dev.oms.spi.order.Attributes.Type.AMOUNT),
                dev.oms.core.AttributeDefinitions.Definition.optional(dev.oms.core.AttributeDefinitions.Scope.LINE,
                        "width-mm", dev.oms.spi.order.Attributes.Type.NUMBER),
                dev.oms.core.AttributeDefinitions.Definition.optional(dev.oms.core.AttributeDefinitions.Scope.LINE,
                        "gift-wrap", dev.oms.spi.order.Attributes.Type.BOOLEAN));
        OrderImport b2b = new OrderImport(OrderService.builder(store).decider(dev.oms.core.OrderDecider.builder()
                .attributes(definitions).build()).build());
        String document = document("WEB", ", \"attributes\": {\"po-number\": \"PO-4711\", "
                + "\"deliver-on\": {\"date\": \"2026-12-24\"}, \"declared\": {\"amount\": \"120.00\", "
                + "\"currency\": \"USD\"}}").replace("\"unitTax\": \"0.49\"}",
                        "\"unitTax\": \"0.49\", \"attributes\": {\"width-mm\": 1600.50, \"gift-wrap\": true}}");
        Order order = b2b.importOrder(document).result().order();
        assertThat(order.header().attributes().get("po-number")).contains(new dev.oms.spi.order.Attributes.Text("PO-4711"));
        assertThat(order.header().attributes().get("deliver-on")).contains(new dev.oms.spi.order.Attributes.Date(
                java.time.LocalDate.parse("2026-12-24")));
        assertThat(order.header().attributes().get("declared")).contains(new dev.oms.spi.order.Attributes.Amount(
                dev.oms.spi.Amounts.of("120", "USD")));
        assertThat(order.lines().get(1).attributes().get("width-mm")).contains(new dev.oms.spi.order.Attributes.Number(
                new java.math.BigDecimal("1600.5")));
        assertThat(order.lines().get(1).attributes().get("gift-wrap")).contains(new dev.oms.spi.order.Attributes.Flag(true));

        String malformed = document("APP", ", \"attributes\": {\"po-number\": [1], \"deliver-on\": {\"date\": "
                + "\"2026-13-40\"}, \" bad\": true}");
        assertThatThrownBy(() -> b2b.importOrder(malformed)).isInstanceOfSatisfying(OrderImportException.class, e ->
                assertThat(e.paths()).containsExactlyInAnyOrder("$.attributes.po-number", "$.attributes.deliver-on",
                        "$.attributes. bad"));
        String undeclared = document("POINT_OF_SALE", ", \"store\": \"store-1\", \"attributes\": "
                + "{\"po-number\": \"PO-1\", \"colour\": \"red\"}");
        assertThatThrownBy(() -> b2b.importOrder(undeclared)).isInstanceOfSatisfying(OrderImportException.class, e ->
                assertThat(e.problems()).extracting(OrderImportException.Problem::problem).anySatisfy(p ->
                        assertThat(p).contains("attribute colour is not declared for the order")));
        assertThatThrownBy(() -> imports.importOrder(document("MARKETPLACE", ", \"marketplace\": \"amz\", "
                + "\"attributes\": {\"po-number\": \"PO-1\"}"))).as("a service without definitions takes none")
                .isInstanceOf(OrderImportException.class).hasMessageContaining("not declared");
        assertThat(store.findByExternalId(ChannelId.of("shop-de"), ExternalOrderId.of("APP-1001"))).isEmpty();
    }

    static final String GERMAN = """
            {
              "channelKind": "WEB", "channel": "shop-de", "externalOrderId": "DE-2001", "customer": "cust-7",
              "currency": "EUR", "placedAt": "2026-11-01T09:30:00Z",
              "shippingAddress": {"country": "DE", "postalCode": "10115"},
              "taxPolicy": {"basis": "TAX_INCLUSIVE", "source": "RATES", "rounding": "PER_LINE", "mode": "HALF_UP"},
              "lines": [
                {"lineId": "1", "sku": "HOODIE-M", "quantity": 2, "unitPrice": "59.90",
                 "taxRates": [{"code": "DE-VAT-19", "rate": "19"}]},
                {"lineId": "2", "sku": "BOOK-DE", "quantity": 3, "unitPrice": "14.90",
                 "taxRates": [{"code": "DE-VAT-7", "rate": "7"}]}
              ],
              "discounts": [{"code": "WINTER10", "amount": "10.00"}],
              "shipping": [{"code": "standard", "amount": "0.00", "taxRates": [{"code": "DE-VAT-19", "rate": "19"}]}],
              "totals": {"grandTotal": "154.50"}
            }
            """;

    @Test
    void a_document_on_gross_prices_with_tax_rates_is_taxed_by_oms_and_its_stated_total_checked() {
        Order order = imports.importOrder(GERMAN).result().order();
        OrderTotals t = OrderTotals.of(order);
        assertThat(order.header().taxPolicy()).isEqualTo(dev.oms.spi.order.TaxPolicy.inclusive());
        assertThat(t.tax().getNumber().numberValue(java.math.BigDecimal.class)).isEqualByComparingTo("20.72");
        assertThat(t.grandTotal().getNumber().numberValue(java.math.BigDecimal.class)).isEqualByComparingTo("154.50");
        String wrongTotal = GERMAN.replace("DE-2001", "DE-2002").replace("\"154.50\"", "\"175.22\"");
        assertThatThrownBy(() -> imports.importOrder(wrongTotal)).isInstanceOfSatisfying(OrderImportException.class,
                e -> assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.problem())
                        .contains("154.50")));
    }

    @Test
    void a_shipping_coupon_comes_off_its_charge_and_one_above_it_is_refused_at_its_path() {
        String freeShipping = GERMAN.replace("DE-2001", "DE-2003").replace(
                "{\"code\": \"standard\", \"amount\": \"0.00\",",
                "{\"code\": \"standard\", \"amount\": \"4.90\", \"discount\": {\"code\": \"FREESHIP\", \"amount\": \"4.90\"},");
        assertThat(freeShipping).contains("FREESHIP");
        Order order = imports.importOrder(freeShipping).result().order();
        OrderTotals t = OrderTotals.of(order);
        assertThat(order.shippingCharges().get(0).discount()).map(dev.oms.spi.order.Order.Discount::code)
                .contains("FREESHIP");
        assertThat(t.shippingDiscounts().getNumber().numberValue(java.math.BigDecimal.class)).isEqualByComparingTo("4.90");
        assertThat(t.grandTotal().getNumber().numberValue(java.math.BigDecimal.class)).isEqualByComparingTo("154.50");
        String tooMuch = freeShipping.replace("DE-2003", "DE-2004").replace(
                "\"FREESHIP\", \"amount\": \"4.90\"", "\"FREESHIP\", \"amount\": \"5.00\"");
        assertThatThrownBy(() -> imports.importOrder(tooMuch)).isInstanceOfSatisfying(OrderImportException.class,
                e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("$.shipping[0].discount.amount");
                    assertThat(p.problem()).contains("exceeds the charge");
                }));
        String noCode = freeShipping.replace("DE-2003", "DE-2005").replace("\"code\": \"FREESHIP\", ", "");
        assertThatThrownBy(() -> imports.importOrder(noCode)).isInstanceOfSatisfying(OrderImportException.class,
                e -> assertThat(e.problems()).extracting(p -> p.path()).contains("$.shipping[0].discount.code"));
    }

    @Test
    void payments_the_channel_took_are_recorded_per_method_once_and_malformed_ones_refused_at_their_paths() {
        String paid = GERMAN.replace("DE-2001", "DE-2010").replace("\"totals\":", "\"payments\": ["
                + "{\"method\": \"gift-1\", \"kind\": \"GIFT_CARD\", \"amount\": \"20.00\", \"reference\": \"gc-77\"},"
                + "{\"method\": \"card\", \"kind\": \"CARD\", \"amount\": \"134.50\", \"reference\": \"psp-42\"}],"
                + "\"totals\":");
        OrderImport.Imported first = imports.importOrder(paid);
        Order order = first.result().order();
        assertThat(order.payments().authorised().getNumber().numberValue(java.math.BigDecimal.class))
                .isEqualByComparingTo("154.50");
        assertThat(order.payments().methods()).extracting(m -> m.method().id() + " " + m.method().kind())
                .containsExactly("gift-1 GIFT_CARD", "card CARD");
        OrderImport.Imported again = imports.importOrder(paid);
        assertThat(again.duplicate()).isTrue();
        assertThat(again.result().order().payments()).as("recorded once").isEqualTo(order.payments());

        String bad = GERMAN.replace("DE-2001", "DE-2011").replace("\"totals\":", "\"payments\": ["
                + "{\"method\": \"gift-1\", \"kind\": \"COUPON\", \"amount\": \"20.00\", \"reference\": \"gc-77\"},"
                + "{\"method\": \"card\", \"kind\": \"CARD\", \"amount\": \"0.00\", \"reference\": \"psp-42\"},"
                + "{\"method\": \"card\", \"kind\": \"CARD\", \"amount\": \"5.00\"}],"
                + "\"totals\":");
        assertThatThrownBy(() -> imports.importOrder(bad)).isInstanceOfSatisfying(OrderImportException.class,
                e -> assertThat(e.problems()).extracting(p -> p.path()).contains("$.payments[0].kind",
                        "$.payments[1].amount", "$.payments[2].reference", "$.payments[2].method"));
        // reported with the document's other problems
        String worse = bad.replace("\"quantity\": 2,", "\"quantity\": 0,");
        assertThat(worse).isNotEqualTo(bad);
        assertThatThrownBy(() -> imports.importOrder(worse)).isInstanceOfSatisfying(OrderImportException.class,
                e -> assertThat(e.problems()).extracting(p -> p.path()).contains("$.payments[0].kind",
                        "$.lines[0].quantity"));
        String tooMuch = GERMAN.replace("DE-2001", "DE-2012").replace("\"totals\":", "\"payments\": ["
                + "{\"method\": \"card\", \"kind\": \"CARD\", \"amount\": \"154.51\", \"reference\": \"psp-1\"}],"
                + "\"totals\":");
        assertThatThrownBy(() -> imports.importOrder(tooMuch)).isInstanceOfSatisfying(OrderImportException.class,
                e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("$.payments");
                    assertThat(p.problem()).contains("more than the order's grand total 154.50");
                }));
        assertThat(orders.find(dev.oms.spi.ChannelId.of("shop-de"), dev.oms.spi.ExternalOrderId.of("DE-2011")))
                .as("nothing stored").isEmpty();
        assertThat(orders.find(dev.oms.spi.ChannelId.of("shop-de"), dev.oms.spi.ExternalOrderId.of("DE-2012")))
                .isEmpty();
    }

    static final String SWISS_B2B = """
            {
              "channelKind": "WEB", "channel": "shop-ch", "externalOrderId": "CH-3001", "customer": "cust-9",
              "currency": "CHF", "placedAt": "2026-11-01T09:30:00Z",
              "shippingAddress": {"country": "CH", "postalCode": "8001"},
              "taxPolicy": {"basis": "TAX_EXCLUSIVE", "source": "RATES"},
              "pricing": {"unitScale": 4, "lineRounding": "HALF_UP",
                          "cashRounding": {"increment": "0.05", "mode": "HALF_UP"}},
              "lines": [
                {"lineId": "1", "sku": "M6-BOLT", "quantity": 1250, "unitPrice": "0.0437",
                 "taxRates": [{"code": "CH-VAT-8.1", "rate": "8.1"}]}
              ],
              "totals": {"grandTotal": "59.05"}
            }
            """;

    @Test
    void a_document_with_four_decimal_unit_prices_and_cash_rounding_carries_its_pricing() {
        Order order = imports.importOrder(SWISS_B2B).result().order();
        assertThat(order.header().pricing()).isEqualTo(dev.oms.spi.order.Pricing.standard().withUnitScale(4)
                .withCashRounding(dev.oms.spi.order.Pricing.CashRounding.halfUp("0.05")));
        assertThat(order.lines().get(0).unitPrice()).isEqualTo(dev.oms.spi.Amounts.of("0.0437", "CHF"));
        OrderTotals t = OrderTotals.of(order);
        // 1250 x 0.0437 = 54.625 -> 54.63; 8.1 %: 4.42503 -> 4.43; 59.06 due as 59.05
        assertThat(t.grandTotal().getNumber().numberValue(java.math.BigDecimal.class)).isEqualByComparingTo("59.05");
        assertThat(t.cashRounding().getNumber().numberValue(java.math.BigDecimal.class)).isEqualByComparingTo("-0.01");

        String finer = SWISS_B2B.replace("CH-3001", "CH-3002").replace("\"0.0437\"", "\"0.04375\"")
                .replace("\"unitScale\": 4", "\"unitScale\": 9").replace("\"0.05\"", "\"0.005\"");
        assertThatThrownBy(() -> imports.importOrder(finer)).isInstanceOfSatisfying(OrderImportException.class,
                e -> assertThat(e.problems()).extracting(OrderImportException.Problem::path).contains(
                        "$.pricing.unitScale", "$.pricing.cashRounding.increment", "$.lines[0].unitPrice"));
        String noScale = SWISS_B2B.replace("CH-3001", "CH-3003").replace("\"unitScale\": 4, ", "");
        assertThatThrownBy(() -> imports.importOrder(noScale)).isInstanceOfSatisfying(OrderImportException.class,
                e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("$.lines[0].unitPrice");
                    assertThat(p.problem()).contains("finer than the minor unit of CHF");
                }));
    }

    @Test
    void a_document_with_the_host_s_tax_for_whole_lines_shares_it_out_by_unit() {
        String doc = document("WEB", "").replace("\"unitTax\": \"3.78\"",
                "\"taxes\": [{\"code\": \"DE-VAT-19\", \"rate\": \"19\", \"amount\": \"7.56\"}]");
        Order order = imports.importOrder(doc).result().order();
        assertThat(order.lines().get(0).tax()).isEqualTo(dev.oms.spi.order.LineTax.supplied(2,
                dev.oms.spi.order.TaxLine.of(dev.oms.spi.order.TaxRate.of("DE-VAT-19", "19"),
                        dev.oms.spi.Amounts.of("7.56", "EUR"))));
        assertThat(OrderTotals.of(order).grandTotal().getNumber().numberValue(java.math.BigDecimal.class))
                .isEqualByComparingTo("55.68");
    }

    @Test
    void bad_tax_in_a_document_is_named_by_path_all_at_once_and_nothing_is_stored() {
        String bad = """
                {
                  "channelKind": "WEB", "channel": "shop-de", "externalOrderId": "bad-tax", "customer": "cust-42",
                  "currency": "EUR", "placedAt": "2026-11-01T09:30:00Z",
                  "shippingAddress": {"country": "DE", "postalCode": "10115"},
                  "taxPolicy": {"basis": "GROSS", "source": "RATES"},
                  "lines": [
                    {"lineId": "1", "sku": "A", "quantity": 1, "unitPrice": "9.99", "taxRates": [{"code": "V", "rate": "-1"}]},
                    {"lineId": "2", "sku": "B", "quantity": 1, "unitPrice": "9.99", "taxRates": [{"code": "V", "rate": 19}]},
                    {"lineId": "3", "sku": "C", "quantity": 1, "unitPrice": "9.99", "unitTax": "1.00",
                     "taxes": [{"code": "V", "amount": "1.00"}]},
                    {"lineId": "4", "sku": "D", "quantity": 1, "unitPrice": "9.99", "taxRates": [{"code": "V", "rate": "250"}]}
                  ]
                }
                """;
        assertThatThrownBy(() -> imports.importOrder(bad)).isInstanceOfSatisfying(OrderImportException.class, e -> {
            assertThat(e.paths()).containsExactlyInAnyOrder("$.taxPolicy.basis", "$.lines[0].taxRates[0].rate",
                    "$.lines[1].taxRates[0].rate", "$.lines[2]", "$.lines[3].taxRates[0].rate");
            assertThat(e.problems()).extracting(OrderImportException.Problem::problem).anySatisfy(p ->
                    assertThat(p).contains("from 0 to 100")).anySatisfy(p ->
                    assertThat(p).contains("decimal string")).anySatisfy(p ->
                    assertThat(p).contains("gives its tax twice"));
        });
        String ratesOnHost = document("WEB", "").replace("\"unitTax\": \"3.78\"",
                "\"taxRates\": [{\"code\": \"DE-VAT-19\", \"rate\": \"19\"}]");
        assertThatThrownBy(() -> imports.importOrder(ratesOnHost)).isInstanceOfSatisfying(OrderImportException.class,
                e -> assertThat(e.paths()).containsExactly("$.lines[0].taxRates"));
        assertThat(store.unpublished(100)).isEmpty();
    }
}
