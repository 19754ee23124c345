package dev.oms.spi.inventory;

import dev.oms.spi.OmsException;
import dev.oms.spi.inventory.InventoryStore.ApplyResult;
import dev.oms.spi.inventory.InventoryStore.ApplyResult.Shortfall;
import java.util.List;

/**
 * An operation that needs stock the positions do not have, where a shortfall is an error rather
 * than an outcome: moving a reservation to a location without stock, damaging or committing more
 * than is on hand. Lists every shortfall; nothing changed.
 */
public class InsufficientStockException extends OmsException {
    private static final long serialVersionUID = 1L;

    private final transient List<Shortfall> shortfalls;

    /**
     * @param operation what was attempted
     * @param shortfalls what was missing where
     */
    public InsufficientStockException(String operation, List<Shortfall> shortfalls) {
        super(operation + " refused, not enough stock: " + shortfalls.stream()
                .map(s -> s.sku() + s.location().map(l -> "@" + l).orElse(" backorder allowance") + " needs "
                        + s.requested() + ", has " + s.available())
                .toList());
        this.shortfalls = List.copyOf(shortfalls);
    }

    /** @return what was missing where */
    public List<Shortfall> shortfalls() {
        return shortfalls;
    }
}
