package dev.oms.spi;

import dev.oms.spi.ReservationId;
import dev.oms.spi.process.ProcessId;

/**
 * A save was based on a version that is no longer the stored one: something else saved the same
 * record (an order, a reservation, a fulfilment order or shipment, a return) in between. Nothing
 * was written; read it again and decide again. The subclasses name the record by its typed id;
 * a host that retries any of them catches this class. The order's is nested here
 * ({@link VersionConflictException}); the other stores' are in their packages.
 */
public class StaleVersionException extends OmsException {
    private static final long serialVersionUID = 1L;

    private final long expectedVersion;
    private final long actualVersion;

    /**
     * @param record what was saved, for the message (for example {@code "order o-1"})
     * @param expectedVersion the version the change was based on
     * @param actualVersion the stored version (0 if none)
     */
    protected StaleVersionException(String record, long expectedVersion, long actualVersion) {
        super(record + " was saved concurrently: expected version " + expectedVersion + " but the stored version is "
                + actualVersion);
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    /** @return the version the change was based on */
    public long expectedVersion() {
        return expectedVersion;
    }

    /** @return the stored version (0 if none) */
    public long actualVersion() {
        return actualVersion;
    }

    /**
     * A save expected a version of the order that is no longer the stored one: somebody else saved
     * first. Nothing was written. Load the order again, decide again, and save again (the
     * {@code OrderService} of oms-core does this for you).
     */
    public static class VersionConflictException extends StaleVersionException {
        private static final long serialVersionUID = 1L;

        private final OrderId orderId;

        /**
         * @param orderId the order
         * @param expectedVersion the version the change was based on
         * @param actualVersion the stored version (0 if none)
         */
        public VersionConflictException(OrderId orderId, long expectedVersion, long actualVersion) {
            super("order " + orderId, expectedVersion, actualVersion);
            this.orderId = orderId;
        }

        /** @return the order */
        public OrderId orderId() {
            return orderId;
        }
    }

    /**
     * A fulfilment order or shipment was saved concurrently; nothing was written. Read it again and
     * decide again.
     */
    public static class FulfillmentConflictException extends StaleVersionException {
        private static final long serialVersionUID = 1L;

        private final String id;

        /**
         * @param id the fulfilment order or shipment id
         * @param expectedVersion the version the change was based on
         * @param actualVersion the stored version (0 if none)
         */
        public FulfillmentConflictException(String id, long expectedVersion, long actualVersion) {
            super(id, expectedVersion, actualVersion);
            this.id = id;
        }

        /** @return the fulfilment order or shipment id */
        public String id() {
            return id;
        }
    }

    /**
     * A process record was saved concurrently (or created twice); nothing was written. Read it again
     * and go on from what it says.
     */
    public static class ProcessConflictException extends StaleVersionException {
        private static final long serialVersionUID = 1L;

        private final ProcessId processId;

        /**
         * @param processId the process
         * @param expectedVersion the version the save was based on
         * @param actualVersion the stored version (0 if none)
         */
        public ProcessConflictException(ProcessId processId, long expectedVersion, long actualVersion) {
            super("process " + processId, expectedVersion, actualVersion);
            this.processId = processId;
        }

        /** @return the process */
        public ProcessId processId() {
            return processId;
        }
    }

    /**
     * A reservation was saved concurrently: the expected version is no longer the stored one.
     * Nothing was written; read the reservation again and decide again.
     */
    public static class ReservationConflictException extends StaleVersionException {
        private static final long serialVersionUID = 1L;

        private final ReservationId reservationId;

        /**
         * @param reservationId the reservation
         * @param expectedVersion the version the change was based on
         * @param actualVersion the stored version (0 if none)
         */
        public ReservationConflictException(ReservationId reservationId, long expectedVersion, long actualVersion) {
            super("reservation " + reservationId, expectedVersion, actualVersion);
            this.reservationId = reservationId;
        }

        /** @return the reservation */
        public ReservationId reservationId() {
            return reservationId;
        }
    }

    /**
     * A return or an order's refund account was saved concurrently; nothing was written. Read it
     * again and decide again.
     */
    public static class ReturnConflictException extends StaleVersionException {
        private static final long serialVersionUID = 1L;

        private final String id;

        /**
         * @param id the return id, or "refund account of" and the order id
         * @param expectedVersion the version the change was based on
         * @param actualVersion the stored version (0 if none)
         */
        public ReturnConflictException(String id, long expectedVersion, long actualVersion) {
            super(id, expectedVersion, actualVersion);
            this.id = id;
        }

        /** @return the return id, or "refund account of" and the order id */
        public String id() {
            return id;
        }
    }

    /** A draft or quote was saved concurrently; nothing was written. Load it again and decide again. */
    public static class DraftConflictException extends StaleVersionException {
        private static final long serialVersionUID = 1L;

        private final DraftId id;

        /**
         * @param id the draft
         * @param expectedVersion the version the change was based on
         * @param actualVersion the stored version (0 if none)
         */
        public DraftConflictException(DraftId id, long expectedVersion, long actualVersion) {
            super("draft " + id, expectedVersion, actualVersion);
            this.id = id;
        }

        /** @return the draft */
        public DraftId id() {
            return id;
        }
    }
}
