package dev.oms.examples.notifications;

import dev.oms.spi.CustomerRef;

/** What the host implements to reach its customers: its mail service, push gateway or SMS provider. */
@FunctionalInterface
public interface Messenger {
    /**
     * @param customer the host's customer reference (the host looks up the address itself, so no
     *     personal data passes through oms)
     * @param message what to send
     */
    void send(CustomerRef customer, CustomerMessage message);
}
