package dev.oms.examples.shopday;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The bar redraws in place on a terminal and prints plain lines into a log. */
class ProgressBarTest {
    private static String drawn(boolean terminal, double... fractions) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), "day", terminal);
        for (double f : fractions) {
            bar.accept(f);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void on_a_terminal_it_redraws_one_line_per_percent_and_ends_it_at_100() {
        String out = drawn(true, 0.0, 0.004, 0.5, 0.5, 1.0);
        assertThat(out).startsWith("\rday [").contains("\rday [####################....................]  50 %")
                .endsWith("100 %" + System.lineSeparator());
        assertThat(out.split("\r")).hasSize(4); // 0 %, 50 % and 100 %: repeats and sub-percent moves draw nothing
    }

    @Test
    void into_a_log_it_prints_a_line_every_ten_percent() {
        assertThat(drawn(false, 0.0, 0.05, 0.12, 0.19, 0.31, 1.0).lines()).containsExactly("day   0 %", "day  10 %",
                "day  30 %", "day 100 %");
    }
}
