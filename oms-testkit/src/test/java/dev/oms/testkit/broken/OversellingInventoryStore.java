package dev.oms.testkit.broken;

import dev.oms.inventory.memory.InMemoryInventoryStore;
import dev.oms.spi.CommandKey;
import dev.oms.spi.EventId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReservationId;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.BackorderAccount;
import dev.oms.spi.inventory.IncomingStock;
import dev.oms.spi.inventory.InventoryChange;
import dev.oms.spi.inventory.InventoryChange.OperationRecord;
import dev.oms.spi.inventory.InventoryChange.PositionDelta;
import dev.oms.spi.inventory.InventoryEvent;
import dev.oms.spi.inventory.InventoryStore;
import dev.oms.spi.inventory.InventoryStore.ApplyResult;
import dev.oms.spi.inventory.Movement;
import dev.oms.spi.inventory.PositionKey;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.Reservation;
import dev.oms.spi.inventory.StockPosition;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import dev.oms.spi.store.EventOutbox.OutboxEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Deliberately broken: every count is kept and every version checked, but a hold never checks
 * availability (as an adapter that increments {@code reserved} without the
 * {@code WHERE on_hand - reserved - safety >= ?} condition). It oversells. The kit's stock rules
 * must catch it.
 */
public final class OversellingInventoryStore implements InventoryStore {
    private final InMemoryInventoryStore delegate = new InMemoryInventoryStore();

    @Override
    public ApplyResult apply(InventoryChange change) {
        List<PositionDelta> unchecked = change.deltas().stream().map(d -> new PositionDelta(d.key(), d.reason(),
                d.reference(), d.onHand(), d.reserved(), d.damaged(), d.qualityControl(), false, d.expectedOnHand()))
                .toList(); // the defect: requireAvailable dropped
        return delegate.apply(new InventoryChange(change.changeId(), change.at(), unchecked, change.reservation(),
                change.backorders(), change.events(), change.operation()));
    }

    @Override
    public StockPosition definePosition(PositionKey key, PositionSettings settings) {
        return delegate.definePosition(key, settings);
    }

    @Override
    public Optional<StockPosition> position(PositionKey key) {
        return delegate.position(key);
    }

    @Override
    public List<StockPosition> positions(Sku sku) {
        return delegate.positions(sku);
    }

    @Override
    public void setBackorderLimit(Sku sku, Quantity limit) {
        delegate.setBackorderLimit(sku, limit);
    }

    @Override
    public BackorderAccount backorderAccount(Sku sku) {
        return delegate.backorderAccount(sku);
    }

    @Override
    public Optional<Reservation> reservation(ReservationId id) {
        return delegate.reservation(id);
    }

    @Override
    public List<Reservation> reservationsOf(OrderId orderId) {
        return delegate.reservationsOf(orderId);
    }

    @Override
    public List<Reservation> expiring(Instant notAfter, int limit) {
        return delegate.expiring(notAfter, limit);
    }

    @Override
    public List<Reservation> openBackorders(Sku sku) {
        return delegate.openBackorders(sku);
    }

    @Override
    public List<Movement> movements(PositionKey key) {
        return delegate.movements(key);
    }

    @Override
    public Optional<OperationRecord> findOperation(CommandKey key) {
        return delegate.findOperation(key);
    }

    @Override
    public void expectIncoming(IncomingStock incoming) {
        delegate.expectIncoming(incoming);
    }

    @Override
    public void removeIncoming(Reference reference) {
        delegate.removeIncoming(reference);
    }

    @Override
    public List<IncomingStock> incoming(Sku sku) {
        return delegate.incoming(sku);
    }

    @Override
    public List<OutboxEntry<InventoryEvent>> unpublished(int limit) {
        return delegate.unpublished(limit);
    }

    @Override
    public void markPublished(Collection<EventId> eventIds) {
        delegate.markPublished(eventIds);
    }

    @Override
    public int purgeCommandKeys(Duration olderThan, int limit) {
        return delegate.purgeCommandKeys(olderThan, limit);
    }

    @Override
    public int purgePublishedEvents(Duration olderThan, int limit) {
        return delegate.purgePublishedEvents(olderThan, limit);
    }

    @Override
    public int purgeClosedReservations(Duration olderThan, int limit) {
        return delegate.purgeClosedReservations(olderThan, limit);
    }

    @Override
    public Optional<dev.oms.spi.inventory.StockLedger.LedgerTail> ledgerTail(PositionKey key) {
        return delegate.ledgerTail(key);
    }

    @Override
    public int compactLedger(Duration olderThan, int limit) {
        return delegate.compactLedger(olderThan, limit);
    }
}
