package dev.oms.json;

import static org.assertj.core.api.Assertions.assertThat;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oms.core.OrderService;
import dev.oms.core.PlaceOrder;
import dev.oms.core.memory.InMemoryOrderStore;
import dev.oms.docs.ReadmeSnippets;
import dev.oms.spi.Address;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.order.Order;
import java.nio.file.Path;
import java.time.Instant;
import javax.money.Monetary;
import org.junit.jupiter.api.Test;

/** The README's examples run, and are kept equal to the README. */
class ReadmeExampleTest {
    @Test
    void the_readme_examples_run() throws Exception {
        // readme-example:begin
        OrderService orders = OrderService.builder(new InMemoryOrderStore()).build();
        Order order = orders.place(PlaceOrder.builder(ChannelId.of("shop-de"), ExternalOrderId.of("WEB-1001"),
                CustomerRef.of("cust-42"), Monetary.getCurrency("EUR")).shipTo(Address.of("DE", "10115"))
                .placedAt(Instant.parse("2026-11-01T09:30:00Z")).line("1", "MUG", 1, Amounts.of("8.00", "EUR")).build(), CommandKey.of("k-1")).order();

        ObjectMapper mapper = new ObjectMapper().registerModule(new OmsJsonModule());
        String json = mapper.writeValueAsString(orders.history(order.id()).get(0));
        OrderEvent event = mapper.readValue(json, OrderEvent.class);    // only known event types are read

        String stored = StoredJson.write(orders.load(order.id()), Order.class);   // the storage form
        Order again = StoredJson.read(stored, Order.class);                       // validated again
        // readme-example:end
        assertThat(event).isEqualTo(orders.history(order.id()).get(0));
        assertThat(json).startsWith("{\"@type\":\"OrderPlaced\",\"schemaVersion\":6,");
        assertThat(again).isEqualTo(orders.load(order.id()));
        assertThat(stored).startsWith("{\"schemaVersion\":" + StoredJson.SCHEMA_VERSION + ",");
        assertThat(dev.oms.docs.ReadmeSnippets.readme()).as("the README names the versions written now")
                .contains("(now " + StoredJson.SCHEMA_VERSION + ",").contains(": " + StoredJson.EVENT_SCHEMA_VERSION
                        + " for the events that hold");
        assertThat(mapper.writeValueAsString(again)).isEqualTo(stored);   // one codec: the same form both ways

        assertThat(mapper.writeValueAsString(Amounts.of("12.30", "EUR")))
                .isEqualTo("{\"amount\":\"12.3\",\"currency\":\"EUR\"}");
        assertThat(mapper.readValue("{\"amount\":\"12.30\",\"currency\":\"EUR\"}", javax.money.MonetaryAmount.class))
                .isEqualTo(Amounts.of("12.30", "EUR"));

        String readme = ReadmeSnippets.readme();
        assertThat(readme).contains("permits its " + OrderEvent.class.getPermittedSubclasses().length
                + " event records");
        assertThat(ReadmeSnippets.codeBlockAfter(readme, "<!-- readme-example (from ReadmeExampleTest) -->"))
                .isEqualTo(ReadmeSnippets.region(Path.of("src/test/java/dev/oms/json/ReadmeExampleTest.java"),
                        "readme-example"));
    }
}
