/**
 * The order flow's implementation, not exported: durable processes (their start, run, wake and
 * resume), the script of each host operation, and erasure.
 */
package dev.oms.flow.internal;
