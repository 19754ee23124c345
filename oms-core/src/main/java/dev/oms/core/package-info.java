/**
 * The order lifecycle: the pure {@link dev.oms.core.OrderDecider} and its
 * {@link dev.oms.core.TransitionTable}, the commands it decides, exact money
 * ({@link dev.oms.core.OrderTotals}, {@link dev.oms.core.MoneyAllocation},
 * {@link dev.oms.core.internal.shared.ShippedValue}), the {@link dev.oms.core.OrderService} that loads, decides,
 * saves and publishes, payments and fraud screening on top of it, event delivery to subscribers,
 * the order's readable timeline, and the embedded {@link dev.oms.core.InMemoryOrderStore}.
 */
package dev.oms.core;

import dev.oms.core.internal.shared.ShippedValue;
