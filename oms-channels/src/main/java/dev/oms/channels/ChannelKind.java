package dev.oms.channels;

/**
 * Where an imported order comes from; decides a few rules of the import format.
 */
public enum ChannelKind {
    /** The web shop: a shipping address is required. */
    WEB,
    /** The mobile app: a shipping address is required. */
    APP,
    /** A till in a store: {@code store} is required; the order is collected there (pickup in store). */
    POINT_OF_SALE,
    /** A marketplace: {@code marketplace} (its name) is required, and becomes the tag {@code marketplace:<name>}. */
    MARKETPLACE
}
