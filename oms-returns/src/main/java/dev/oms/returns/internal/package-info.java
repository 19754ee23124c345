/**
 * The returns engine's implementation, not exported: intake through the policy, settlement of
 * refunds (the pure, exact {@code RefundCalculator}), exchanges and claims, and keyed steps.
 */
package dev.oms.returns.internal;
