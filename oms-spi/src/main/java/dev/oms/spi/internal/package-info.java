/**
 * What oms' own modules share about the contract's records, exported only to them: the storage JSON
 * codec and its upcasters, record reflection, personal-data redaction and event-log rewrites.
 */
package dev.oms.spi.internal;
