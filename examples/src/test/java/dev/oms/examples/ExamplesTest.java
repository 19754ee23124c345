package dev.oms.examples;

import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.docs.ReadmeSnippets;
import dev.oms.spi.Amounts;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.OrderStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExamplesTest {
    @Test
    void the_quick_start_accepts_ships_delivers_and_refunds_a_returned_unit() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        Order order;
        try {
            order = QuickStart.run();
        } finally {
            System.setOut(out);
        }
        assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(order.payments().captured()).isEqualTo(Amounts.of("39.80", "EUR"));
        assertThat(order.payments().refunded()).isEqualTo(Amounts.of("19.90", "EUR"));
        assertThat(order.lines().get(0).quantities().returned().value()).isOne();
        assertThat(bytes.toString(StandardCharsets.UTF_8).strip())
                .isEqualTo("COMPLETED, PARTIALLY_REFUNDED, refunded EUR 19.9"); // what the README says it prints
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
