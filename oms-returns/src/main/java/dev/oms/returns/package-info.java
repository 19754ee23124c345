/**
 * Returns, exchanges and claims: the {@link dev.oms.returns.ReturnService} (request under a
 * {@link dev.oms.returns.ReturnPolicy}, approve, receive, inspect and restock, refund line by line
 * in exact minor units, exchange, claim), restocking fees and return reasons, and the embedded
 * {@link dev.oms.returns.memory.InMemoryReturnStore}.
 */
package dev.oms.returns;
