package dev.oms.flow.internal;

import dev.oms.core.Drafts;
import dev.oms.fulfillment.RoutingPlan;
import dev.oms.fulfillment.RoutingRequest;
import dev.oms.inventory.ReservationOutcome;
import dev.oms.inventory.ReserveRequest;
import dev.oms.inventory.ReserveRequest.ReserveLine;
import dev.oms.spi.CommandKey;
import dev.oms.spi.DraftId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OmsException;
import dev.oms.spi.ReservationId;
import dev.oms.spi.inventory.Reservation;
import dev.oms.spi.inventory.Reservation.ReservePolicy;
import dev.oms.spi.order.Draft;
import dev.oms.spi.order.Draft.DraftRuleException;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.Order;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.process.ProcessRecord.ProcessStep;
import dev.oms.spi.process.ProcessRecord.StepLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The stock a quote holds for its life: routed like an order, reserved per location for the
 * draft's order id, lapsing at the quote's expiry; given back when the draft no longer needs it;
 * and taken over by the order (one fulfilment order per held location) when the order is routed
 * before the hold lapsed.
 */
public final class QuoteHolds implements Drafts.QuoteStock {
    /** The acceptance's step that takes over a quote's held stock. */
    static final String STEP = "quote-stock";

    private final Engines e;

    /** @param engines the flow's engines */
    public QuoteHolds(Engines engines) {
        this.e = engines;
    }

    @Override
    public List<ReservationId> hold(Draft draft, Order preview, Instant until, CommandKey key) {
        RoutingPlan plan = e.router().route(RoutingRequest.forOrder(preview));
        if (!plan.unrouted().isEmpty()) {
            StringJoiner missing = new StringJoiner("; ");
            plan.unrouted().forEach(u -> missing.add(u.quantity() + " of line " + u.lineId() + ": " + u.reason()));
            throw new DraftRuleException(draft.id(), "quote-stock", "the stock for the quote is not there: " + missing);
        }
        List<ReservationId> held = new ArrayList<>();
        for (RoutingPlan.Shipment shipment : plan.shipments()) {
            List<ReserveLine> lines = new ArrayList<>();
            for (LineQuantity lq : shipment.lines()) {
                lines.add(new ReserveLine(lq.lineId(), preview.requireLine(lq.lineId()).sku(), shipment.location(),
                        lq.quantity()));
            }
            ReservationOutcome outcome = e.inventory().reserve(new ReserveRequest(draft.orderId(), lines,
                    ReservePolicy.ALL_OR_NOTHING, Optional.of(until), 0), holdKey(key, shipment.location()));
            Optional<Reservation> reservation = outcome.reservation().filter(r -> r.status().isActive());
            if (reservation.isEmpty()) {
                held.forEach(id -> e.inventory().release(id, giveBackKey(key, id)));
                throw new DraftRuleException(draft.id(), "quote-stock", "the stock at " + shipment.location()
                        + " went while the quote was sent; send it again");
            }
            held.add(reservation.get().id());
        }
        return held;
    }

    @Override
    public void release(Draft draft, CommandKey key) {
        for (ReservationId id : draft.heldStock()) {
            e.inventory().findReservation(id).filter(r -> r.status().isActive())
                    .ifPresent(r -> e.inventory().release(id, giveBackKey(key, id)));
        }
    }

    /**
     * The converted draft an order came from, if its quote holds stock: looked up by the order's
     * external order id (a draft's id) and checked by the order id the draft chose.
     *
     * @param e the flow's engines
     * @param order an order being routed for the first time
     * @return the draft, if the order is one with held stock
     */
    static Optional<Draft> heldFor(Engines e, Order order) {
        return e.drafts().load(DraftId.of(order.header().externalOrderId().value()))
                .filter(d -> d.orderId().equals(order.id()) && d.status() == Draft.Status.CONVERTED
                        && !d.heldStock().isEmpty());
    }

    /**
     * Lets a converted draft's order take over the stock its quote held: each held reservation
     * still active and not lapsed becomes a fulfilment order at its location; one that lapsed is
     * given back (it would be swept anyway). Idempotent by keys derived from the reservations, so
     * a resume repeats it harmlessly.
     *
     * @param e the flow's engines
     * @param draft the converted draft
     * @param order the order, confirmed and not on hold
     * @return the step: the units taken over, with their fulfilment orders
     */
    static ProcessStep takeOver(Engines e, Draft draft, Order order) {
        Instant now = e.clock().instant();
        List<StepLine> taken = new ArrayList<>();
        StringJoiner note = new StringJoiner("; ");
        for (ReservationId id : draft.heldStock()) {
            Optional<Reservation> held = e.inventory().findReservation(id).filter(r -> r.status().isActive());
            if (held.isEmpty()) {
                note.add(id + " no longer held");
                continue;
            }
            CommandKey key = CommandKey.reserved("quote-stock", id.value());
            if (held.get().isExpiredAt(now)) {
                e.inventory().release(id, key);
                note.add(id + " lapsed at " + held.get().expiresAt().orElseThrow());
                continue;
            }
            LocationId at = held.get().lines().get(0).position().location();
            List<LineQuantity> lines = held.get().lines().stream()
                    .map(line -> new LineQuantity(line.lineId(), line.held())).toList();
            try {
                FulfillmentOrder fo = e.fulfillment().create(order.id(), at, lines, id, key);
                held.get().lines().forEach(line -> taken.add(new StepLine(line.lineId(),
                        Optional.of(line.position().sku()), line.held(), Optional.of(at), Optional.of(fo.id()), "")));
                note.add(id + " became " + fo.id());
            } catch (OmsException refused) {
                e.inventory().findReservation(id).filter(r -> r.status().isActive())
                        .ifPresent(r -> e.inventory().release(id, CommandKey.reserved("quote-stock", id + ":back")));
                note.add(id + " given back: " + refused.getMessage());
            }
        }
        String text = note.toString();
        return new ProcessStep(STEP, taken, Optional.empty(), text.length() > 1000 ? text.substring(0, 1000) : text);
    }

    private static CommandKey holdKey(CommandKey key, LocationId at) {
        return CommandKey.reserved("quote", key.value() + "@" + at.value());
    }

    private static CommandKey giveBackKey(CommandKey key, ReservationId id) {
        return CommandKey.reserved("quote", key.value() + ":back:" + id.value());
    }
}
