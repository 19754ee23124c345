package dev.oms.spi.event;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.order.OrderEdit;
import java.util.List;
import javax.money.MonetaryAmount;

/**
 * An edit was committed: its changes, applied in order, and the grand total before and after.
 *
 * @param metadata id, order, version, time and causing command
 * @param edits the changes, in order
 * @param grandTotalBefore the grand total before the edit
 * @param grandTotalAfter the grand total after it (the difference is to charge or refund)
 */
public record OrderEdited(EventMetadata metadata, List<OrderEdit> edits, MonetaryAmount grandTotalBefore,
        MonetaryAmount grandTotalAfter) implements OrderEvent {
    /** @throws InvalidInputException if a field is null */
    public OrderEdited {
        InvalidInputException.requireNonNull(metadata, "OrderEdited.metadata");
        edits = List.copyOf(InvalidInputException.requireNonNull(edits, "OrderEdited.edits"));
        InvalidInputException.requireNonNull(grandTotalBefore, "OrderEdited.grandTotalBefore");
        InvalidInputException.requireNonNull(grandTotalAfter, "OrderEdited.grandTotalAfter");
    }
}
