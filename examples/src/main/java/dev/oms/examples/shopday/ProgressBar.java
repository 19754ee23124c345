package dev.oms.examples.shopday;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.DoubleConsumer;

/**
 * A progress bar on one terminal line, redrawn in place ({@code \r}) when it moves by a percent,
 * finished with a line break at 100 %. Without a terminal (output to a file or a CI log) it prints
 * a plain line every ten percent instead.
 */
final class ProgressBar implements DoubleConsumer {
    private static final int WIDTH = 40;

    private final PrintStream out;
    private final String label;
    private final boolean terminal;
    private int shown = -1;

    ProgressBar(PrintStream out, String label) {
        this(out, label, System.console() != null);
    }

    ProgressBar(PrintStream out, String label, boolean terminal) {
        this.out = out;
        this.label = label;
        this.terminal = terminal;
    }

    @Override
    public void accept(double fraction) {
        int percent = (int) Math.floor(Math.max(0, Math.min(1, fraction)) * 100);
        if (!terminal) {
            percent = percent / 10 * 10;
        }
        if (percent <= shown) {
            return;
        }
        shown = percent;
        if (!terminal) {
            out.println(String.format(Locale.ROOT, "%s %3d %%", label, percent));
            return;
        }
        int filled = percent * WIDTH / 100;
        out.print(String.format(Locale.ROOT, "\r%s [%s%s] %3d %%", label, "#".repeat(filled),
                ".".repeat(WIDTH - filled), percent));
        if (percent == 100) {
            out.println();
        }
        out.flush();
    }
}
