package dev.oms.spi;

import dev.oms.spi.ReservationId;
import dev.oms.spi.inventory.PositionKey;
import java.util.List;

/**
 * The root of every exception oms throws on purpose.
 *
 * <p>Unchecked, like {@code javax.money.MonetaryException}. Each subclass carries typed fields
 * that name what was wrong (the order, the line, the SKU, the state, the rule), so a host can
 * react to the cause without parsing messages. An operation that throws an {@code OmsException}
 * has changed nothing: no state was saved and no event was written.
 */
public abstract class OmsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what was wrong, naming the order, line, SKU and rule involved */
    protected OmsException(String message) {
        super(message);
    }

    /**
     * @param message what was wrong
     * @param cause the underlying failure
     */
    protected OmsException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A command key was already used: by a concurrent save of the same key (the store refuses the
     * second), or for a different command (the service refuses to treat it as a repeat).
     */
    public static class CommandKeyConflictException extends OmsException {
        private static final long serialVersionUID = 1L;

        private final CommandKey key;

        /**
         * @param key the key
         * @param detail why it conflicts
         */
        public CommandKeyConflictException(CommandKey key, String detail) {
            super("command key " + key + " " + detail);
            this.key = key;
        }

        /** @return the key */
        public CommandKey key() {
            return key;
        }
    }

    /**
     * A new order was saved with a (channel, external order id) that another order already has.
     * The store refuses it so that a channel order becomes exactly one oms order, even when two
     * imports of it race.
     */
    public static class DuplicateExternalOrderException extends OmsException {
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

    /**
     * No order with this id exists in the store.
     */
    public static class OrderNotFoundException extends OmsException {
        private static final long serialVersionUID = 1L;

        private final OrderId orderId;

        /** @param orderId the id that was looked up */
        public OrderNotFoundException(OrderId orderId) {
            super("order " + orderId + " not found");
            this.orderId = orderId;
        }

        /** @return the id that was looked up */
        public OrderId orderId() {
            return orderId;
        }
    }

    /**
     * A channel order was placed again with other content than the first time (other lines, prices,
     * address, tags, ...): refused, because one channel order is exactly one oms order and a repeat
     * with the same content is what replays. The order as first placed is unchanged.
     */
    public static class PlacementConflictException extends OmsException {
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

    /**
     * A change expected a position's on-hand count that is no longer the stored one (a count raced a
     * shipment). Nothing was written; read the position again and decide again.
     */
    public static class PositionConflictException extends OmsException {
        private static final long serialVersionUID = 1L;

        private final PositionKey position;
        private final long expectedOnHand;
        private final long actualOnHand;

        /**
         * @param position the position
         * @param expectedOnHand the on hand the change was based on
         * @param actualOnHand the stored on hand
         */
        public PositionConflictException(PositionKey position, long expectedOnHand, long actualOnHand) {
            super("position " + position + " changed concurrently: expected on hand " + expectedOnHand + " but it is "
                    + actualOnHand);
            this.position = position;
            this.expectedOnHand = expectedOnHand;
            this.actualOnHand = actualOnHand;
        }

        /** @return the position */
        public PositionKey position() {
            return position;
        }

        /** @return the on hand the change was based on */
        public long expectedOnHand() {
            return expectedOnHand;
        }

        /** @return the stored on hand */
        public long actualOnHand() {
            return actualOnHand;
        }
    }

    /** No reservation with this id exists. */
    public static class ReservationNotFoundException extends OmsException {
        private static final long serialVersionUID = 1L;

        private final ReservationId reservationId;

        /** @param reservationId the id that was looked up */
        public ReservationNotFoundException(ReservationId reservationId) {
            super("reservation " + reservationId + " not found");
            this.reservationId = reservationId;
        }

        /** @return the id that was looked up */
        public ReservationId reservationId() {
            return reservationId;
        }
    }

    /**
     * A reservation operation a rule refuses, for example committing more than is held or
     * committing an expired reservation. {@link #rule()} is a stable name.
     */
    public static class ReservationRuleException extends OmsException {
        private static final long serialVersionUID = 1L;

        private final ReservationId reservationId;
        private final String rule;

        /**
         * @param reservationId the reservation
         * @param rule the rule's stable name
         * @param message what was refused and why
         */
        public ReservationRuleException(ReservationId reservationId, String rule, String message) {
            super("reservation " + reservationId + ": " + message + " [rule " + rule + "]");
            this.reservationId = reservationId;
            this.rule = rule;
        }

        /** @return the reservation */
        public ReservationId reservationId() {
            return reservationId;
        }

        /** @return the rule's stable name */
        public String rule() {
            return rule;
        }
    }
}
