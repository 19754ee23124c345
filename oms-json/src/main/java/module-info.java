/**
 * JSON for oms: a Jackson module for the SPI's records and every domain event, the channel order
 * import, event delivery for notifications, and the order history as a readable timeline.
 */
module dev.oms.json {
    requires transitive dev.oms.core;
    requires transitive com.fasterxml.jackson.databind;

    exports dev.oms.json;
}
