package dev.oms.examples;

import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.docs.ReadmeSnippets;
import dev.oms.fulfillment.RoutingPlan;
import dev.oms.spi.Amounts;
import dev.oms.spi.LocationId;
import dev.oms.spi.returns.RefundBreakdown;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The focused examples do what their Javadoc says, and the examples README shows them as they are. */
class FocusedExamplesTest {
    private static String printed(java.util.function.Consumer<PrintStream> example) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        example.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void the_routing_rule_keeps_the_tent_out_of_the_store_and_the_cheapest_warehouse_ships_it() {
        RoutingPlan[] plan = new RoutingPlan[1];
        String out = printed(o -> plan[0] = RoutingRuleExample.run(o));
        assertThat(plan[0].shipments()).singleElement()
                .satisfies(s -> assertThat(s.location()).isEqualTo(LocationId.of("wh-leipzig")));
        assertThat(plan[0].explanation()).contains(new RoutingPlan.Excluded(LocationId.of("store-potsdam"),
                "bulky-not-from-stores", "stores cannot pack bulky items"));
        assertThat(out).contains("ship 1 from wh-leipzig");
    }

    @Test
    void the_return_policy_lists_every_violation_and_charges_its_fees() {
        RefundBreakdown[] refund = new RefundBreakdown[1];
        String out = printed(o -> refund[0] = ReturnPolicyExample.run(o));
        assertThat(out).contains("[return-window]").contains("[final-sale]");
        assertThat(refund[0].total()).isEqualTo(Amounts.of("130.15", "EUR"));
        assertThat(refund[0].lines().get(0).restockingFee()).isEqualTo(Amounts.of("14.90", "EUR"));
    }

    @Test
    void the_examples_readme_shows_the_code_as_it_is() {
        String readme = ReadmeSnippets.readme();
        String main = "src/main/java/dev/oms/examples/";
        assertThat(ReadmeSnippets.codeBlockAfter(readme, "<!-- routing-rule (from RoutingRuleExample) -->"))
                .isEqualTo(ReadmeSnippets.region(Path.of(main + "RoutingRuleExample.java"), "routing-rule"));
        assertThat(ReadmeSnippets.codeBlockAfter(readme, "<!-- return-policy (from ReturnPolicyExample) -->"))
                .isEqualTo(ReadmeSnippets.region(Path.of(main + "ReturnPolicyExample.java"), "return-policy"));
        assertThat(ReadmeSnippets.codeBlockAfter(readme, "<!-- adapter-test (from JournalOrderStoreConformanceTest) -->"))
                .isEqualTo(ReadmeSnippets.region(Path.of(
                        "src/test/java/dev/oms/examples/adapter/JournalOrderStoreConformanceTest.java"), "adapter-test"));
        assertThat(ReadmeSnippets.codeBlockAfter(readme, "<!-- property-test (from HostLifecycleProperties) -->"))
                .isEqualTo(ReadmeSnippets.region(Path.of("src/test/java/dev/oms/examples/HostLifecycleProperties.java"),
                        "property-test"));
    }
}
