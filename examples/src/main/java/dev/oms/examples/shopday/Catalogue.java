package dev.oms.examples.shopday;

import dev.oms.spi.Amounts;
import dev.oms.spi.Sku;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import javax.money.MonetaryAmount;

/**
 * The shop's catalogue: a few dozen products with prices in EUR (tax-exclusive), a category and how
 * popular each one is. Tax is added per destination country (Germany 19 %, Austria 20 %, the
 * Netherlands 21 %), rounded half up to the cent per unit, as many European shops do.
 */
final class Catalogue {
    /** A product the shop sells. */
    record Product(Sku sku, String name, String category, BigDecimal price, int popularity) {
        MonetaryAmount unitPrice() {
            return Amounts.of(price.toPlainString(), "EUR");
        }

        MonetaryAmount unitTax(String country) {
            return Amounts.of(price.multiply(taxRate(country)).setScale(2, RoundingMode.HALF_UP).toPlainString(), "EUR");
        }
    }

    /** The new sneaker that launches today: no stock until the delivery at 14:00, so early orders wait. */
    static final Sku LAUNCH_SNEAKER = Sku.of("SNEAKER-LAUNCH-42");
    /** Stocked only in Berlin. */
    static final Sku MUG = Sku.of("MUG-LOGO");
    /** Stocked only in Utrecht. */
    static final Sku HOODIE = Sku.of("HOODIE-GREY-M");

    static final List<Product> PRODUCTS = List.of(
            product("TEE-BASIC-M", "Basic tee, M", "apparel", "19.90", 12),
            product("TEE-BASIC-L", "Basic tee, L", "apparel", "19.90", 10),
            product("TEE-LOGO-M", "Logo tee, M", "apparel", "24.90", 8),
            product(HOODIE.value(), "Hoodie grey, M", "apparel", "59.90", 5),
            product("JEANS-32", "Jeans 32/32", "apparel", "79.00", 6),
            product("JEANS-34", "Jeans 34/32", "apparel", "79.00", 6),
            product("JACKET-M", "Winter jacket, M", "apparel", "149.00", 4),
            product("JACKET-L", "Winter jacket, L", "apparel", "149.00", 4),
            product("SNEAKER-41", "Runner sneaker 41", "shoes", "99.00", 5),
            product("SNEAKER-42", "Runner sneaker 42", "shoes", "99.00", 6),
            product("SNEAKER-43", "Runner sneaker 43", "shoes", "99.00", 5),
            product(LAUNCH_SNEAKER.value(), "Launch edition sneaker 42", "shoes", "149.00", 4),
            product("CAP-BLACK", "Cap, black", "accessories", "15.00", 7),
            product("SOCKS-3PK", "Socks, 3 pairs", "accessories", "12.00", 9),
            product(MUG.value(), "Logo mug", "home", "9.50", 6),
            product("BOTTLE-STEEL", "Steel bottle", "home", "18.00", 5),
            product("BACKPACK-20L", "Backpack 20 l", "bags", "69.00", 4),
            product("HEADPHONES-BT", "Bluetooth headphones", "electronics", "129.00", 3),
            product("WATCH-SPORT", "Sport watch", "electronics", "249.00", 2));

    private Catalogue() {
    }

    private static Product product(String sku, String name, String category, String price, int popularity) {
        return new Product(Sku.of(sku), name, category, new BigDecimal(price), popularity);
    }

    static Product product(Sku sku) {
        return find(sku).orElseThrow(() -> new IllegalArgumentException("not in the catalogue: " + sku));
    }

    static Optional<Product> find(Sku sku) {
        return PRODUCTS.stream().filter(p -> p.sku().equals(sku)).findFirst();
    }

    static BigDecimal taxRate(String country) {
        return switch (country) {
            case "AT" -> new BigDecimal("0.20");
            case "NL" -> new BigDecimal("0.21");
            default -> new BigDecimal("0.19");
        };
    }

    static int totalPopularity() {
        return PRODUCTS.stream().mapToInt(Product::popularity).sum();
    }
}
