/**
 * The order engine's implementation, not exported: the decider's two halves (Decisions, what
 * events each command makes; Evolution, one event applied to an order), edits and placements.
 */
package dev.oms.core.internal;
