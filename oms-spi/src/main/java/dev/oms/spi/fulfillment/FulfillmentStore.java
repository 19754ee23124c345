package dev.oms.spi.fulfillment;

import dev.oms.spi.store.EventOutbox;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CommandKeyConflictException;
import dev.oms.spi.EventId;
import dev.oms.spi.FulfillmentOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Purgeable;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.store.CommandRecord;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where fulfilment orders and shipments live, with their events, the fulfilment outbox and
 * command keys.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Atomic save.</b> {@link #save} writes the snapshot, appends its events to the
 *       fulfilment order's log and to the outbox, writes the shipment if the change carries one,
 *       and records the command key: all or nothing.</li>
 *   <li><b>Optimistic versions.</b> The fulfilment order is written only if its stored version
 *       equals {@link FulfillmentChange#expectedVersion()} (0: must not exist), the shipment only
 *       if its stored version is {@code shipment.version() - 1} (0: must not exist); otherwise
 *       {@link FulfillmentConflictException} and nothing is written. Across threads and JVMs at
 *       most one save per version succeeds.</li>
 *   <li><b>Tracking numbers are unique</b>: a shipment whose tracking number belongs to another
 *       shipment is refused with {@link InvalidInputException} and nothing is written.</li>
 *   <li><b>Command keys</b> are recorded at most once; a change whose key is recorded throws
 *       {@link CommandKeyConflictException} and writes nothing.</li>
 *   <li><b>Outbox.</b> {@link #unpublished} returns unpublished events in save order;
 *       {@link #markPublished} is idempotent and ignores unknown ids.</li>
 *   <li><b>Rewrites.</b> The {@link FulfillmentChange#rewrites()} of a change (only an erasure of
 *       personal data has any) replace the logged events with the same ids, and their outbox
 *       entries, in the same atomic save; a rewrite that is not an event of the fulfilment order's
 *       log, at its version and of its type, throws {@link dev.oms.spi.InvalidInputException} and
 *       nothing is written.</li>
 *   <li><b>Reads</b> return what the last successful save wrote, never half a change.</li>
 * </ul>
 * Implementations are thread-safe.
 */
public interface FulfillmentStore extends EventOutbox<FulfillmentEvent>, Purgeable {
    /**
     * Saves a change atomically (see the contract above).
     *
     * @param change the change
     * @throws FulfillmentConflictException if a stored version is not the expected one
     * @throws CommandKeyConflictException if the command key is already recorded
     * @throws InvalidInputException if the shipment's tracking number belongs to another shipment
     */
    void save(FulfillmentChange change);

    /** @return the fulfilment order, if saved */
    Optional<FulfillmentOrder> load(FulfillmentOrderId id);

    /** @return an order's fulfilment orders, oldest first */
    List<FulfillmentOrder> ofOrder(OrderId orderId);

    /** @return a location's fulfilment orders that are not finished (created, picking, packed, partially shipped, ready for pickup), oldest first */
    List<FulfillmentOrder> openAt(LocationId location);

    /** @return the shipment, if saved */
    Optional<Shipment> shipment(ShipmentId id);

    /** @return the shipment with this tracking number, if any */
    Optional<Shipment> shipmentByTracking(String trackingNumber);

    /** @return a fulfilment order's shipments, oldest first */
    List<Shipment> shipmentsOf(FulfillmentOrderId id);

    /** @return every event of the fulfilment order, oldest first */
    List<FulfillmentEvent> events(FulfillmentOrderId id);

    /** @return the record saved with the key, if any */
    Optional<CommandRecord> findCommand(CommandKey key);


}
