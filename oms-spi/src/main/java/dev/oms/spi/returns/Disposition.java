package dev.oms.spi.returns;

/**
 * What happens to inspected units. Each is recorded in the inventory movement ledger at the
 * location where the units are, with the return as the reference.
 */
public enum Disposition {
    /** Back into sellable stock: on hand goes up and backorders are filled. */
    RESTOCK,
    /** Into quality control for refurbishment: on the premises, not sellable. */
    REFURBISH,
    /** To be destroyed: counted as damaged, not sellable. */
    DISPOSE,
    /** To go back to the supplier: counted as damaged, not sellable. */
    RETURN_TO_VENDOR
}
