package dev.oms.spi.order;

import dev.oms.spi.Address;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LocationId;
import java.time.Instant;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import javax.money.CurrencyUnit;

/**
 * Who ordered what way, through which channel: the parts of an order that do not change with its
 * lifecycle (except the shipping address, by an edit).
 *
 * @param channel the sales channel
 * @param externalOrderId the order's id in that channel
 * @param customer the host's customer reference
 * @param billingAddress the billing address
 * @param shippingAddress where to deliver (for pickup orders, the customer's address of record)
 * @param serviceLevel how the customer receives the order
 * @param pickupLocation the store to collect from; present exactly when the service level is
 *     {@link ServiceLevel#PICKUP_IN_STORE}
 * @param currency the order's currency; every amount of the order is in it
 * @param placedAt when the customer placed the order in the channel
 * @param tags free labels (for example {@code "gift"}, {@code "vip"}); kept sorted
 */
public record OrderHeader(ChannelId channel, ExternalOrderId externalOrderId, CustomerRef customer,
        Address billingAddress, Address shippingAddress, ServiceLevel serviceLevel,
        Optional<LocationId> pickupLocation, CurrencyUnit currency, Instant placedAt, Set<String> tags) {
    /**
     * @throws InvalidInputException if a field is null, a tag is blank, or the pickup location
     *     does not match the service level
     */
    public OrderHeader {
        InvalidInputException.requireNonNull(channel, "OrderHeader.channel");
        InvalidInputException.requireNonNull(externalOrderId, "OrderHeader.externalOrderId");
        InvalidInputException.requireNonNull(customer, "OrderHeader.customer");
        InvalidInputException.requireNonNull(billingAddress, "OrderHeader.billingAddress");
        InvalidInputException.requireNonNull(shippingAddress, "OrderHeader.shippingAddress");
        InvalidInputException.requireNonNull(serviceLevel, "OrderHeader.serviceLevel");
        InvalidInputException.requireNonNull(pickupLocation, "OrderHeader.pickupLocation");
        if ((serviceLevel == ServiceLevel.PICKUP_IN_STORE) != pickupLocation.isPresent()) {
            throw new InvalidInputException("OrderHeader.pickupLocation",
                    "must be present exactly when the service level is PICKUP_IN_STORE");
        }
        InvalidInputException.requireNonNull(currency, "OrderHeader.currency");
        InvalidInputException.requireNonNull(placedAt, "OrderHeader.placedAt");
        InvalidInputException.requireNonNull(tags, "OrderHeader.tags");
        SortedSet<String> sorted = new TreeSet<>();
        for (String tag : tags) {
            sorted.add(InvalidInputException.requireCode(tag, "OrderHeader.tags"));
        }
        tags = Collections.unmodifiableSortedSet(sorted);
    }

    /**
     * @param address the new shipping address
     * @return this header with another shipping address
     */
    public OrderHeader withShippingAddress(Address address) {
        return new OrderHeader(channel, externalOrderId, customer, billingAddress, address, serviceLevel,
                pickupLocation, currency, placedAt, tags);
    }
}
