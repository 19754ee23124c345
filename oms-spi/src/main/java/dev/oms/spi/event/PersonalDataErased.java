package dev.oms.spi.event;

import dev.oms.spi.InvalidInputException;

/**
 * The order's personal data was erased on request (a GDPR erasure, say): its addresses keep only
 * their country, its customer reference reads {@code erased}, and every free text of the order
 * (hold reasons, notes, decline reasons) is empty, in the snapshot and in every earlier event of
 * its history, which the store rewrote with this event. Totals, quantities, payments, statuses
 * and the history itself are kept. A subscriber that keeps copies of the order's events erases
 * its own on this event.
 *
 * @param metadata id, order, version, time and causing command
 */
public record PersonalDataErased(EventMetadata metadata) implements OrderEvent {
    /** @throws InvalidInputException if a field is null */
    public PersonalDataErased {
        InvalidInputException.requireNonNull(metadata, "PersonalDataErased.metadata");
    }
}
