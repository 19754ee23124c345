/**
 * The order's life across every module as one entry point: {@link dev.oms.flow.OrderFlow} runs
 * each operation (accept, hold, cancel, edit, ship, track, pickup, returns, personal data
 * erasure) as a durable process kept in a {@link dev.oms.spi.process.ProcessStore}, with the
 * host's timers ({@link dev.oms.flow.FlowPolicy}), the stores it runs on
 * ({@link dev.oms.flow.FlowStores}) and retention ({@link dev.oms.flow.Retention}).
 */
package dev.oms.flow;
