package dev.oms.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oms.core.InMemoryOrderStore;
import dev.oms.docs.ReadmeSnippets;
import dev.oms.core.OrderService;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.order.Order;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's examples run, and are kept equal to the README. */
class ReadmeExampleTest {
    @Test
    void the_readme_examples_run() throws Exception {
        OrderService orders = OrderService.builder(new InMemoryOrderStore()).build();
        String document = OrderImportTest.document("WEB", "");
        // readme-example:begin
        Order order = new OrderImport(orders).importOrder(document).result().order();

        ObjectMapper mapper = new ObjectMapper().registerModule(new OmsJsonModule());
        String json = mapper.writeValueAsString(orders.history(order.id()).get(0));
        OrderEvent event = mapper.readValue(json, OrderEvent.class);    // only known event types are read
        // readme-example:end
        assertThat(event).isEqualTo(orders.history(order.id()).get(0));
        assertThat(json).startsWith("{\"@type\":\"OrderPlaced\",\"schemaVersion\":1,");

        String readme = ReadmeSnippets.readme();
        assertThat(ReadmeSnippets.codeBlockAfter(readme, "<!-- readme-example (from ReadmeExampleTest) -->"))
                .isEqualTo(ReadmeSnippets.region(Path.of("src/test/java/dev/oms/json/ReadmeExampleTest.java"),
                        "readme-example"));

        // the sample document of the format section imports as it is
        String sample = ReadmeSnippets.codeBlockAfter(readme, "## Channel order import");
        OrderImport.Imported imported = new OrderImport(OrderService.builder(new InMemoryOrderStore()).build())
                .importOrder(sample);
        assertThat(imported.result().order().lines()).hasSize(2);
    }
}
