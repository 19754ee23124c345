package dev.oms.spi;

import java.util.List;

/**
 * A channel order was placed again with other content than the first time (other lines, prices,
 * address, tags, ...): refused, because one channel order is exactly one oms order and a repeat
 * with the same content is what replays. The order as first placed is unchanged.
 */
public class PlacementConflictException extends OmsException {
    private static final long serialVersionUID = 1L;

    private final ChannelId channel;
    private final ExternalOrderId externalOrderId;
    private final OrderId existingOrderId;
    private final List<String> differences;

    /**
     * @param channel the channel
     * @param externalOrderId the channel's order id
     * @param existingOrderId the order it was first placed as
     * @param differences what differs, each named (for example {@code "line 2: quantity"})
     */
    public PlacementConflictException(ChannelId channel, ExternalOrderId externalOrderId, OrderId existingOrderId,
            List<String> differences) {
        super("channel " + channel + " order " + externalOrderId + " was placed as order " + existingOrderId
                + " with other content; differs in " + String.join(", ", differences));
        this.channel = channel;
        this.externalOrderId = externalOrderId;
        this.existingOrderId = existingOrderId;
        this.differences = List.copyOf(differences);
    }

    /** @return the channel */
    public ChannelId channel() {
        return channel;
    }

    /** @return the channel's order id */
    public ExternalOrderId externalOrderId() {
        return externalOrderId;
    }

    /** @return the order it was first placed as */
    public OrderId existingOrderId() {
        return existingOrderId;
    }

    /** @return what differs from the first placement, each named */
    public List<String> differences() {
        return differences;
    }
}
