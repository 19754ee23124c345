package dev.oms.spi.event;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.order.Discount;
import dev.oms.spi.order.NewLine;
import dev.oms.spi.order.OrderHeader;
import dev.oms.spi.order.ShippingCharge;
import java.util.List;

/**
 * An order was placed: the first event of every order, holding everything it was placed with.
 *
 * @param metadata id, order, version, time and causing command
 * @param header channel, customer, addresses, service level, currency
 * @param lines the lines as placed
 * @param discounts order-level discounts
 * @param shippingCharges delivery charges
 */
public record OrderPlaced(EventMetadata metadata, OrderHeader header, List<NewLine> lines, List<Discount> discounts,
        List<ShippingCharge> shippingCharges) implements OrderEvent {
    /** @throws InvalidInputException if a field is null */
    public OrderPlaced {
        InvalidInputException.requireNonNull(metadata, "OrderPlaced.metadata");
        InvalidInputException.requireNonNull(header, "OrderPlaced.header");
        lines = List.copyOf(InvalidInputException.requireNonNull(lines, "OrderPlaced.lines"));
        discounts = List.copyOf(InvalidInputException.requireNonNull(discounts, "OrderPlaced.discounts"));
        shippingCharges = List.copyOf(
                InvalidInputException.requireNonNull(shippingCharges, "OrderPlaced.shippingCharges"));
    }
}
