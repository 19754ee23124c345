package dev.oms.examples;

import static org.assertj.core.api.Assertions.assertThat;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleReference;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The module picture of the root README, read from the built modules' descriptors: which oms module
 * requires which, so a dependency that breaks the picture (an adapter needing the engines, the
 * codec needing the core) fails here.
 */
class ModuleDependenciesTest {
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("dev.oms.spi", Set.of()),
            Map.entry("dev.oms.core", Set.of("dev.oms.spi")),
            Map.entry("dev.oms.inventory", Set.of("dev.oms.core")),
            Map.entry("dev.oms.fulfillment", Set.of("dev.oms.inventory")),
            Map.entry("dev.oms.returns", Set.of("dev.oms.fulfillment")),
            Map.entry("dev.oms.flow", Set.of("dev.oms.returns")),
            Map.entry("dev.oms.testkit", Set.of("dev.oms.flow", "dev.oms.fakes")),
            Map.entry("dev.oms.fakes", Set.of("dev.oms.spi")),
            Map.entry("dev.oms.json", Set.of("dev.oms.spi")),
            Map.entry("dev.oms.channels", Set.of("dev.oms.core", "dev.oms.json")),
            Map.entry("dev.oms.jdbc", Set.of("dev.oms.spi", "dev.oms.json")));

    @Test
    void each_library_module_requires_exactly_the_oms_modules_the_picture_draws() {
        Map<String, ModuleReference> found = ApiListingTest.modules();
        assertThat(found.keySet()).containsAll(ALLOWED.keySet());
        for (Map.Entry<String, Set<String>> module : ALLOWED.entrySet()) {
            Set<String> requires = new TreeSet<>();
            for (ModuleDescriptor.Requires r : found.get(module.getKey()).descriptor().requires()) {
                if (r.name().startsWith("dev.oms.")) {
                    requires.add(r.name());
                }
            }
            assertThat(requires).as(module.getKey()).isEqualTo(new TreeSet<>(module.getValue()));
        }
    }
}
