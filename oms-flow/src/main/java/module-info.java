/**
 * The order flow: the order's life across the order, inventory, fulfilment and returns modules as
 * one entry point for hosts. Each operation runs as a durable process that records how far it got
 * and is finished, or compensated, by a resume after any crash. No thread of its own.
 */
module dev.oms.flow {
    requires transitive dev.oms.returns;
    requires org.slf4j;

    exports dev.oms.flow;
    exports dev.oms.flow.memory;
}
