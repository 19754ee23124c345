package dev.oms.spi.fulfillment;

import dev.oms.spi.CommandKey;
import dev.oms.spi.CommandKeyConflictException;
import dev.oms.spi.FulfillmentOrderId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.store.CommandRecord;
import java.util.List;
import java.util.Optional;

/**
 * Where fulfilment orders and shipments live.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link #save(FulfillmentOrder, long, Optional, Optional)} writes a fulfilment order only if
 *       its stored version equals the expected one (0: must not exist), together with an
 *       optional shipment (new, or a next version of a stored one, also version-checked) and an
 *       optional command record, all or nothing; otherwise {@link FulfillmentConflictException}
 *       (or {@link CommandKeyConflictException} for a recorded key) and nothing is written.</li>
 *   <li>{@link #saveShipment} saves a shipment alone with the same version check.</li>
 *   <li>Tracking numbers are unique; {@link #shipmentByTracking} finds a shipment by its tracking number.</li>
 *   <li>Reads return the last saved versions. Implementations are thread-safe.</li>
 * </ul>
 */
public interface FulfillmentStore {
    /**
     * @param order the new state
     * @param expectedVersion the version it replaces (0 for a new one)
     * @param shipment a shipment to save with it, with the version it replaces (0 for a new one)
     * @param command the command record, if the operation had a key
     */
    void save(FulfillmentOrder order, long expectedVersion, Optional<ShipmentWrite> shipment,
            Optional<CommandRecord> command);

    /**
     * @param shipment the new state
     * @param expectedVersion the version it replaces
     */
    void saveShipment(Shipment shipment, long expectedVersion);

    /**
     * A shipment to save, if its stored version is the expected one.
     *
     * @param shipment the new state
     * @param expectedVersion the version it replaces (0 for a new one)
     */
    record ShipmentWrite(Shipment shipment, long expectedVersion) {
    }

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

    /** @return the record saved with the key, if any */
    Optional<CommandRecord> findCommand(CommandKey key);
}
