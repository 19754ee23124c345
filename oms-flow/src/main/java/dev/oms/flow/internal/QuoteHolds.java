package dev.oms.flow.internal;

import dev.oms.core.Drafts;
import dev.oms.fulfillment.RoutingPlan;
import dev.oms.fulfillment.RoutingRequest;
import dev.oms.inventory.ReservationOutcome;
import dev.oms.inventory.ReserveRequest;
import dev.oms.inventory.ReserveRequest.ReserveLine;
import dev.oms.spi.CommandKey;
import dev.oms.spi.LocationId;
import dev.oms.spi.OmsException;
import dev.oms.spi.ReservationId;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.inventory.Reservation;
import dev.oms.spi.inventory.Reservation.ReservePolicy;
import dev.oms.spi.order.Draft;
import dev.oms.spi.order.Draft.DraftRuleException;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.Order;
import dev.oms.spi.process.ProcessRecord.ProcessStep;
import dev.oms.spi.process.ProcessRecord.StepLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The stock a quote holds for its life: routed like an order (its made-to-order lines left out),
 * reserved per location for the draft's order id, lapsing at the quote's expiry; given back when
 * the draft no longer lists it; and taken over by the order (one fulfilment order per held
 * location) when it is routed before the hold lapsed. A conversion records the holds as the first
 * step of the order's acceptance ({@link #HELD}), so the acceptance knows them without asking the
 * draft store, and gives back those it did not take over if the order ends first.
 */
public final class QuoteHolds implements Drafts.QuoteStock {
    /** The acceptance's first step of a converted quote: the holds it brings, one line per held unit range. */
    public static final String HELD = "quote-held";
    /** The acceptance's step that took the holds over. */
    static final String STEP = "quote-stock";

    private final Engines e;
    private final Routing routing;

    /** @param engines the flow's engines */
    public QuoteHolds(Engines engines) {
        this.e = engines;
        this.routing = new Routing(engines);
    }

    @Override
    public List<ReservationId> hold(Draft draft, Order preview, Instant until, CommandKey key) {
        if (routing.unrouted(preview) == 0) {
            return List.of(); // every line is made to order: nothing to hold
        }
        RoutingPlan plan = e.router().route(routing.request(preview));
        if (!plan.unrouted().isEmpty()) {
            StringJoiner missing = new StringJoiner("; ");
            plan.unrouted().forEach(u -> missing.add(u.quantity() + " of line " + u.lineId() + ": " + u.reason()));
            throw new DraftRuleException(draft.id(), "quote-stock", "the stock for the quote is not there: " + missing);
        }
        List<ReservationId> held = new ArrayList<>();
        try {
            for (RoutingPlan.Shipment shipment : plan.shipments()) {
                List<ReserveLine> lines = new ArrayList<>();
                for (LineQuantity lq : shipment.lines()) {
                    lines.add(new ReserveLine(lq.lineId(), preview.requireLine(lq.lineId()).sku(), shipment.location(),
                            lq.quantity()));
                }
                ReservationOutcome outcome = e.inventory().reserve(new ReserveRequest(draft.orderId(), lines,
                        ReservePolicy.ALL_OR_NOTHING, Optional.of(until), 0), CommandKey.reserved("quote",
                                key.value() + "@" + shipment.location().value()));
                Optional<Reservation> reservation = outcome.reservation().filter(r -> r.status().isActive());
                if (reservation.isEmpty()) {
                    throw new DraftRuleException(draft.id(), "quote-stock", "the stock at " + shipment.location()
                            + " went while the quote was sent; send it again, with a new key");
                }
                held.add(reservation.get().id());
            }
        } catch (RuntimeException refused) {
            held.forEach(id -> e.inventory().release(id, giveBackKey(key, id)));
            throw refused;
        }
        return held;
    }

    @Override
    public void release(Draft draft, CommandKey key) {
        for (Reservation r : e.inventory().reservationsOf(draft.orderId())) {
            if (r.status().isActive() && !draft.heldStock().contains(r.id())) {
                e.inventory().release(r.id(), giveBackKey(key, r.id()));
            }
        }
    }

    /**
     * @param draft a converting draft
     * @return the first step of its order's acceptance: the units each of its holds keeps, the
     *     reservation in the line's note
     */
    public static List<ProcessStep> firstSteps(Engines e, Draft draft) {
        List<StepLine> lines = new ArrayList<>();
        for (ReservationId id : draft.heldStock()) {
            e.inventory().findReservation(id).filter(r -> r.status().isActive()).ifPresent(r -> r.lines().forEach(l ->
                    lines.add(new StepLine(l.lineId(), Optional.of(l.position().sku()), l.held(),
                            Optional.of(l.position().location()), Optional.empty(), id.value()))));
        }
        return lines.isEmpty() ? List.of() : List.of(new ProcessStep(HELD, lines, Optional.empty(),
                "held for quote " + draft.id()));
    }

    /** @return the holds a converted quote brought to this acceptance, if it brought any */
    static List<ReservationId> brought(Run run) {
        return run.recorded(HELD).map(s -> s.lines().stream().map(l -> ReservationId.of(l.note())).distinct().toList())
                .orElse(List.of());
    }

    /**
     * Lets a converted quote's order take over the stock its quote held: each hold still active and
     * not lapsed is kept for good (no expiry any more) and becomes a fulfilment order at its location; one that lapsed is given back (it would
     * be swept anyway). Idempotent by keys derived from the reservations, so a resume repeats it
     * harmlessly.
     *
     * @param e the flow's engines
     * @param run the acceptance
     * @param order the order, confirmed and not on hold
     * @return the step: the units taken over, with their fulfilment orders
     */
    static ProcessStep takeOver(Engines e, Run run, Order order) {
        Instant now = e.clock().instant();
        List<StepLine> taken = new ArrayList<>();
        StringJoiner note = new StringJoiner("; ");
        for (ReservationId id : brought(run)) {
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
                // the order's now: it no longer lapses at the quote's expiry
                e.inventory().keep(id, CommandKey.reserved("quote-stock", id + ":keep"));
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

    /** Gives back the holds a converted quote brought that the order did not take over (it ended first). */
    static void giveBackUntaken(Engines e, Run run) {
        if (run.done(STEP)) {
            return;
        }
        for (ReservationId id : brought(run)) {
            e.inventory().findReservation(id).filter(r -> r.status().isActive())
                    .ifPresent(r -> e.inventory().release(id, CommandKey.reserved("quote-stock", id + ":ended")));
        }
    }

    private static CommandKey giveBackKey(CommandKey key, ReservationId id) {
        return CommandKey.reserved("quote", key.value() + ":back:" + id.value());
    }
}
