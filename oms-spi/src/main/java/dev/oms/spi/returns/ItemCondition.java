package dev.oms.spi.returns;

/** The state a returned unit arrived in, as the inspector found it. */
public enum ItemCondition {
    /** Unopened, resellable as new. */
    AS_NEW,
    /** Opened but unused. */
    OPENED,
    /** Used. */
    USED,
    /** Physically damaged. */
    DAMAGED,
    /** Does not work as it should. */
    DEFECTIVE
}
