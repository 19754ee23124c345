package dev.oms.channels;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Number bombs cost nothing: a JVM with a 32 MB heap takes every bomb through the Java API, the
 * channel import and stored JSON and answers each with a typed error (before, {@code 1E+999999999}
 * ran out of memory in the command's fingerprint).
 */
class SmallHeapBombTest {
    @Test
    void every_bomb_is_refused_typed_in_a_jvm_with_a_32_mb_heap() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                BombsUnderSmallHeap.class.getName()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        List<String> lines = output.lines().filter(l -> l.contains(": ") && !l.startsWith("INFO")).toList();
        assertThat(lines).as(output).filteredOn(l -> l.contains(": typed "))
                .hasSize(3 * BombsUnderSmallHeap.BOMBS.size() + BombsUnderSmallHeap.MONEY_BOMBS.size());
        assertThat(output).doesNotContain("ACCEPTED").doesNotContain("UNTYPED").contains("stored: nothing");
        assertThat(exit).as(output).isZero();
    }
}
