/**
 * Routing and fulfilment: locations, the {@link dev.oms.fulfillment.Router} with its rules,
 * rankings and split policies and the plan it explains, the
 * {@link dev.oms.fulfillment.FulfillmentService} (fulfilment orders per location, picking,
 * packing, shipping with capture per parcel, tracking, pickup in store, holds and cancellation),
 * pick lists and the queue, and the embedded {@link dev.oms.fulfillment.memory.InMemoryFulfillmentStore}.
 */
package dev.oms.fulfillment;
