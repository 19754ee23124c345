package dev.oms.inventory;

import dev.oms.core.OrderCommand;
import dev.oms.core.OrderDecider.Decision;
import dev.oms.core.OrderService;
import dev.oms.core.OrderService.CommandResult;
import dev.oms.inventory.ReservationOutcome;
import dev.oms.inventory.ReserveRequest;
import dev.oms.inventory.ReserveRequest.ReserveLine;
import dev.oms.spi.CommandKey;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.RuleViolationException.AllocatedUnitsException;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.Reservation;
import dev.oms.spi.inventory.Reservation.ReservePolicy;
import dev.oms.spi.inventory.Reservation.ReservedLine;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.OrderLine;
import dev.oms.spi.order.Order.OrderStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Wires the order lifecycle to stock: confirming an order reserves its lines, a cancellation
 * releases, a shipment commits, and the order's allocated quantities follow what is held.
 *
 * <p>Each method sends the order command first, then the inventory operation, each with a key
 * derived from the caller's key ({@code key + ":confirm"}, {@code ":reserve"}, ...). There is no
 * transaction across the two stores; if the process dies between the steps, calling the method
 * again with the same key replays the finished steps (changing nothing) and completes the rest.
 *
 * <p>Allocation follows holds: {@link #syncAllocations} allocates (or deallocates) each line's
 * open units to match the units held for it, at the locations holding them. It runs after every
 * reservation change here, and hosts call it when a {@code BackorderFilled} event arrives.
 * Thread-safe.
 */
public final class OrderReservations {
    private final OrderService orders;
    private final InventoryService inventory;
    private final LocationChooser chooser;

    /**
     * What confirming and reserving did.
     *
     * @param order the order after confirmation and allocation
     * @param reservation the reservation outcome; its shortfalls are the host's to act on
     *     (backorder, partial shipment, re-route, cancel the line)
     */
    public record Confirmed(Order order, ReservationOutcome reservation) {
    }

    /**
     * @param orders the order service
     * @param inventory the inventory service
     * @param chooser where each line is reserved
     */
    public OrderReservations(OrderService orders, InventoryService inventory, LocationChooser chooser) {
        this.orders = InvalidInputException.requireNonNull(orders, "orders");
        this.inventory = InvalidInputException.requireNonNull(inventory, "inventory");
        this.chooser = InvalidInputException.requireNonNull(chooser, "chooser");
    }

    /**
     * Confirms the order, reserves every line's unallocated units by the policy, and allocates
     * what was held. A shortfall is not an exception: the order stays confirmed with the lines
     * that could not be held unallocated, and the outcome lists them. An order on hold (a fraud
     * review, say) is confirmed and its stock reserved, but holds block fulfilment, so it is not
     * allocated: call {@link #syncAllocations} once the hold is released.
     *
     * @param orderId the order (pending or already confirmed)
     * @param policy all or nothing, partial or backorder
     * @param key the idempotency key
     * @return the order and the reservation outcome
     */
    public Confirmed confirmAndReserve(OrderId orderId, ReservePolicy policy, CommandKey key) {
        InvalidInputException.requireNonNull(policy, "policy");
        Optional<ReservationOutcome> done = inventory.outcomeOf(derived(key, "reserve"));
        if (done.isPresent()) {
            // The reservation step finished earlier: finish allocation, hold nothing twice.
            return new Confirmed(allocateUnlessHeld(orderId, key), done.get());
        }
        Order order = orders.load(orderId);
        if (order.status() == OrderStatus.PENDING) {
            order = orders.handle(orderId, new OrderCommand.Confirm(), derived(key, "confirm")).order();
        }
        // Units an earlier reservation already holds (or waits for) but that are not allocated yet
        // (say, while the order was on hold) are not reserved a second time.
        Map<LineId, Long> pending = new LinkedHashMap<>();
        for (Reservation r : inventory.reservationsOf(orderId)) {
            if (r.status().isActive()) {
                r.lines().forEach(l -> pending.merge(l.lineId(), l.held().value(), Long::sum));
                r.backorders().forEach(b -> pending.merge(b.lineId(), b.open().value(), Long::sum));
            }
        }
        List<ReserveLine> lines = new ArrayList<>();
        for (OrderLine line : order.lines()) {
            long waiting = Math.max(0, pending.getOrDefault(line.id(), 0L) - line.quantities().allocated().value());
            long need = line.quantities().unallocated().value() - waiting;
            if (need > 0) {
                lines.add(new ReserveLine(line.id(), line.sku(), chooser.locationFor(order, line), Quantity.of(need)));
            }
        }
        if (lines.isEmpty()) {
            if (order.lines().stream().anyMatch(l -> l.quantities().unallocated().isPositive())) {
                // everything unallocated is already held or awaited: only allocation is left to do
                return new Confirmed(allocateUnlessHeld(orderId, key), latestOutcome(orderId));
            }
            throw new InvalidInputException("orderId", "order " + orderId + " has no unallocated units to reserve");
        }
        ReservationOutcome outcome = inventory.reserve(new ReserveRequest(orderId, lines, policy, Optional.empty(), 0),
                derived(key, "reserve"));
        return new Confirmed(allocateUnlessHeld(orderId, key), outcome);
    }

    private ReservationOutcome latestOutcome(OrderId orderId) {
        List<Reservation> all = inventory.reservationsOf(orderId);
        return InventoryService.outcome(all.get(all.size() - 1));
    }

    /** Holds block allocation: an order on hold keeps its stock reserved and is allocated once released. */
    private Order allocateUnlessHeld(OrderId orderId, CommandKey key) {
        Order order = orders.load(orderId);
        return order.isOnHold() ? order : syncAllocations(orderId, derived(key, "allocate"));
    }

    /**
     * Cancels the whole order: releases its reservations, deallocates what they held, then
     * cancels the order (the order refuses to cancel allocated units, so the stock is never left
     * held for a cancelled order). A repeat with the same key completes what a crash interrupted.
     *
     * @param orderId the order
     * @param reason why
     * @param note free text
     * @param key the idempotency key
     * @return the cancelled order
     */
    public Order cancel(OrderId orderId, CancelReason reason, String note, CommandKey key) {
        OrderCommand.Cancel cancel = new OrderCommand.Cancel(reason, note);
        refuseUnlessOnlyAllocationBlocks(orders.load(orderId), cancel);
        for (Reservation r : inventory.reservationsOf(orderId)) {
            inventory.release(r.id(), derived(key, "release:" + r.id()));
        }
        syncAllocations(orderId, derived(key, "deallocate"));
        return orders.handle(orderId, cancel, derived(key, "cancel")).order();
    }

    /**
     * Cancels units of one line: releases as many from its reservations (backordered units
     * first, then held ones), deallocates what they no longer hold, then cancels the units.
     *
     * @param orderId the order
     * @param lineId the line
     * @param quantity units, {@code > 0}
     * @param reason why
     * @param key the idempotency key
     * @return the order after cancellation and allocation
     * @throws dev.oms.spi.RuleViolationException.QuantityUnavailableException if the line has fewer unshipped units;
     *     nothing changed
     */
    public Order cancelLine(OrderId orderId, LineId lineId, Quantity quantity, CancelReason reason, CommandKey key) {
        Quantity.requirePositive(quantity, "quantity");
        Order order = orders.load(orderId);
        refuseUnlessOnlyAllocationBlocks(order, new OrderCommand.CancelLine(lineId, quantity, reason, ""));
        long toRelease = Math.max(0, quantity.value() - order.requireLine(lineId).quantities().unallocated().value());
        for (Reservation r : inventory.reservationsOf(orderId)) {
            if (toRelease == 0 || !r.status().isActive()) {
                continue;
            }
            long reserved = r.heldFor(lineId).value() + r.backorders().stream()
                    .filter(b -> b.lineId().equals(lineId)).mapToLong(b -> b.open().value()).sum();
            long release = Math.min(reserved, toRelease);
            if (release > 0) {
                inventory.release(r.id(), lineId, Quantity.of(release), derived(key, "release:" + r.id()));
                toRelease -= release;
            }
        }
        syncAllocations(orderId, derived(key, "deallocate"));
        orders.handle(orderId, new OrderCommand.CancelLine(lineId, quantity, reason, ""), derived(key, "cancel"));
        return syncAllocations(orderId, derived(key, "allocate"));
    }

    /**
     * Refuses, before anything is released, a cancellation the order would refuse for any reason
     * other than the allocated units this class deallocates first.
     */
    private void refuseUnlessOnlyAllocationBlocks(Order order, OrderCommand cancellation) {
        if (orders.decider().decide(order, cancellation) instanceof Decision.Rejected rejected
                && !(rejected.reason() instanceof AllocatedUnitsException)) {
            throw rejected.reason();
        }
    }

    /**
     * Records a shipment on the order and commits the shipped units from the reservations held
     * at the shipping location.
     *
     * @param orderId the order
     * @param shipment the shipment
     * @param from the location it leaves from
     * @param lines units per line
     * @param key the idempotency key
     * @return the order after the shipment
     * @throws dev.oms.spi.RuleViolationException.OrderOnHoldException if the order is on hold; nothing changed
     */
    public Order ship(OrderId orderId, ShipmentId shipment, LocationId from, List<LineQuantity> lines,
            CommandKey key) {
        InvalidInputException.requireNonNull(from, "from");
        Order order = orders.load(orderId);
        if (order.isOnHold()) {
            throw new dev.oms.spi.RuleViolationException.OrderOnHoldException(orderId, order.holds());
        }
        CommandResult result = orders.handle(orderId, new OrderCommand.Ship(shipment, lines), derived(key, "ship"));
        Reference ref = Reference.of(Reference.Type.SHIPMENT, shipment.value());
        for (LineQuantity lq : lines) {
            long left = lq.quantity().value();
            for (Reservation r : inventory.reservationsOf(orderId)) {
                for (ReservedLine held : r.linesOf(lq.lineId())) {
                    long take = Math.min(left, held.held().value());
                    if (r.status().isActive() && take > 0 && held.position().location().equals(from)) {
                        inventory.commit(r.id(), lq.lineId(), from, Quantity.of(take), ref,
                                derived(key, "commit:" + r.id() + ":" + lq.lineId()));
                        left -= take;
                    }
                }
            }
        }
        return result.order();
    }

    /**
     * Makes each line's allocated units equal to the units its active reservations hold:
     * allocates the difference at the holding locations, or deallocates the excess.
     *
     * @param orderId the order
     * @param key the idempotency key (one per location and direction is derived from it)
     * @return the order after allocation
     */
    public Order syncAllocations(OrderId orderId, CommandKey key) {
        Order order = orders.load(orderId);
        Map<LineId, Map<LocationId, Long>> held = new LinkedHashMap<>();
        for (Reservation r : inventory.reservationsOf(orderId)) {
            for (ReservedLine line : r.lines()) {
                if (line.held().isPositive()) {
                    held.computeIfAbsent(line.lineId(), k -> new LinkedHashMap<>())
                            .merge(line.position().location(), line.held().value(), Long::sum);
                }
            }
        }
        Map<LocationId, List<LineQuantity>> allocate = new LinkedHashMap<>();
        Map<LocationId, List<LineQuantity>> deallocate = new LinkedHashMap<>();
        for (OrderLine line : order.lines()) {
            Map<LocationId, Long> at = held.getOrDefault(line.id(), Map.of());
            long diff = at.values().stream().mapToLong(Long::longValue).sum() - line.quantities().allocated().value();
            // never more than the line's unallocated units, whatever is held
            diff = Math.min(diff, line.quantities().unallocated().value());
            if (diff > 0) {
                for (Map.Entry<LocationId, Long> e : at.entrySet()) {
                    long give = Math.min(diff, e.getValue());
                    if (give > 0) {
                        allocate.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                                .add(new LineQuantity(line.id(), Quantity.of(give)));
                        diff -= give;
                    }
                }
            } else if (diff < 0) {
                LocationId anywhere = at.keySet().stream().findFirst().orElse(LocationId.of("unallocated"));
                deallocate.computeIfAbsent(anywhere, k -> new ArrayList<>())
                        .add(new LineQuantity(line.id(), Quantity.of(-diff)));
            }
        }
        Order result = order;
        for (Map.Entry<LocationId, List<LineQuantity>> e : deallocate.entrySet()) {
            result = orders.handle(orderId, new OrderCommand.Deallocate(e.getKey(), e.getValue()),
                    derived(key, "deallocate:" + e.getKey() + ":v" + result.version())).order();
        }
        for (Map.Entry<LocationId, List<LineQuantity>> e : allocate.entrySet()) {
            result = orders.handle(orderId, new OrderCommand.Allocate(e.getKey(), e.getValue()),
                    derived(key, "allocate:" + e.getKey() + ":v" + result.version())).order();
        }
        return result;
    }

    private static CommandKey derived(CommandKey key, String step) {
        return InvalidInputException.requireNonNull(key, "key").derive(step);
    }

    /**
     * Picks the location that should hold stock for an order line. The fulfilment module's routing
     * engine is the full answer; these defaults cover a host without one.
     */
    @FunctionalInterface
    public interface LocationChooser {
        /**
         * @param order the order
         * @param line one of its lines
         * @return where to reserve the line
         */
        LocationId locationFor(Order order, OrderLine line);

        /**
         * @param location the one location (a single warehouse)
         * @return a chooser that always picks it
         */
        static LocationChooser fixed(LocationId location) {
            InvalidInputException.requireNonNull(location, "location");
            return (order, line) -> location;
        }

        /**
         * The location with the most available to promise for the line's SKU, ties to the smaller
         * location id, so the choice is deterministic.
         *
         * @param availability the inventory's availability
         * @return the chooser
         */
        static LocationChooser mostAvailable(Availability availability) {
            InvalidInputException.requireNonNull(availability, "availability");
            return (order, line) -> availability.byLocation(line.sku()).entrySet().stream()
                    .max(Map.Entry.<LocationId, Long>comparingByValue()
                            .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                    .orElseThrow().getKey();
        }
    }
}
