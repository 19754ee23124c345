/**
 * The order's events: the sealed {@link dev.oms.spi.event.OrderEvent} family, one record per
 * kind of change (placed, held, cancelled, edited, paid, allocated, shipped, delivered, returned,
 * completed, archived, personal data erased), each with its {@link dev.oms.spi.event.OrderEvent.EventMetadata}.
 * The event log and the outbox hold them; subscribers receive them.
 */
package dev.oms.spi.event;

import dev.oms.spi.event.OrderEvent.EventMetadata;
