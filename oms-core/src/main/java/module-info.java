/**
 * The order lifecycle: the pure decider and its transition table, money arithmetic, the
 * {@code OrderService} that loads, decides, saves and publishes, and the in-memory store.
 */
module dev.oms.core {
    requires transitive dev.oms.spi;
    requires org.slf4j;

    exports dev.oms.core;
    exports dev.oms.core.fakes;
}
