/**
 * Fulfilment: locations and the routing engine that decides which location fulfils which
 * quantity of each order line, with an explanation for every candidate.
 */
module dev.oms.fulfillment {
    requires transitive dev.oms.inventory;
    requires org.slf4j;

    exports dev.oms.fulfillment;
    exports dev.oms.fulfillment.memory;
}
