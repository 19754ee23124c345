package dev.oms.examples.shopday;

/**
 * What happens to an order during the day besides the usual way (place, pay, route, pick, pack,
 * ship, deliver, complete). Every story occurs at least once in every run; the rest are drawn by
 * weight.
 */
enum Story {
    /** Delivered by standard parcel. */
    STANDARD(58, "standard delivery"),
    /** Delivered by express parcel, with a shorter ship-by promise. */
    EXPRESS(10, "express delivery"),
    /** Collected at a store. */
    PICKUP(8, "pickup in store"),
    /** A mug (Berlin only) and a hoodie (Utrecht only): the order must split. */
    SPLIT(2, "split over two warehouses"),
    /** Includes the launch sneaker, whose stock arrives at 14:00: early orders wait as backorders. */
    LAUNCH(3, "launch sneaker (backorder until the delivery)"),
    /** The card is declined; the customer enters another card three hours later. */
    DECLINED_THEN_PAID(1, "card declined, paid later"),
    /** The card is declined and never fixed; the order is cancelled after a day. */
    DECLINED_CANCELLED(1, "card declined, cancelled"),
    /** The fraud screen asks for a review; an agent approves it two hours later. */
    FRAUD_REVIEW(1, "fraud review, approved"),
    /** The fraud screen rejects the order, which is cancelled. */
    FRAUD_REJECT(1, "fraud rejected"),
    /** The customer cancels 15 minutes after ordering (too late if it has shipped). */
    CUSTOMER_CANCELS(2, "cancelled by the customer"),
    /** The customer cancels one unit of a line 15 minutes after ordering. */
    CANCELS_ONE_UNIT(1, "one unit cancelled"),
    /** The customer adds a cap before the order is confirmed; the difference is authorised. */
    EDIT(2, "edited before fulfilment"),
    /** A pickup order nobody collects: the store gives up after three days. */
    PICKUP_NOT_COLLECTED(1, "pickup not collected"),
    /** Returned after delivery because it does not fit; restocked in Berlin, refunded. */
    RETURN_RESTOCK(5, "returned and restocked"),
    /** Returned damaged after delivery; disposed of, refunded. */
    RETURN_DISPOSE(1, "returned damaged, disposed of"),
    /** A tee in M exchanged for L after delivery; the replacement ships when the return arrives. */
    EXCHANGE(1, "exchanged for another size"),
    /** The carrier loses the parcel; customer service opens a claim and refunds it. */
    LOST_PARCEL(1, "parcel lost, claim refunded");

    final int weight;
    final String description;

    Story(int weight, String description) {
        this.weight = weight;
        this.description = description;
    }

    boolean pickup() {
        return this == PICKUP || this == PICKUP_NOT_COLLECTED;
    }
}
