package dev.oms.examples.shopday;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.docs.ReadmeSnippets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples README shows what the default shop day really prints (the in-memory day is deterministic). */
class ReadmeShopDayTest {
    @TempDir
    Path dir;

    @Test
    void the_readme_summary_is_what_the_default_day_prints() {
        DayOptions defaults = DayOptions.defaults();
        DayOptions options = new DayOptions(defaults.seed(), defaults.orders(), defaults.store(),
                dir.resolve("report.html"), 0, defaults.flashSaleUnits(), false);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ShopDay.Result result = ShopDay.run(options, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(result.summary().brokenInvariants).as(out).isEmpty();

        String printed = out.substring(out.indexOf("Orders by channel and status"), out.indexOf("Stories played")).strip();
        String shown = ReadmeSnippets.codeBlockAfter(ReadmeSnippets.readme(),
                "<!-- shop-day-summary (the default day, checked by ReadmeShopDayTest) -->");
        assertThat(shown).as("paste the default day's summary into examples/README.md").isEqualTo(printed);
    }
}
