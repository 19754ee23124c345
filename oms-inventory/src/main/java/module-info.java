/**
 * Stock positions per SKU and location, the reservation engine that never oversells, the
 * movement ledger and its reconciliation, cached availability, replenishment signals and
 * backorders.
 */
module dev.oms.inventory {
    requires transitive dev.oms.core;
    requires com.github.benmanes.caffeine;
    requires org.slf4j;

    exports dev.oms.inventory;
    exports dev.oms.inventory.memory;
}
