package dev.oms.fulfillment;

/** What kind of place a location is. */
public enum LocationType {
    /** A distribution centre. */
    WAREHOUSE,
    /** A shop, which may ship and offer pickup. */
    STORE,
    /** A supplier that ships on the merchant's behalf. */
    DROP_SHIP_SUPPLIER
}
