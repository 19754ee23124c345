package dev.oms.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test support shared by every module (through oms-spi's test jar): reads the code a README shows and the code a test
 * runs, so a test can check that they are the same text. A README block is marked by a line (an HTML comment or a
 * heading) followed by a fenced block; a source region lies between {@code // name:begin} and {@code // name:end}.
 */
public final class ReadmeSnippets {
    private ReadmeSnippets() {
    }

    /** The module's {@code README.md} (tests run with the module directory as working directory). */
    public static String readme() {
        return read(Path.of("README.md"));
    }

    /** The whole text of a file. */
    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body of the first fenced block after {@code marker} in {@code markdown}, without its fences, stripped. */
    public static String codeBlockAfter(String markdown, String marker) {
        int at = markdown.indexOf(marker);
        if (at < 0) {
            throw new AssertionError("the README has no '" + marker + "'");
        }
        int fence = markdown.indexOf("```", at + marker.length());
        int bodyStart = markdown.indexOf('\n', fence) + 1;
        int bodyEnd = markdown.indexOf("```", bodyStart);
        return markdown.substring(bodyStart, bodyEnd).strip();
    }

    /** The text strictly between {@code begin} and the next {@code end}, stripped. */
    public static String between(String text, String begin, String end) {
        int from = text.indexOf(begin);
        if (from < 0) {
            throw new AssertionError("no '" + begin + "' found");
        }
        from += begin.length();
        return text.substring(from, text.indexOf(end, from)).strip();
    }

    /** The lines between {@code // name:begin} and {@code // name:end} in a source file, with their indent removed. */
    public static String region(Path source, String name) {
        String text = read(source);
        String begin = "// " + name + ":begin\n";
        int from = text.indexOf(begin);
        if (from < 0) {
            throw new AssertionError(source + " has no region '" + name + "'");
        }
        from += begin.length();
        int to = text.lastIndexOf('\n', text.indexOf("// " + name + ":end", from)) + 1;
        return text.substring(from, to).stripTrailing().stripIndent().strip();
    }
}
