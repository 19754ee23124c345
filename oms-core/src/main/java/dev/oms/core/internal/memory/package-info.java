/**
 * What every in-memory store shares, exported only to oms' own modules: the event logs with their
 * in-place rewrites, the outbox, the command keys and the retention horizon.
 */
package dev.oms.core.internal.memory;
