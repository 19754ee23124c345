/**
 * What the host implements for money and risk: the payment provider
 * ({@link dev.oms.spi.payment.PaymentGateway}, idempotent by the request's key), store credit
 * ({@link dev.oms.spi.payment.StoreCreditGateway}) and the fraud screen
 * ({@link dev.oms.spi.payment.FraudScreen}), with their requests, results and verdicts.
 */
package dev.oms.spi.payment;
