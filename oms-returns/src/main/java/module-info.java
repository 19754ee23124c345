/**
 * Returns, exchanges and claims: the return request (RMA) lifecycle, the host's return policy,
 * inspection and disposition through the inventory engine, exact refunds line by line, exchanges
 * with a replacement order, and claims without a return.
 */
module dev.oms.returns {
    requires transitive dev.oms.fulfillment;
    requires org.slf4j;

    exports dev.oms.returns;
    exports dev.oms.returns.memory;
}
