/**
 * The order as stored: the {@link dev.oms.spi.order.Order} snapshot with its header, lines and
 * their quantity buckets, discounts, shipping charges, holds and payment ledger, the edits an order
 * takes, and the statuses derived from it. Immutable records; the lifecycle rules are oms-core's.
 */
package dev.oms.spi.order;
