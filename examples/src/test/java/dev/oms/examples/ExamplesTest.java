package dev.oms.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.docs.ReadmeSnippets;
import dev.oms.spi.order.OrderStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExamplesTest {
    @Test
    void the_quick_start_places_and_confirms_an_order() {
        assertThat(QuickStart.run().status()).isEqualTo(OrderStatus.CONFIRMED);
    }

    @Test
    void the_readme_quick_start_is_the_compiled_one() {
        assertThat(ReadmeSnippets.codeBlockAfter(ReadmeSnippets.read(Path.of("..", "README.md")),
                "<!-- quickstart:begin (from examples/QuickStart.java, checked by ExamplesTest) -->"))
                .isEqualTo(ReadmeSnippets.region(Path.of("src/main/java/dev/oms/examples/QuickStart.java"), "quickstart"));
    }

    @Test
    void the_lifecycle_tour_runs_every_story_to_its_expected_end() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new LifecycleTour(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out)
                .contains("refunded EUR 18.00")
                .contains("fulfilment is blocked by active holds [PAYMENT/payment-declined]")
                .contains("refused by guard 'fraud-screen-passed'")
                .contains("fraud screen REJECT: cancelled")
                .contains("to charge EUR 11.00")
                .contains("orders by status:  {CANCELLED=2, COMPLETED=2, CONFIRMED=1, PROCESSING=2}")
                .doesNotContain("Exception");
    }
}
