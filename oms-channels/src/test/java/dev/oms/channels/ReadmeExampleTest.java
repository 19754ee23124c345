package dev.oms.channels;

import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.core.OrderService;
import dev.oms.core.memory.InMemoryOrderStore;
import dev.oms.docs.ReadmeSnippets;
import dev.oms.spi.order.Order;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's examples run, and are kept equal to the README. */
class ReadmeExampleTest {
    @Test
    void the_readme_examples_run() {
        OrderService orders = OrderService.builder(new InMemoryOrderStore()).build();
        String document = OrderImportTest.document("WEB", "");
        // readme-example:begin
        OrderImport imports = new OrderImport(orders);
        OrderImport.Imported imported = imports.importOrder(document);   // every problem at once, or placed
        Order order = imported.result().order();
        // readme-example:end
        assertThat(order.lines()).isNotEmpty();
        assertThat(imported.duplicate()).isFalse();

        String readme = ReadmeSnippets.readme();
        assertThat(ReadmeSnippets.codeBlockAfter(readme, "<!-- readme-example (from ReadmeExampleTest) -->"))
                .isEqualTo(ReadmeSnippets.region(Path.of("src/test/java/dev/oms/channels/ReadmeExampleTest.java"),
                        "readme-example"));

        // the sample document of the format section imports as it is
        String sample = ReadmeSnippets.codeBlockAfter(readme, "## The document");
        OrderImport.Imported sampled = new OrderImport(OrderService.builder(new InMemoryOrderStore()).build())
                .importOrder(sample);
        assertThat(sampled.result().order().lines()).hasSize(2);
        // and so does the one on gross prices, which is the one OrderImportTest checks figure by figure
        String gross = ReadmeSnippets.codeBlockAfter(readme, "### Tax on gross prices");
        assertThat(gross).isEqualTo(OrderImportTest.GERMAN.strip());
        assertThat(new OrderImport(OrderService.builder(new InMemoryOrderStore()).build()).importOrder(gross)
                .result().order().header().taxPolicy()).isEqualTo(dev.oms.spi.order.TaxPolicy.inclusive());
    }
}
