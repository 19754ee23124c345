package dev.oms.spi.inventory;

import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import java.util.List;
import java.util.Optional;

/**
 * The stock-position side of the inventory store: positions per SKU and location with their
 * settings, backorder allowances per SKU, and stock expected to arrive. Availability, routing's
 * stock view and set-up screens need only this part. Counts change only through
 * {@link InventoryStore#apply}, never here. Implementations are thread-safe.
 */
public interface StockPositions {
    /**
     * Creates a position with nothing on hand, or changes the settings of an existing one
     * (without a ledger movement: settings are not stock).
     *
     * @param key the position
     * @param settings safety stock and reorder settings
     * @return the position after the call
     */
    StockPosition definePosition(PositionKey key, PositionSettings settings);

    /**
     * @param key a position
     * @return the position, if defined
     */
    Optional<StockPosition> position(PositionKey key);

    /**
     * @param sku a SKU
     * @return its positions at every location where it is defined, in key order
     */
    List<StockPosition> positions(Sku sku);

    /**
     * Sets how many units of a SKU may be backordered (0 by default). Lowering it below what is
     * backordered does not cancel backorders; it only refuses new ones.
     *
     * @param sku the SKU
     * @param limit the most units waiting at once
     */
    void setBackorderLimit(Sku sku, Quantity limit);

    /**
     * @param sku a SKU
     * @return its backorder limit and backordered units (limit 0, none backordered, if never set)
     */
    BackorderAccount backorderAccount(Sku sku);

    /**
     * Records (or replaces, by reference) stock on its way.
     *
     * @param incoming the expected stock
     */
    void expectIncoming(IncomingStock incoming);

    /**
     * Forgets incoming stock, for example when it was received.
     *
     * @param reference the purchase order or transfer
     */
    void removeIncoming(Reference reference);

    /**
     * @param sku a SKU
     * @return stock on its way for it, earliest first
     */
    List<IncomingStock> incoming(Sku sku);
}
