/**
 * Test doubles of the payment gateway ({@link dev.oms.fakes.FakePaymentGateway}), fraud screen
 * ({@link dev.oms.fakes.FakeFraudScreen}), carrier ({@link dev.oms.fakes.FakeCarrier}) and
 * store-credit gateway ({@link dev.oms.fakes.FakeStoreCredit}), and a
 * {@link dev.oms.fakes.ManualClock}: in memory, thread-safe, deterministic, for tests and examples.
 */
package dev.oms.fakes;
