/**
 * What oms' own modules share about the contract's records, exported only to them: record
 * reflection (for oms-json's codec), the totals of an inventory change (for both inventory stores),
 * personal-data redaction and event-log rewrites.
 */
package dev.oms.spi.internal;
