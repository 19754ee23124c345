package dev.oms.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.docs.ReadmeSnippets;
import dev.oms.inventory.ReservationOutcome;
import dev.oms.inventory.ReserveRequest;
import dev.oms.inventory.ReserveRequest.ReserveLine;
import dev.oms.inventory.memory.InMemoryInventoryStore;
import dev.oms.spi.CommandKey;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Compiles and runs the module README's example, and keeps the README's copy equal to it. */
class ReadmeExampleTest {
    @Test
    void the_readme_example_runs() {
        // readme-example:begin
        InventoryService inventory = InventoryService.builder(new InMemoryInventoryStore()).build();
        inventory.definePosition(Sku.of("TSHIRT-M"), LocationId.of("wh-berlin"),
                new PositionSettings(Quantity.of(2), Quantity.of(5), Quantity.of(50)));
        inventory.receive(Sku.of("TSHIRT-M"), LocationId.of("wh-berlin"), Quantity.of(20),
                Reference.of(Reference.Type.RECEIPT, "po-1"), CommandKey.of("receive-po-1"));

        ReservationOutcome outcome = inventory.reserve(
                ReserveRequest.of(OrderId.of("o-1"), ReserveLine.of("1", "TSHIRT-M", "wh-berlin", 3)),
                CommandKey.of("reserve-o-1"));
        long atp = inventory.availability().atp(Sku.of("TSHIRT-M"));   // 15
        // readme-example:end
        assertThat(outcome).isInstanceOf(ReservationOutcome.Reserved.class);
        assertThat(atp).isEqualTo(15);
    }

    @Test
    void the_readme_shows_this_example() {
        assertThat(ReadmeSnippets.codeBlockAfter(ReadmeSnippets.readme(), "## Example\n")).isEqualTo(
                ReadmeSnippets.region(Path.of("src/test/java/dev/oms/inventory/ReadmeExampleTest.java"),
                        "readme-example"));
    }
}
