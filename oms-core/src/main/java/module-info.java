/**
 * The order lifecycle: the pure decider and its transition table, money arithmetic, the
 * {@code OrderService} that loads, decides, saves and publishes, and the in-memory store.
 */
// The qualified export names modules built after this one; javac cannot see them here.
@SuppressWarnings("module")
module dev.oms.core {
    requires transitive dev.oms.spi;
    requires org.slf4j;

    exports dev.oms.core;
    exports dev.oms.core.memory;
    // the in-memory stores' shared outbox, for oms' own modules only
    exports dev.oms.core.internal.memory to dev.oms.inventory, dev.oms.fulfillment, dev.oms.returns;
    // what every engine shares (fingerprints of keyed commands, diagrams, shipped value), for oms only
    exports dev.oms.core.internal.shared to dev.oms.inventory, dev.oms.fulfillment, dev.oms.returns, dev.oms.flow,
            dev.oms.testkit;
}
