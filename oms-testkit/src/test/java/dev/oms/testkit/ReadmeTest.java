package dev.oms.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.docs.ReadmeSnippets;
import dev.oms.testkit.contract.FulfillmentStoreContract;
import dev.oms.testkit.contract.InventoryStoreContract;
import dev.oms.testkit.contract.OrderStoreContract;
import dev.oms.testkit.contract.ProcessStoreContract;
import dev.oms.testkit.contract.ReturnStoreContract;
import java.lang.reflect.Method;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's examples are the code, and it lists every rule of every contract. */
class ReadmeTest {
    @Test
    void the_examples_are_the_code() {
        String readme = ReadmeSnippets.readme();
        assertThat(ReadmeSnippets.codeBlockAfter(readme, "<!-- adapter-example (from InMemoryOrderStoreConformanceTest) -->"))
                .isEqualTo(ReadmeSnippets.region(Path.of(
                        "src/test/java/dev/oms/testkit/contract/InMemoryOrderStoreConformanceTest.java"), "adapter-example"));
        assertThat(ReadmeSnippets.codeBlockAfter(readme, "<!-- property-example (from LifecyclesProperties) -->"))
                .isEqualTo(ReadmeSnippets.region(Path.of("src/test/java/dev/oms/testkit/LifecyclesProperties.java"),
                        "property-example"));
    }

    @Test
    void every_rule_of_every_contract_is_listed() {
        String readme = ReadmeSnippets.readme();
        for (Class<?> contract : new Class<?>[] {OrderStoreContract.class, InventoryStoreContract.class,
                FulfillmentStoreContract.class, ReturnStoreContract.class, ProcessStoreContract.class,
                dev.oms.testkit.contract.DraftStoreContract.class}) {
            for (Method m : contract.getDeclaredMethods()) {
                if (m.getName().startsWith("required_")) {
                    assertThat(readme).as(contract.getSimpleName()).contains("`" + m.getName() + "`");
                }
            }
        }
    }
}
