/** Runnable host applications that embed oms through its public API only. */
module dev.oms.examples {
    requires dev.oms.core;
    requires java.logging;
}
