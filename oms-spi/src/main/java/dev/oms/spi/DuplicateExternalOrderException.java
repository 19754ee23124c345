package dev.oms.spi;

/**
 * A new order was saved with a (channel, external order id) that another order already has.
 * The store refuses it so that a channel order becomes exactly one oms order, even when two
 * imports of it race.
 */
public class DuplicateExternalOrderException extends OmsException {
    private static final long serialVersionUID = 1L;

    private final ChannelId channel;
    private final ExternalOrderId externalOrderId;
    private final OrderId existingOrderId;

    /**
     * @param channel the channel
     * @param externalOrderId the channel's order id
     * @param existingOrderId the order that already has it
     */
    public DuplicateExternalOrderException(ChannelId channel, ExternalOrderId externalOrderId,
            OrderId existingOrderId) {
        super("channel " + channel + " order " + externalOrderId + " already exists as order " + existingOrderId);
        this.channel = channel;
        this.externalOrderId = externalOrderId;
        this.existingOrderId = existingOrderId;
    }

    /** @return the channel */
    public ChannelId channel() {
        return channel;
    }

    /** @return the channel's order id */
    public ExternalOrderId externalOrderId() {
        return externalOrderId;
    }

    /** @return the order that already has this external id */
    public OrderId existingOrderId() {
        return existingOrderId;
    }
}
