package dev.oms.spi.process;

/** The operations of the order flow that run as durable processes. */
public enum ProcessKind {
    /** Accept an order: fraud screen, authorise, confirm, route, reserve, fulfilment orders, backorders. */
    ACCEPT,
    /** Cancel an order, a line or some units. */
    CANCEL,
    /** Commit a previewed edit. */
    EDIT,
    /** Place or release a hold on an order and its open fulfilment orders. */
    HOLD,
    /** Ship a parcel: label, stock committed, the order's shipment, the capture. */
    SHIP,
    /** Apply a carrier's update: delivery, completion. */
    TRACK,
    /** Make a pickup order ready and wait for the customer. */
    PICKUP,
    /** Receive stock and route the orders waiting for it. */
    RECEIVE,
    /** A step of a return, exchange or claim with its effects on orders, stock and payments. */
    RETURN,
    /**
     * The money decisions of one order (captures, refunds, voids), in the order they were made:
     * not a process of its own but the one record every process of the order serialises its
     * money through. It waits for its order to end.
     */
    PAYMENTS
}
