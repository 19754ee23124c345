package dev.oms.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.core.OrderCommand;
import dev.oms.core.OrderService;
import dev.oms.core.PlaceOrder;
import dev.oms.inventory.InventoryService;
import dev.oms.jdbc.testing.LocalPostgres;
import dev.oms.spi.Address;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.InvalidInputException.CurrencyMismatchException;
import dev.oms.spi.InvalidInputException.InvalidQuantityException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OmsException;
import dev.oms.spi.OmsException.OrderNotFoundException;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import dev.oms.spi.order.LineTax;
import dev.oms.spi.order.NewLine;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.HoldType;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import org.junit.jupiter.api.Test;

/**
 * The hostile-input classes against the services on PostgreSQL, on a database of its own so that
 * "nothing changed" is exact: each is refused with its typed error naming what was wrong, and
 * every oms table has exactly the rows it had before. A stored row holding a number bomb is
 * refused on read with the JSON path named.
 */
class PostgresHostileInputTest {
    private static final Instant AT = Instant.parse("2026-11-01T09:00:00Z");
    private static final List<String> TABLES = List.of("oms_orders", "oms_order_events", "oms_outbox",
            "oms_command_keys", "oms_stock_positions", "oms_stock_movements", "oms_reservations");

    private record Case(String name, Class<? extends OmsException> type, String names, Runnable call) {
    }

    @Test
    void every_class_of_bad_input_is_refused_typed_on_postgresql_and_changes_no_row() throws Exception {
        try (LocalPostgres.Temporary db = LocalPostgres.temporary(2)) {
            PostgresStores stores = PostgresStores.on(db.dataSource());
            OrderService orders = OrderService.builder(stores.orders()).build();
            InventoryService inventory = InventoryService.builder(stores.inventory()).build();
            Order placed = orders.place(order("ok", eur("9.99")), CommandKey.of("ok")).order();
            inventory.definePosition(Sku.of("TEE"), LocationId.of("wh-1"), PositionSettings.NONE);
            inventory.receive(Sku.of("TEE"), LocationId.of("wh-1"), Quantity.of(Quantity.MAX), receipt("po-full"),
                    CommandKey.of("full"));

            List<Case> cases = List.of(
                    new Case("number bomb as text", InvalidInputException.class, "integer digits",
                            () -> orders.place(order("bomb-1", Amounts.of("1E+999999999", "EUR")), key("b1"))),
                    new Case("number bomb as an amount", InvalidInputException.class, "unitPrice",
                            () -> orders.place(order("bomb-2", raw("1E+100000000")), key("b2"))),
                    new Case("40 digits", InvalidInputException.class, "unitPrice",
                            () -> orders.place(order("bomb-3", raw("1234567890123456789012345678901234567890")),
                                    key("b3"))),
                    new Case("finer than the currency", InvalidInputException.class, "unitPrice",
                            () -> orders.place(order("scale", raw("9.999")), key("s1"))),
                    new Case("line value overflow", InvalidInputException.class, "line 1",
                            () -> orders.place(order("overflow", eur("999999999999.00"), 2), key("o1"))),
                    new Case("unpaired surrogate", InvalidInputException.class, "surrogate",
                            () -> orders.place(order("x\uD800", eur("1.00")), key("u1"))),
                    new Case("NUL", InvalidInputException.class, "control character",
                            () -> orders.place(order("x\u0000", eur("1.00")), key("n1"))),
                    new Case("huge string", InvalidInputException.class, "city",
                            () -> orders.place(withCity("huge", "B".repeat(100_000)), key("h1"))),
                    new Case("null", InvalidInputException.class, "command",
                            () -> orders.handle(placed.id(), null, key("null"))),
                    new Case("unknown id", OrderNotFoundException.class, "o-missing",
                            () -> orders.handle(OrderId.of("o-missing"), OrderCommand.PlaceHold.of(HoldType.CUSTOM,
                                    "x"), key("missing"))),
                    new Case("currency mismatch", CurrencyMismatchException.class, "EUR",
                            () -> orders.place(order("usd", Amounts.of("1.00", "USD")), key("c1"))),
                    new Case("quantity beyond the limit", InvalidQuantityException.class, "quantity",
                            () -> inventory.receive(Sku.of("TEE"), LocationId.of("wh-1"), Quantity.of(Quantity.MAX + 1),
                                    receipt("po-big"), key("q1"))),
                    new Case("stock beyond the limit", InvalidQuantityException.class, "on hand",
                            () -> inventory.receive(Sku.of("TEE"), LocationId.of("wh-1"), Quantity.of(1),
                                    receipt("po-more"), key("q2"))),
                    new Case("unknown position", dev.oms.spi.InvalidInputException.UnknownPositionException.class, "wh-9",
                            () -> inventory.receive(Sku.of("TEE"), LocationId.of("wh-9"), Quantity.of(1),
                                    receipt("po-9"), key("p1"))));

            Map<String, Long> before = counts(db);
            List<String> wrong = new ArrayList<>();
            for (Case c : cases) {
                try {
                    c.call().run();
                    wrong.add(c.name() + ": accepted");
                } catch (OmsException refused) {
                    if (!c.type().isInstance(refused) || !refused.getMessage().contains(c.names())) {
                        wrong.add(c.name() + ": " + refused);
                    }
                } catch (RuntimeException other) {
                    wrong.add(c.name() + ": untyped " + other);
                }
            }
            assertThat(wrong).as("of " + cases.size() + " hostile calls").isEmpty();
            assertThat(counts(db)).as("rows per table").isEqualTo(before);

            // a stored row holding a number bomb is refused on read, its path named, never expanded
            try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                    "UPDATE oms_orders SET snapshot = jsonb_set(snapshot, '{lines,0,unitPrice,amount}', "
                            + "'\"1E+999999999\"') WHERE id = ?")) {
                ps.setString(1, placed.id().value());
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            try {
                orders.load(placed.id());
                wrong.add("stored bomb: loaded");
            } catch (InvalidInputException refused) {
                assertThat(refused.field()).contains("lines[0].unitPrice");
                assertThat(refused.getMessage()).hasSizeLessThan(500);
            }
            assertThat(wrong).isEmpty();
        }
    }

    private static Map<String, Long> counts(LocalPostgres.Temporary db) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    private static CommandKey key(String name) {
        return CommandKey.of("hostile-" + name);
    }

    private static Reference receipt(String id) {
        return Reference.of(Reference.Type.RECEIPT, id);
    }

    private static MonetaryAmount eur(String amount) {
        return Amounts.of(amount, "EUR");
    }

    private static MonetaryAmount raw(String number) {
        return Monetary.getDefaultAmountFactory().setCurrency("EUR").setNumber(new BigDecimal(number)).create();
    }

    private static PlaceOrder order(String external, MonetaryAmount price) {
        return order(external, price, 1);
    }

    private static PlaceOrder order(String external, MonetaryAmount price, long units) {
        return PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of(external), CustomerRef.of("c"),
                Monetary.getCurrency("EUR")).shipTo(Address.of("DE", "10115")).placedAt(AT)
                .line(new NewLine(LineId.of("1"), Sku.of("TEE"), Quantity.of(units), price,
                        Amounts.zero(price.getCurrency()), LineTax.none()))
                .build();
    }

    private static PlaceOrder withCity(String external, String city) {
        return PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of(external), CustomerRef.of("c"),
                Monetary.getCurrency("EUR")).shipTo(new Address("DE", "10115", city, List.of(), Optional.empty()))
                .placedAt(AT).line("1", "TEE", 1, eur("1.00")).build();
    }
}
