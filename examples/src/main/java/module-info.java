/** Runnable host applications that embed oms through its public API only. */
// dev.oms.jdbc.testing is oms-jdbc's test jar (an embedded PostgreSQL for store=postgres), an automatic module.
@SuppressWarnings("requires-automatic")
module dev.oms.examples {
    requires transitive dev.oms.core;
    requires transitive dev.oms.fakes;
    requires transitive dev.oms.fulfillment;
    requires transitive dev.oms.json;
    requires transitive dev.oms.channels;
    requires dev.oms.flow;
    requires dev.oms.returns;
    requires dev.oms.jdbc;
    requires dev.oms.jdbc.testing;
    requires java.logging;

    exports dev.oms.examples.notifications;
    exports dev.oms.examples.channels;
    exports dev.oms.examples.adapter;
}
