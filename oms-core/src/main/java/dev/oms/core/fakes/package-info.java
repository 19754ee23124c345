/**
 * Deterministic stand-ins for tests and examples: a payment provider and a fraud screen that
 * answer as told ({@link dev.oms.core.fakes.FakePaymentGateway},
 * {@link dev.oms.core.fakes.FakeFraudScreen}) and a clock moved by hand
 * ({@link dev.oms.core.fakes.ManualClock}). Not for production.
 */
package dev.oms.core.fakes;
