package dev.oms.benchmarks.jdbc;

import dev.oms.benchmarks.flow.AcceptWorld;
import dev.oms.flow.FlowResult;
import dev.oms.flow.FlowStores;
import dev.oms.flow.OrderFlow;
import dev.oms.jdbc.PostgresStores;
import dev.oms.jdbc.testing.LocalPostgres;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The flow's accept path on PostgreSQL: {@code OrderFlow.accept} of a new three-line order (its
 * process record, the fraud screen, the authorisation with the fake gateway, confirm, routing over
 * three warehouses, the reservation, the fulfilment order), every store oms-jdbc's on an embedded
 * PostgreSQL 14 (a database of its own per trial, a pool of 8 connections), keyed, on 1 and 8
 * threads. The same world and orders as {@code FlowAcceptBenchmark} in memory.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JdbcFlowAcceptBenchmark {
    private final AtomicLong next = new AtomicLong();
    private OrderFlow flow;

    /** A database of its own with the three warehouses stocked for every order of the trial. */
    @Setup(Level.Trial)
    public void database() {
        PostgresStores pg = PostgresStores.on(LocalPostgres.newDatabase(8));
        flow = AcceptWorld.flow(FlowStores.of(pg.orders(), pg.inventory(), pg.fulfillment(), pg.returns(),
                pg.processes()), 100_000_000);
    }

    /** @return the accepted order with its fulfilment order */
    @Benchmark
    @Threads(1)
    public FlowResult accept1Thread() {
        return AcceptWorld.accept(flow, next.incrementAndGet());
    }

    /** @return the accepted order with its fulfilment order */
    @Benchmark
    @Threads(8)
    public FlowResult accept8Threads() {
        return AcceptWorld.accept(flow, next.incrementAndGet());
    }
}
