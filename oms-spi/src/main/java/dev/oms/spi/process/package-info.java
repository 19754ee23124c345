/**
 * The order flow's durable processes: a {@link dev.oms.spi.process.ProcessRecord} per operation
 * (its input, the steps it recorded, what it waits for) and the
 * {@link dev.oms.spi.process.ProcessStore} that keeps them, so a resume after a crash finishes or
 * compensates what a process started.
 */
package dev.oms.spi.process;
