/**
 * What oms' engines share and hosts do not call: the fingerprint of a keyed command, the Mermaid
 * rendering of a transition table and the value of shipped units. Exported only to oms' own
 * modules; it may change in any release.
 */
package dev.oms.core.internal.shared;
