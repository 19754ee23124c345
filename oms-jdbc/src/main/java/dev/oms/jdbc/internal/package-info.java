/**
 * The PostgreSQL stores' implementation, not exported: one store per SPI, the inventory change's
 * transaction, the outbox, command keys, event rewrites and plain JDBC helpers.
 */
package dev.oms.jdbc.internal;
