/**
 * The order lifecycle: the pure {@link dev.oms.core.OrderDecider} and its
 * {@link dev.oms.core.TransitionTable}, the commands it decides, exact money
 * ({@link dev.oms.core.OrderTotals}, {@link dev.oms.core.MoneyAllocation}), the
 * {@link dev.oms.core.OrderService} that loads, decides, saves and publishes, payments and fraud
 * screening on top of it, event delivery to subscribers and the order's readable timeline. The
 * embedded store is {@link dev.oms.core.memory.InMemoryOrderStore}.
 */
package dev.oms.core;
