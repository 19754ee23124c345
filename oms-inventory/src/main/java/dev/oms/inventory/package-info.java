/**
 * Stock and reservations: the {@link dev.oms.inventory.InventoryService} (receive, adjust, move,
 * reserve all-or-nothing, partly or with backorders, commit, release, expire, reconcile), cached
 * availability, {@link dev.oms.inventory.OrderReservations} which ties reservations to the order's
 * lifecycle, and the embedded {@link dev.oms.inventory.memory.InMemoryInventoryStore}.
 */
package dev.oms.inventory;
