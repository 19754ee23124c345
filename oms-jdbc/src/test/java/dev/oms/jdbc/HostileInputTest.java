package dev.oms.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.core.OrderCommand;
import dev.oms.core.OrderDecider;
import dev.oms.core.OrderService;
import dev.oms.core.PlaceOrder;
import dev.oms.fakes.ManualClock;
import dev.oms.inventory.InventoryService;
import dev.oms.jdbc.testing.LocalPostgres;
import dev.oms.spi.Address;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.PositionKey;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.HoldType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.money.Monetary;
import org.junit.jupiter.api.Test;

/**
 * Hostile strings in ids and free text reach the database only as parameters of prepared
 * statements (and as JSON strings, escaped): they are stored and read back exactly, and no
 * statement of theirs ever runs.
 */
class HostileInputTest {
    private static final Instant AT = Instant.parse("2026-11-01T09:00:00Z");
    private static final List<String> HOSTILE = List.of(
            "x'; DROP TABLE oms_orders; --",
            "x\"); DELETE FROM oms_outbox; --",
            "x' OR '1'='1",
            "x\\'; SELECT pg_sleep(10); --",
            "x\"},{\"@type\":\"OrderArchived\"",
            "x$$; DROP TABLE oms_stock_positions; $$",
            "xö漢字🙂",
            "x/* comment */ UNION SELECT * FROM oms_command_keys");

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final PostgresStores stores = PostgresStores.on(LocalPostgres.dataSource());

    @Test
    void hostile_ids_and_text_are_stored_and_read_back_exactly_and_never_run() throws Exception {
        OrderService orders = OrderService.builder(stores.orders()).decider(OrderDecider.builder()
                .clock(new ManualClock(AT)).ids(IdGenerator.sequential(run + "'; DROP TABLE oms_orders; --")).build())
                .build();
        InventoryService inventory = InventoryService.builder(stores.inventory()).clock(new ManualClock(AT))
                .ids(IdGenerator.sequential(run + "-inv")).build();
        for (String hostile : HOSTILE) {
            String value = hostile + run;
            PlaceOrder place = PlaceOrder.builder(ChannelId.of(value), ExternalOrderId.of(value), CustomerRef.of(value),
                    Monetary.getCurrency("EUR")).shipTo(Address.of("DE", "10115")).placedAt(AT).tag(value)
                    .line("1", value, 1, Amounts.of("1.00", "EUR")).build();
            OrderId id = orders.place(place, CommandKey.of(value)).order().id();
            Order held = orders.handle(id, new OrderCommand.PlaceHold(HoldType.CUSTOM, value, value),
                    CommandKey.of(value + "-hold")).order();
            assertThat(stores.orders().load(id)).contains(held);
            assertThat(stores.orders().findByExternalId(ChannelId.of(value), ExternalOrderId.of(value))).contains(held);
            assertThat(held.hold(HoldType.CUSTOM, value).orElseThrow().reason()).isEqualTo(value);
            assertThat(stores.orders().findCommand(CommandKey.of(value))).isPresent();

            Sku sku = Sku.of(value);
            LocationId location = LocationId.of(value);
            inventory.definePosition(sku, location, PositionSettings.NONE);
            inventory.receive(sku, location, Quantity.of(3), Reference.of(Reference.Type.RECEIPT, value),
                    CommandKey.of(value + "-po"));
            assertThat(stores.inventory().position(PositionKey.of(sku, location)).orElseThrow().onHand())
                    .isEqualTo(Quantity.of(3));
            assertThat(stores.inventory().movements(PositionKey.of(sku, location)).get(0).reference().id())
                    .isEqualTo(value);
        }
        try (Connection c = LocalPostgres.rawConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.tables "
                        + "WHERE table_name IN ('oms_orders', 'oms_outbox', 'oms_stock_positions', 'oms_command_keys')")) {
            rs.next();
            assertThat(rs.getInt(1)).as("every table is still there").isEqualTo(4);
        }
    }

    /**
     * What PostgreSQL cannot keep exactly (NUL, half a surrogate pair, which it stores lossily so
     * that two channel orders would become one) is refused by the same typed error on both stores,
     * before either is written.
     */
    @Test
    void what_a_database_cannot_keep_exactly_is_refused_alike_in_memory_and_on_postgresql() {
        OrderService onPostgres = OrderService.builder(stores.orders()).decider(OrderDecider.builder()
                .clock(new ManualClock(AT)).ids(IdGenerator.sequential(run + "-pg")).build()).build();
        dev.oms.core.memory.InMemoryOrderStore memory = new dev.oms.core.memory.InMemoryOrderStore();
        OrderService inMemory = OrderService.builder(memory).decider(OrderDecider.builder()
                .clock(new ManualClock(AT)).ids(IdGenerator.sequential(run + "-mem")).build()).build();
        List<java.util.function.Supplier<PlaceOrder>> refused = List.of(
                () -> place("x\uD800" + run, "Berlin"),
                () -> place("x\uDBFF" + run, "Berlin"),
                () -> place(run + "\uDC00", "Berlin"),
                () -> place(run + "-nul", "Ber\u0000lin"),
                () -> place(run + "-bell", "Berlin\u0007"),
                () -> place("x\u0000" + run, "Berlin"));
        for (java.util.function.Supplier<PlaceOrder> placement : refused) {
            String memoryError = refusal(() -> inMemory.place(placement.get(), CommandKey.of(run + "-m")));
            String postgresError = refusal(() -> onPostgres.place(placement.get(), CommandKey.of(run + "-p")));
            assertThat(postgresError).isEqualTo(memoryError).contains("InvalidInputException")
                    .containsAnyOf("unpaired surrogate", "control character");
        }
        assertThat(memory.unpublished(1)).isEmpty();
        assertThat(stores.orders().findCommand(CommandKey.of(run + "-p"))).isEmpty();
    }

    private static PlaceOrder place(String external, String city) {
        return PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of(external), CustomerRef.of("c"),
                Monetary.getCurrency("EUR")).shipTo(new Address("DE", "10115", city, List.of(),
                java.util.Optional.empty())).placedAt(AT).line("1", "TEE", 1, Amounts.of("1.00", "EUR")).build();
    }

    private static String refusal(Runnable call) {
        try {
            call.run();
            return "accepted";
        } catch (dev.oms.spi.OmsException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
