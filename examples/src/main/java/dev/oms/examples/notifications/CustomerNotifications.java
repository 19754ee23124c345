package dev.oms.examples.notifications;

import dev.oms.core.EventDelivery;
import dev.oms.core.OrderService;
import dev.oms.fulfillment.FulfillmentService;
import dev.oms.spi.Amounts;
import dev.oms.spi.OrderId;
import dev.oms.spi.event.OrderEvent.OrderConfirmed;
import dev.oms.spi.event.OrderEvent.PaymentRefunded;
import dev.oms.spi.event.OrderEvent.QuantitiesDelivered;
import dev.oms.spi.event.OrderEvent.QuantitiesShipped;
import dev.oms.spi.order.Order;
import java.util.Optional;

/**
 * A host's customer notifications, built on oms' events: order confirmed, shipped (with a
 * tracking link), delivered, refund issued. It only subscribes to {@link EventDelivery}; the host
 * runs the delivery on its scheduler, and its {@link Messenger} sends. Delivery is at least once:
 * a messenger that must not send twice keys its sends on the event id.
 */
public final class CustomerNotifications {
    private final OrderService orders;
    private final FulfillmentService fulfillment;
    private final Messenger messenger;
    private final String trackingPage;

    /**
     * @param orders to look up the order's customer and number
     * @param fulfillment to look up tracking numbers
     * @param messenger the host's messenger
     * @param trackingPage the tracking page, the tracking number appended ({@code https://track.example/})
     */
    public CustomerNotifications(OrderService orders, FulfillmentService fulfillment, Messenger messenger,
            String trackingPage) {
        this.orders = orders;
        this.fulfillment = fulfillment;
        this.messenger = messenger;
        this.trackingPage = trackingPage;
    }

    /**
     * @param delivery the delivery to subscribe to
     * @return it, with the notifications subscribed
     */
    public EventDelivery.Builder subscribeTo(EventDelivery.Builder delivery) {
        return delivery
                .subscribe(OrderConfirmed.class, e -> send(e.orderId(), "Your order %s is confirmed",
                        "Thank you! We are preparing your order.", Optional.empty()))
                .subscribe(QuantitiesShipped.class, e -> {
                    Optional<String> link = fulfillment.shipment(e.shipment()).map(s -> trackingPage + s.trackingNumber());
                    long units = e.lines().stream().mapToLong(l -> l.quantity().value()).sum();
                    send(e.orderId(), "Your order %s is on its way", units + (units == 1 ? " item has" : " items have")
                            + " left our warehouse" + link.map(l -> "; follow it at " + l).orElse("."), link);
                })
                .subscribe(QuantitiesDelivered.class, e -> send(e.orderId(), "Your order %s was delivered",
                        "Enjoy! If anything is wrong, you can return it within 30 days.", Optional.empty()))
                .subscribe(PaymentRefunded.class, e -> send(e.orderId(), "Refund for your order %s",
                        "We refunded " + Amounts.format(e.amount()) + ".", Optional.empty()));
    }

    private void send(OrderId orderId, String subject, String body, Optional<String> link) {
        Order order = orders.load(orderId);
        messenger.send(order.header().customer(), new CustomerMessage(String.format(subject,
                order.header().externalOrderId()), body, link));
    }
}
