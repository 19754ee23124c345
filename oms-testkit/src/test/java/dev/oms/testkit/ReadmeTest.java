package dev.oms.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.testkit.contract.FulfillmentStoreContract;
import dev.oms.testkit.contract.InventoryStoreContract;
import dev.oms.testkit.contract.OrderStoreContract;
import dev.oms.testkit.contract.ReturnStoreContract;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's examples are the code, and it lists every rule of every contract. */
class ReadmeTest {
    private static String region(String file, String name) throws IOException {
        String source = Files.readString(Path.of(file));
        String begin = "// " + name + ":begin\n";
        String body = source.substring(source.indexOf(begin) + begin.length(), source.indexOf("// " + name + ":end"));
        return body.stripTrailing().stripIndent().strip();
    }

    private static String shown(String readme, String marker) {
        String from = readme.substring(readme.indexOf(marker) + marker.length());
        return from.substring(0, from.indexOf("```")).strip();
    }

    @Test
    void the_examples_are_the_code() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        assertThat(shown(readme, "<!-- adapter-example (from InMemoryOrderStoreConformanceTest) -->\n```java\n"))
                .isEqualTo(region("src/test/java/dev/oms/testkit/contract/InMemoryOrderStoreConformanceTest.java",
                        "adapter-example"));
        assertThat(shown(readme, "<!-- property-example (from LifecyclesProperties) -->\n```java\n"))
                .isEqualTo(region("src/test/java/dev/oms/testkit/LifecyclesProperties.java", "property-example"));
    }

    @Test
    void every_rule_of_every_contract_is_listed() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        for (Class<?> contract : new Class<?>[] {OrderStoreContract.class, InventoryStoreContract.class,
                FulfillmentStoreContract.class, ReturnStoreContract.class}) {
            for (Method m : contract.getDeclaredMethods()) {
                if (m.getName().startsWith("required_")) {
                    assertThat(readme).as(contract.getSimpleName()).contains("`" + m.getName() + "`");
                }
            }
        }
    }
}
