/**
 * The embedded inventory store, {@link dev.oms.inventory.memory.InMemoryInventoryStore}: an
 * {@link dev.oms.spi.inventory.InventoryStore} in memory, linearizable and deadlock-free (every
 * change takes its locks in one global order; Lincheck checks it). Nothing survives the JVM.
 */
package dev.oms.inventory.memory;
