/** Runnable host applications that embed oms through its public API only. */
module dev.oms.examples {
    requires transitive dev.oms.core;
    requires transitive dev.oms.fulfillment;
    requires transitive dev.oms.json;
    requires java.logging;

    exports dev.oms.examples.notifications;
    exports dev.oms.examples.channels;
}
