/**
 * Test doubles of the SPIs a host implements, for tests and examples: a payment gateway, a fraud
 * screen, a carrier and a store-credit gateway that behave like simple real ones and can be told
 * to fail, and a clock that moves only when told. Not for production: a host ships its own
 * implementations. oms-testkit requires this module transitively.
 */
module dev.oms.fakes {
    requires transitive dev.oms.spi;

    exports dev.oms.fakes;
}
