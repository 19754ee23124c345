package dev.oms.spi.returns;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.OrderId;
import dev.oms.spi.order.NewLine;
import java.util.List;
import java.util.Optional;

/**
 * The new order an exchange or a replacement claim sends.
 *
 * @param lines what the customer gets instead, with its prices (zero for a free replacement)
 * @param shipFirst whether the replacement ships before the returned units arrive (the customer
 *     pays the replacement in full at once and is refunded when the return is inspected)
 * @param orderId the replacement order, once placed
 */
public record Replacement(List<NewLine> lines, boolean shipFirst, Optional<OrderId> orderId) {
    /** @throws InvalidInputException if a field is null or the lines empty */
    public Replacement {
        lines = List.copyOf(InvalidInputException.requireNonNull(lines, "Replacement.lines"));
        if (lines.isEmpty()) {
            throw new InvalidInputException("Replacement.lines", "a replacement has at least one line");
        }
        InvalidInputException.requireNonNull(orderId, "Replacement.orderId");
    }

    /** @return this replacement, placed as {@code id} */
    public Replacement placedAs(OrderId id) {
        return new Replacement(lines, shipFirst, Optional.of(id));
    }
}
