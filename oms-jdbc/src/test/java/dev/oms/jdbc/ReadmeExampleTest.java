package dev.oms.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.core.OrderCommand;
import dev.oms.core.OrderService;
import dev.oms.core.PlaceOrder;
import dev.oms.docs.ReadmeSnippets;
import dev.oms.inventory.InventoryService;
import dev.oms.jdbc.testing.LocalPostgres;
import dev.oms.spi.Address;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.OrderId;
import dev.oms.spi.order.Order.OrderStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.money.Monetary;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The README's wiring example, run against PostgreSQL, and kept equal to the README. */
class ReadmeExampleTest {
    @Test
    void the_readme_example_wires_oms_on_postgres() {
        DataSource dataSource = LocalPostgres.dataSource();
        List<String> published = new ArrayList<>();
        String external = "readme-" + System.nanoTime();
        // readme-example:begin
        Migrations.migrate(dataSource);                    // once at start-up; safe from many instances
        PostgresStores stores = PostgresStores.on(dataSource);
        OrderService orders = OrderService.builder(stores.orders()).build();
        InventoryService inventory = InventoryService.builder(stores.inventory()).build();

        OrderId id = orders.place(PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of(external),
                        CustomerRef.of("cust-42"), Monetary.getCurrency("EUR"))
                .shipTo(Address.of("DE", "10115")).placedAt(Instant.now())
                .line("1", "TSHIRT-M", 2, Amounts.of("19.90", "EUR")).build()).order().id();
        orders.handle(id, new OrderCommand.Confirm());

        // the host's scheduler relays the outbox to its broker, at least once
        OutboxRelay relay = new OutboxRelay(dataSource, event -> published.add(event.eventId().value()), 100);
        relay.relayAll();
        // readme-example:end
        assertThat(orders.load(id).status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(published).isNotEmpty();
        assertThat(inventory).isNotNull();

        assertThat(ReadmeSnippets.codeBlockAfter(ReadmeSnippets.readme(),
                "<!-- readme-example (from ReadmeExampleTest) -->")).isEqualTo(ReadmeSnippets.region(
                        Path.of("src/test/java/dev/oms/jdbc/ReadmeExampleTest.java"), "readme-example"));
    }
}
