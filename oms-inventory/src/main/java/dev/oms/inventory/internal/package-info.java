/**
 * The reservation engine's roles behind {@link dev.oms.inventory.InventoryService}: making
 * reservations, changing them, stock movements, backorders and the ledger read back, on one
 * {@link dev.oms.inventory.internal.Stock}; and the two halves of the in-memory store's data
 * ({@link dev.oms.inventory.internal.MemoryPositions},
 * {@link dev.oms.inventory.internal.MemoryReservations}). Not exported.
 */
package dev.oms.inventory.internal;
