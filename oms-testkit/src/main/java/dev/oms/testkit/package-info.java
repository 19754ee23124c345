/**
 * Property-based lifecycle checks for hosts: generators of orders and catalogues
 * ({@link dev.oms.testkit.OmsArbitraries}), lifecycle chains over a flow
 * ({@link dev.oms.testkit.Lifecycles}, {@link dev.oms.testkit.LifecycleWorld}), the invariants
 * every state keeps ({@link dev.oms.testkit.Invariants}, {@link dev.oms.testkit.FlowInvariants})
 * and crash and outage injection ({@link dev.oms.testkit.Faults}).
 */
package dev.oms.testkit;
