/**
 * The embedded process store, {@link dev.oms.flow.memory.InMemoryProcessStore}: a
 * {@link dev.oms.spi.process.ProcessStore} in memory, thread-safe and held to the same contract as
 * the PostgreSQL adapter. Nothing survives the JVM.
 */
package dev.oms.flow.memory;
