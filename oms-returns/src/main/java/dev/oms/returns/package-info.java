/**
 * Returns, exchanges and claims: the {@link dev.oms.returns.ReturnService} (request under a
 * {@link dev.oms.returns.ReturnPolicy}, approve, receive, inspect and restock, refund, exchange,
 * claim), the exact {@link dev.oms.returns.RefundCalculator}, restocking fees and return reasons,
 * and the embedded {@link dev.oms.returns.InMemoryReturnStore}.
 */
package dev.oms.returns;
