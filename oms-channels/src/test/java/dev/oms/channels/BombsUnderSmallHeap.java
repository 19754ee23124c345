package dev.oms.channels;

import dev.oms.core.OrderDecider;
import dev.oms.core.OrderService;
import dev.oms.core.PlaceOrder;
import dev.oms.core.memory.InMemoryOrderStore;
import dev.oms.json.OmsJson;
import dev.oms.spi.Address;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.LineId;
import dev.oms.spi.OmsException;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.order.LineTax;
import dev.oms.spi.order.NewLine;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import javax.money.Monetary;

/**
 * Run in a JVM of its own with a small heap by {@link SmallHeapBombTest}: every number bomb
 * through the Java API (as text and as a Moneta amount), the channel import and stored JSON, each answered with a typed error;
 * prints one line per attempt and exits 0 only if every one was typed and nothing was stored.
 */
public final class BombsUnderSmallHeap {
    static final List<String> BOMBS = List.of("1E+999999999", "1E+100000000", "-1E+999999999", "1E-999999999",
            "9".repeat(5_000), "0." + "0".repeat(5_000) + "1");
    /**
     * Bombs a host can build as a Moneta amount itself (Moneta refuses {@code 1E-999999999} and
     * rounds {@code 0.000...1} to zero with its 256-digit context before oms sees them).
     */
    static final List<String> MONEY_BOMBS = List.of("1E+999999999", "1E+100000000", "-1E+999999999");

    private BombsUnderSmallHeap() {
    }

    /** @param args none */
    public static void main(String[] args) {
        InMemoryOrderStore store = new InMemoryOrderStore();
        OrderService orders = OrderService.builder(store).build();
        OrderImport imports = new OrderImport(orders);
        String stored = OmsJson.write(OrderDecider.builder().build().place(order("stored", Amounts.of("9.99", "EUR")))
                .orThrow().events()
                .get(0));
        int untyped = 0;
        for (String bomb : MONEY_BOMBS) {
            untyped += attempt("java-api-money", bomb, () -> orders.place(order("money", Monetary
                    .getDefaultAmountFactory().setCurrency("EUR").setNumber(new BigDecimal(bomb)).create()),
                    CommandKey.of("k-money")));
        }
        for (String bomb : BOMBS) {
            untyped += attempt("java-api", bomb, () -> orders.place(order("api", Amounts.of(bomb, "EUR")),
                    CommandKey.of("k-api")));
            untyped += attempt("json-import", bomb, () -> imports.importOrder(OrderImportTest.document("WEB", "")
                    .replace("\"8.00\"", "\"" + bomb + "\"")));
            untyped += attempt("stored-json", bomb, () -> OmsJson.read(stored.replace("\"9.99\"", "\"" + bomb + "\""),
                    OrderEvent.class));
        }
        boolean untouched = store.unpublished(10).isEmpty();
        System.out.println("stored: " + (untouched ? "nothing" : "something"));
        System.exit(untyped == 0 && untouched ? 0 : 1);
    }

    private static int attempt(String entry, String bomb, Runnable call) {
        String shown = bomb.length() > 20 ? bomb.substring(0, 12) + "...(" + bomb.length() + " chars)" : bomb;
        try {
            call.run();
            System.out.println(entry + " " + shown + ": ACCEPTED");
            return 1;
        } catch (OmsException typed) {
            System.out.println(entry + " " + shown + ": typed " + typed.getClass().getSimpleName());
            return 0;
        } catch (RuntimeException | OutOfMemoryError other) {
            System.out.println(entry + " " + shown + ": UNTYPED " + other);

            return 1;
        }
    }

    private static PlaceOrder order(String external, javax.money.MonetaryAmount price) {
        return PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of(external), CustomerRef.of("c-1"),
                Monetary.getCurrency("EUR")).shipTo(Address.of("DE", "10115"))
                .placedAt(Instant.parse("2026-11-01T09:00:00Z"))
                .line(new NewLine(LineId.of("1"), Sku.of("TEE"), Quantity.of(1), price, Amounts.of("0.00", "EUR"),
                        LineTax.perUnit(Amounts.of("0.00", "EUR"))))
                .build();
    }
}
