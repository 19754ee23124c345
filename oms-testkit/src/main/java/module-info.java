/**
 * The oms test kit: jqwik generators for ids, money, catalogues, stock, orders and whole
 * lifecycles; the lifecycle invariants as reusable checks; and the conformance kit (TCK) a
 * persistence adapter runs by extending one contract per store SPI. Add it at test scope.
 */
module dev.oms.testkit {
    requires transitive dev.oms.flow;
    requires transitive dev.oms.fakes;
    requires transitive org.junit.jupiter.api;
    requires transitive net.jqwik.api;
    requires transitive org.assertj.core;

    exports dev.oms.testkit;
    exports dev.oms.testkit.contract;
    opens dev.oms.testkit;
    opens dev.oms.testkit.contract;
}
