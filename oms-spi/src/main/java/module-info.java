/**
 * The oms contract: value types that cross a boundary (ids, quantities, addresses, the order
 * snapshot, domain events) and the interfaces a host implements (stores, payment, fraud screen,
 * ids). Depends only on the JSR-354 money API.
 */
@SuppressWarnings("module") // the qualified export names oms modules built after this one
module dev.oms.spi {
    requires transitive java.money;

    exports dev.oms.spi;
    exports dev.oms.spi.order;
    exports dev.oms.spi.event;
    exports dev.oms.spi.store;
    exports dev.oms.spi.payment;
    exports dev.oms.spi.inventory;
    exports dev.oms.spi.fulfillment;
    exports dev.oms.spi.returns;
    exports dev.oms.spi.process;
    exports dev.oms.spi.internal to dev.oms.core, dev.oms.inventory, dev.oms.fulfillment, dev.oms.returns, dev.oms.flow,
            dev.oms.jdbc, dev.oms.json;
}
