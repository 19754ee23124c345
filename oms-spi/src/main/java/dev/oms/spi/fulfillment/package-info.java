/**
 * The fulfilment contract: fulfilment orders per location and their shipments, their events,
 * tracking updates, the {@link dev.oms.spi.fulfillment.FulfillmentStore} a persistence adapter
 * implements, and the {@link dev.oms.spi.fulfillment.CarrierGateway} the host implements for rates
 * and labels.
 */
package dev.oms.spi.fulfillment;
