package dev.oms.examples.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.json.OmsJson;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An example channel adapter: turns a web shop's own order webhook (its field names, its shapes)
 * into oms' channel order format, which {@code OrderImport} then validates and places. Adapters
 * like this are the host's; oms only defines the target format. The shop's shape:
 *
 * <pre>{@code
 * {"id": 5001, "created_at": "...", "currency": "EUR", "customer": {"id": 42},
 *  "shipping_address": {"country_code": "DE", "zip": "10115", "city": "Berlin", "address1": "..."},
 *  "line_items": [{"id": 1, "sku": "TSHIRT-M", "quantity": 2, "price": "19.90", "total_discount": "0.00",
 *                  "tax_lines": [{"price": "7.56"}]}],
 *  "discount_codes": [{"code": "WELCOME5", "amount": "5.00"}],
 *  "shipping_lines": [{"code": "standard", "price": "4.90", "tax_lines": [{"price": "0.93"}]}],
 *  "total_price": "55.68"}
 * }</pre>
 * The shop sends line totals for discounts and taxes; oms keeps amounts per unit, so the adapter
 * divides (a total that does not divide evenly is left for the import to refuse, rather than rounded).
 */
public final class WebshopAdapter {
    private static final ObjectMapper MAPPER = OmsJson.newMapper();

    private WebshopAdapter() {
    }

    /**
     * @param webhook the shop's order JSON
     * @return the same order in oms' channel order format
     */
    public static String toOmsFormat(String webhook) {
        try {
            JsonNode shop = MAPPER.readTree(webhook);
            ObjectNode order = MAPPER.createObjectNode();
            order.put("channelKind", "WEB");
            order.put("channel", "webshop");
            order.put("externalOrderId", shop.path("id").asText());
            order.put("customer", "shop-customer-" + shop.path("customer").path("id").asText());
            order.put("currency", shop.path("currency").asText());
            order.put("placedAt", shop.path("created_at").asText());
            JsonNode address = shop.path("shipping_address");
            ObjectNode to = order.putObject("shippingAddress");
            to.put("country", address.path("country_code").asText());
            to.put("postalCode", address.path("zip").asText());
            to.put("city", address.path("city").asText());
            to.putArray("lines").add(address.path("address1").asText());
            ArrayNode lines = order.putArray("lines");
            for (JsonNode item : shop.path("line_items")) {
                long quantity = item.path("quantity").asLong();
                ObjectNode line = lines.addObject();
                line.put("lineId", item.path("id").asText());
                line.put("sku", item.path("sku").asText());
                line.put("quantity", quantity);
                line.put("unitPrice", item.path("price").asText());
                line.put("unitDiscount", perUnit(item.path("total_discount").asText("0"), quantity));
                line.put("unitTax", perUnit(sum(item.path("tax_lines")), quantity));
            }
            ArrayNode discounts = order.putArray("discounts");
            for (JsonNode code : shop.path("discount_codes")) {
                discounts.addObject().put("code", code.path("code").asText()).put("amount", code.path("amount").asText());
            }
            ArrayNode shipping = order.putArray("shipping");
            for (JsonNode charge : shop.path("shipping_lines")) {
                shipping.addObject().put("code", charge.path("code").asText()).put("amount", charge.path("price").asText())
                        .put("tax", sum(charge.path("tax_lines")));
            }
            if (shop.has("total_price")) {
                order.putObject("totals").put("grandTotal", shop.path("total_price").asText());
            }
            return MAPPER.writeValueAsString(order);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sum(JsonNode taxLines) {
        java.math.BigDecimal total = java.math.BigDecimal.ZERO;
        for (JsonNode tax : taxLines) {
            total = total.add(new java.math.BigDecimal(tax.path("price").asText("0")));
        }
        return total.toPlainString();
    }

    private static String perUnit(String total, long quantity) {
        java.math.BigDecimal t = new java.math.BigDecimal(total);
        java.math.BigDecimal[] qr = t.divideAndRemainder(java.math.BigDecimal.valueOf(Math.max(1, quantity)));
        return qr[1].signum() == 0 ? qr[0].setScale(t.scale()).toPlainString()
                : t.divide(java.math.BigDecimal.valueOf(quantity), java.math.MathContext.DECIMAL64).toPlainString();
    }
}
