package dev.oms.flow;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.OmsException;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.fulfillment.Shipment;
import dev.oms.spi.order.Order;
import dev.oms.spi.process.ProcessId;
import dev.oms.spi.process.ProcessRecord.ProcessKind;
import dev.oms.spi.process.ProcessRecord.ProcessStatus;
import dev.oms.spi.process.ProcessRecord.StepLine;
import dev.oms.spi.process.ProcessRecord.WaitReason;
import java.util.List;
import java.util.Optional;
import javax.money.MonetaryAmount;

/**
 * What one call of the flow did: its process and where it stands, the order as it is now, every
 * fulfilment order and parcel the process touched, the money it moved, and everything it could
 * not do, each with a reason that names the SKU and the location or rule.
 *
 * @param process the process
 * @param kind the operation
 * @param status running (a step failed and a resume finishes it), waiting, done or failed
 * @param waitingFor what a waiting process waits for
 * @param order the order as it is now
 * @param fulfillmentOrders the fulfilment orders the process created or changed, as they are now
 * @param shipments the parcels the process shipped
 * @param notDone units it could not route, cancel or ship, each with the reason in its note
 * @param money what this call's process authorised, captured, voided and refunded (not the order's
 *     totals: a void that waits for the order's end shows in the call that ended it; the order's
 *     ledger is {@code order().payments()})
 * @param failure why the last attempt stopped, if it did
 * @param replayed whether the call repeated an earlier one (the same key) and changed nothing
 */
public record FlowResult(ProcessId process, ProcessKind kind, ProcessStatus status, Optional<WaitReason> waitingFor,
        Order order, List<FulfillmentOrder> fulfillmentOrders, List<Shipment> shipments, List<StepLine> notDone,
        Money money, Optional<String> failure, boolean replayed) {
    /** Copies the lists. */
    public FlowResult {
        InvalidInputException.requireNonNull(process, "FlowResult.process");
        fulfillmentOrders = List.copyOf(fulfillmentOrders);
        shipments = List.copyOf(shipments);
        notDone = List.copyOf(notDone);
    }

    /** @return whether the process finished with every step done */
    public boolean done() {
        return status == ProcessStatus.DONE;
    }

    /**
     * Money a process moved through the payment provider.
     *
     * @param authorised authorised
     * @param captured captured
     * @param voided voided
     * @param refunded refunded (to the original payment or as store credit)
     */
    public record Money(MonetaryAmount authorised, MonetaryAmount captured, MonetaryAmount voided,
            MonetaryAmount refunded) {
    }

    /**
     * A call repeated the key of a process that ended without its effect (refused part-way and
     * compensated): its first answer was this failure, and a repeat gives it again. Use a new key to
     * try again.
     */
    public static class ProcessFailedException extends OmsException {
        private static final long serialVersionUID = 1L;

        private final ProcessId processId;

        /**
         * @param processId the process
         * @param failure why it failed, as recorded
         */
        public ProcessFailedException(ProcessId processId, String failure) {
            super("process " + processId + " failed: " + failure + "; use a new key to try again");
            this.processId = processId;
        }

        /** @return the process */
        public ProcessId processId() {
            return processId;
        }
    }
}
