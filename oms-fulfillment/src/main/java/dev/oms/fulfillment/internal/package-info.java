/**
 * The fulfilment engine's implementation, not exported: keyed steps, creation per planned location,
 * shipping, what steps change in the other modules, pick lists, and the router's split search.
 */
package dev.oms.fulfillment.internal;
