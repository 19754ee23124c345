/**
 * The returns contract: return requests (RMAs), exchanges and claims as stored snapshots, their
 * events, the per-order refund account that keeps partial refunds exact, and the
 * {@link dev.oms.spi.returns.ReturnStore} a persistence adapter implements.
 */
package dev.oms.spi.returns;
