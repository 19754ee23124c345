/**
 * Channel order import: one documented JSON format for web, app, point-of-sale and marketplace
 * orders, validated as a whole before an order is placed through oms-core's {@code OrderService}.
 */
module dev.oms.channels {
    requires transitive dev.oms.core;
    requires transitive dev.oms.json;

    exports dev.oms.channels;
}
