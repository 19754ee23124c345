/**
 * The conformance kit for persistence adapters: one abstract test class per store contract
 * (orders, inventory, fulfilment, returns, processes) that an adapter's test extends with its own
 * store; each test is named after the rule it checks and says what to fix.
 */
package dev.oms.testkit.contract;
