/**
 * The inventory contract: stock positions per SKU and location, reservations and their lines,
 * backorders, incoming stock, the movement ledger and its checkpoints, inventory events, and the
 * {@link dev.oms.spi.inventory.InventoryStore} a persistence adapter implements, whose conditional
 * changes never let stock go below zero.
 */
package dev.oms.spi.inventory;
