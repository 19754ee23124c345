package dev.oms.core;

import dev.oms.spi.CommandKey;
import dev.oms.spi.DraftId;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.ReservationId;
import dev.oms.spi.order.Draft;
import dev.oms.spi.order.Draft.DraftRuleException;
import dev.oms.spi.order.Draft.ManualDiscount;
import dev.oms.spi.order.Draft.Quote;
import dev.oms.spi.order.Draft.Status;
import dev.oms.spi.order.NewLine;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.Discount;
import dev.oms.spi.order.Order.OrderHeader;
import dev.oms.spi.order.Order.ShippingCharge;
import dev.oms.spi.order.OrderEdit;
import dev.oms.spi.store.DraftStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Draft orders and quotes: created by an agent or a business buyer, edited freely (lines,
 * quantities, negotiated prices, manual discounts with their reasons, shipping), priced by the
 * same totals as an order, sent as a quote with an expiry on the injected clock, accepted or
 * expired, and converted into an order (by {@code OrderFlow.convert}, which accepts it like any
 * order). The life of a draft is drawn in {@link Draft}.
 *
 * <p>Every change is checked by deciding the order the draft would become
 * ({@link OrderService#preview}): a line, price, attribute or guard an order would refuse is
 * refused on the draft, with the same typed exception, and nothing is saved. A change is saved
 * with the draft's version checked ({@link dev.oms.spi.StaleVersionException.DraftConflictException}
 * if somebody saved it first) and its command key; repeating the last change's key returns the
 * draft as it is. Drafts publish no events: the calls return what changed, for the host to notify.
 *
 * <p>Stock: by default nothing is reserved before the conversion. A quote sent with
 * {@code holdStock} has its stock held for its life by the {@link QuoteStock} the flow gives it
 * (reservations for the order's id, lapsing at the quote's expiry), released when the draft is
 * edited, withdrawn or expires, and taken over by the order when it is converted in time.
 */
public final class Drafts {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Drafts.class);
    private static final int EXPIRY_BATCH = 100;

    private final DraftStore store;
    private final OrderService orders;
    private final Clock clock;
    private final IdGenerator ids;
    private final QuoteStock stock;

    private Drafts(DraftStore store, OrderService orders, Clock clock, IdGenerator ids, QuoteStock stock) {
        this.store = InvalidInputException.requireNonNull(store, "store");
        this.orders = InvalidInputException.requireNonNull(orders, "orders");
        this.clock = InvalidInputException.requireNonNull(clock, "clock");
        this.ids = InvalidInputException.requireNonNull(ids, "ids");
        this.stock = InvalidInputException.requireNonNull(stock, "stock");
    }

    /**
     * Drafts on a store, priced by an order service, on its decider's clock; quotes cannot hold stock.
     *
     * @param store where drafts live
     * @param orders the order service that prices them and places them
     * @param ids where the orders' ids come from
     * @return the drafts
     */
    public static Drafts of(DraftStore store, OrderService orders, IdGenerator ids) {
        return new Drafts(store, orders, orders.decider().clock(), ids, QuoteStock.NONE);
    }

    /**
     * Drafts whose quotes can hold stock (the flow's).
     *
     * @param store where drafts live
     * @param orders the order service
     * @param ids where the orders' ids come from
     * @param stock how a quote's stock is held and given back
     * @return the drafts
     */
    public static Drafts of(DraftStore store, OrderService orders, IdGenerator ids, QuoteStock stock) {
        return new Drafts(store, orders, orders.decider().clock(), ids, stock);
    }

    /**
     * Creates a draft from its first content. The placement's external order id is the draft's id
     * (its quote number); its placed-at is ignored (a draft's is when it last changed).
     *
     * @param content what the draft starts with: header, lines, discounts, shipping
     * @param author who creates it
     * @param key the command key
     * @return the new draft ({@link Status#OPEN}, version 1); or, for a repeat with the same key
     *     before any other change, the draft
     * @throws DraftRuleException ({@code draft-id-unique}) if a draft with that id exists (made
     *     with another key)
     * @throws dev.oms.spi.OmsException whatever placing this content as an order would throw
     */
    public Draft create(PlaceOrder content, String author, CommandKey key) {
        InvalidInputException.requireNonNull(content, "content");
        InvalidInputException.requireCode(author, "author");
        InvalidInputException.requireNonNull(key, "key");
        DraftId id = DraftId.of(content.header().externalOrderId().value());
        Optional<Draft> existing = store.load(id);
        if (existing.isPresent()) {
            if (isRepeat(existing.get(), key)) {
                return existing.get();
            }
            throw new DraftRuleException(id, "draft-id-unique", "a draft with this id exists already");
        }
        Instant now = clock.instant();
        Draft draft = new Draft(id, 1, Status.OPEN, author, ids.newOrderId(), placedAt(content.header(), now),
                content.lines(), content.discounts(), content.shippingCharges(), List.of(), Optional.empty(),
                List.of(), now, now, Optional.of(key));
        preview(draft);
        store.save(draft);
        return draft;
    }

    /**
     * @param id the draft
     * @return it, if there is one
     */
    public Optional<Draft> find(DraftId id) {
        return store.load(InvalidInputException.requireNonNull(id, "id"));
    }

    /**
     * @param id the draft
     * @return it
     * @throws DraftRuleException ({@code draft-exists}) if there is none
     */
    public Draft load(DraftId id) {
        return find(id).orElseThrow(() -> new DraftRuleException(id, "draft-exists", "there is no such draft"));
    }

    /**
     * The order the draft would be if it were converted now: validated, taxed and priced as an
     * order; {@code OrderTotals.of(preview(draft))} are its totals.
     *
     * @param draft the draft
     * @return the order it would become (not saved)
     */
    public Order preview(Draft draft) {
        return orders.preview(draft.orderId(), placement(draft));
    }

    /**
     * @param draft the draft
     * @return its totals, exactly as the order's would be
     */
    public OrderTotals totals(Draft draft) {
        return OrderTotals.of(preview(draft));
    }

    /**
     * The placement that converts the draft: its content, placed at its last change (so a repeated
     * conversion is the same placement).
     *
     * @param draft the draft
     * @return the placement
     */
    public static PlaceOrder placement(Draft draft) {
        InvalidInputException.requireNonNull(draft, "draft");
        return new PlaceOrder(placedAt(draft.header(), draft.updatedAt()), draft.lines(), draft.discounts(),
                draft.shippingCharges());
    }

    /**
     * Edits a draft: the changes are applied together, in order, or not at all. A quoted or expired
     * draft goes back to {@link Status#OPEN}: its quote is withdrawn and the stock it held given back.
     *
     * @param id the draft
     * @param expectedVersion the version the changes were decided on
     * @param edits the changes, at least one
     * @param agent who makes them (recorded with a manual discount)
     * @param key the command key
     * @return the draft after the changes
     * @throws DraftRuleException ({@code draft-editable}) if it is accepted, converted or withdrawn
     * @throws dev.oms.spi.StaleVersionException.DraftConflictException if it is not at the expected
     *     version
     * @throws InvalidInputException naming the change ({@code edits[1].lineId}) if it is wrong, or
     *     whatever an order with this content would be refused with; nothing changed
     */
    public Draft edit(DraftId id, long expectedVersion, List<DraftEdit> edits, String agent, CommandKey key) {
        InvalidInputException.requireNonNull(edits, "edits");
        InvalidInputException.requireCode(agent, "agent");
        if (edits.isEmpty()) {
            throw new InvalidInputException("edits", "at least one change");
        }
        Draft draft = current(id, key);
        if (isRepeat(draft, key)) {
            giveBack(draft, key); // a crash may have stopped the first call after its save
            return draft;
        }
        if (draft.version() != expectedVersion) {
            throw new dev.oms.spi.StaleVersionException.DraftConflictException(id, expectedVersion, draft.version());
        }
        if (draft.status() == Status.ACCEPTED || draft.status() == Status.CONVERTING || draft.status().isFinal()) {
            throw new DraftRuleException(id, "draft-editable", "a draft " + draft.status()
                    + " cannot be edited; an accepted quote is converted or withdrawn");
        }
        Instant now = clock.instant();
        Content next = new Content(draft);
        for (int i = 0; i < edits.size(); i++) {
            next.apply(InvalidInputException.requireNonNull(edits.get(i), "edits[" + i + "]"), "edits[" + i + "]",
                    agent, now);
        }
        Draft edited = new Draft(id, draft.version() + 1, Status.OPEN, draft.author(), draft.orderId(),
                placedAt(next.header, now), next.lines, next.discounts, next.shipping, next.manual, Optional.empty(),
                List.of(), draft.createdAt(), now, Optional.of(key));
        preview(edited);
        store.save(edited);
        giveBack(edited, key);
        return edited;
    }

    /**
     * Sends the draft as a quote: its grand total is fixed as quoted until it is accepted, edited or
     * expires.
     *
     * @param id the draft
     * @param expiresAt until when the buyer can accept it (after now)
     * @param holdStock whether its stock is held for its life (needs the flow's drafts)
     * @param key the command key
     * @return the quoted draft
     * @throws DraftRuleException ({@code draft-quotable}) if it is not open or expired;
     *     ({@code quote-stock}) if its stock cannot be held (these drafts hold none, or the stock
     *     is not there)
     * @throws InvalidInputException if the expiry is not after now
     */
    public Draft sendQuote(DraftId id, Instant expiresAt, boolean holdStock, CommandKey key) {
        InvalidInputException.requireNonNull(expiresAt, "expiresAt");
        Draft draft = current(id, key);
        if (isRepeat(draft, key)) {
            return draft;
        }
        if (draft.status() != Status.OPEN && draft.status() != Status.EXPIRED) {
            throw new DraftRuleException(id, "draft-quotable", "a draft " + draft.status() + " cannot be sent as a quote");
        }
        Instant now = clock.instant();
        if (!expiresAt.isAfter(now)) {
            throw new InvalidInputException("expiresAt", expiresAt + " is not after now (" + now + ")");
        }
        Order preview = preview(draft);
        Quote quote = new Quote(now, expiresAt, OrderTotals.of(preview).grandTotal(), Optional.empty(),
                Optional.empty());
        List<ReservationId> held = holdStock ? stock.hold(draft, preview, expiresAt, key) : List.of();
        Draft quoted = next(draft, Status.QUOTED, Optional.of(quote), held, now, key);
        try {
            store.save(quoted);
        } catch (dev.oms.spi.StaleVersionException.DraftConflictException raced) {
            giveBack(store.load(id).orElse(draft), key); // what this call held goes back
            throw raced;
        }
        return quoted;
    }

    /**
     * The buyer accepts the quote, before its expiry on the injected clock.
     *
     * @param id the draft
     * @param buyer who accepts it
     * @param key the command key
     * @return the accepted draft, ready to convert
     * @throws DraftRuleException ({@code quote-accepted-in-time}) if it is not quoted or its quote
     *     has expired; nothing changed
     */
    public Draft acceptQuote(DraftId id, String buyer, CommandKey key) {
        InvalidInputException.requireCode(buyer, "buyer");
        Draft draft = current(id, key);
        if (isRepeat(draft, key)) {
            return draft;
        }
        Instant now = clock.instant();
        if (draft.status() != Status.QUOTED) {
            throw new DraftRuleException(id, "quote-accepted-in-time", "a draft " + draft.status()
                    + " has no quote to accept");
        }
        Quote quote = draft.quote().orElseThrow();
        if (quote.isExpiredAt(now)) {
            throw new DraftRuleException(id, "quote-accepted-in-time", "the quote expired at " + quote.expiresAt());
        }
        Quote accepted = new Quote(quote.sentAt(), quote.expiresAt(), quote.grandTotal(), Optional.of(now),
                Optional.of(buyer));
        Draft next = next(draft, Status.ACCEPTED, Optional.of(accepted), draft.heldStock(), now, key);
        store.save(next);
        return next;
    }

    /**
     * Gives the draft up; the stock its quote held goes back.
     *
     * @param id the draft
     * @param key the command key
     * @return the withdrawn draft
     * @throws DraftRuleException ({@code draft-withdrawable}) if it is converted or being converted
     */
    public Draft withdraw(DraftId id, CommandKey key) {
        Draft draft = current(id, key);
        if (isRepeat(draft, key) || draft.status() == Status.WITHDRAWN) {
            giveBack(draft, key);
            return draft;
        }
        if (draft.status() == Status.CONVERTED || draft.status() == Status.CONVERTING) {
            throw new DraftRuleException(id, "draft-withdrawable", "it is " + (draft.status() == Status.CONVERTED
                    ? "an order already: cancel the order" : "being converted: convert it again to finish, then "
                    + "cancel the order"));
        }
        Draft next = moved(draft, Status.WITHDRAWN, key);
        store.save(next);
        giveBack(next, key);
        return next;
    }

    /**
     * Expires every quote whose expiry has passed on the injected clock and gives back the stock it
     * held. Safe to run on a schedule and from several instances (a draft changed meanwhile is
     * left to the next run).
     *
     * @return the drafts expired by this call
     */
    public List<Draft> expireQuotes() {
        Instant now = clock.instant();
        List<Draft> expired = new ArrayList<>();
        for (Draft draft : store.quotesExpiredBy(now, EXPIRY_BATCH)) {
            CommandKey key = CommandKey.reserved("draft-expiry", draft.id() + "@" + draft.version());
            Draft next = moved(draft, Status.EXPIRED, key);
            try {
                store.save(next);
                giveBack(next, key);
                expired.add(next);
            } catch (RuntimeException raced) {
                // changed meanwhile (accepted, edited, expired by another instance), or its stock
                // could not be given back now (the holds lapse at the same time anyway): the next
                // run looks again; one draft never stops the others
                LOG.debug("draft {} not expired now: {}", draft.id(), raced.toString());
            }
        }
        return expired;
    }

    /**
     * Starts a conversion: saves the draft as {@link Status#CONVERTING}, version-checked, so that it
     * wins or loses against an edit or a withdrawal of the same version and neither can change it
     * after; its last-changed time is then its order's placed-at ({@code OrderFlow.convert} calls it
     * before placing the order). A draft converting or converted already is returned as it is.
     *
     * @param id the draft
     * @param key the command key
     * @return the converting draft
     * @throws DraftRuleException ({@code draft-convertible}) if it is neither open nor accepted
     * @throws dev.oms.spi.StaleVersionException.DraftConflictException if it changed meanwhile
     */
    public Draft converting(DraftId id, CommandKey key) {
        Draft draft = current(id, key);
        if (draft.status() == Status.CONVERTING || draft.status() == Status.CONVERTED) {
            return draft;
        }
        requireConvertible(draft);
        Draft next = moved(draft, Status.CONVERTING, key);
        store.save(next);
        return next;
    }

    /**
     * Records that a converting draft became its order ({@code OrderFlow.convert} calls it after
     * placing the order); its last-changed time stays when the conversion began.
     *
     * @param id the draft
     * @param key the command key
     * @return the converted draft
     * @throws DraftRuleException ({@code draft-convertible}) if it is not converting
     */
    public Draft converted(DraftId id, CommandKey key) {
        Draft draft = current(id, key);
        if (draft.status() == Status.CONVERTED) {
            return draft;
        }
        if (draft.status() != Status.CONVERTING) {
            throw new DraftRuleException(id, "draft-convertible", "a draft " + draft.status()
                    + " is not being converted");
        }
        Draft next = next(draft, Status.CONVERTED, draft.quote(), draft.heldStock(), draft.updatedAt(), key);
        store.save(next);
        return next;
    }

    /**
     * Checks that a draft may become an order: an open draft (an agent's draft order) or an
     * accepted quote (accepted before its expiry; once accepted it stays convertible).
     *
     * @param draft the draft
     * @throws DraftRuleException ({@code draft-convertible}) otherwise
     */
    public static void requireConvertible(Draft draft) {
        if (draft.status() != Status.OPEN && draft.status() != Status.ACCEPTED) {
            throw new DraftRuleException(draft.id(), "draft-convertible", "a draft " + draft.status()
                    + " cannot become an order" + (draft.status() == Status.QUOTED ? ": the buyer has not accepted the quote"
                            : ""));
        }
    }

    /**
     * Erases the personal data of a draft that did not become an order (withdrawn, expired, or one
     * a customer asks to be forgotten, which withdraws it): as an order's erasure does (addresses to their country, the
     * customer, the buyer and the author {@code erased}, text attributes and the reasons of manual
     * discounts empty); the stock its quote held goes back. A converted draft is erased with its
     * order ({@code OrderFlow.erasePersonalData}).
     *
     * @param id the draft
     * @param key the command key
     * @return the draft, erased
     * @throws DraftRuleException ({@code erase-with-the-order}) if it is converting or converted
     */
    public Draft erasePersonalData(DraftId id, CommandKey key) {
        Draft draft = current(id, key);
        if (draft.status() == Status.CONVERTING || draft.status() == Status.CONVERTED) {
            throw new DraftRuleException(id, "erase-with-the-order", "it became order " + draft.orderId()
                    + ": erase the order's personal data, which erases the draft's too");
        }
        if (!dev.oms.spi.internal.PersonalData.holdsPersonalData(draft)) {
            return draft;
        }
        Draft erased = dev.oms.spi.internal.PersonalData.erased(draft);
        Draft next = new Draft(erased.id(), erased.version(), draft.status() == Status.WITHDRAWN
                || draft.status() == Status.EXPIRED ? draft.status() : Status.WITHDRAWN, erased.author(),
                erased.orderId(), erased.header(), erased.lines(), erased.discounts(), erased.shippingCharges(),
                erased.manualDiscounts(), erased.quote(), List.of(), erased.createdAt(), clock.instant(),
                Optional.of(key));
        store.save(next);
        giveBack(next, key);
        return next;
    }

    private Draft current(DraftId id, CommandKey key) {
        InvalidInputException.requireNonNull(id, "id");
        InvalidInputException.requireNonNull(key, "key");
        return load(id);
    }

    private static boolean isRepeat(Draft draft, CommandKey key) {
        return draft.lastKey().equals(Optional.of(key));
    }

    /** The draft moved to a status now, its quote kept; its holds kept only while it is converting. */
    private Draft moved(Draft draft, Status status, CommandKey key) {
        return next(draft, status, draft.quote(), status == Status.CONVERTING ? draft.heldStock() : List.of(),
                clock.instant(), key);
    }

    /** The draft's next version with its content unchanged. */
    private static Draft next(Draft draft, Status status, Optional<Quote> quote, List<ReservationId> held,
            Instant updatedAt, CommandKey key) {
        return new Draft(draft.id(), draft.version() + 1, status, draft.author(), draft.orderId(), draft.header(),
                draft.lines(), draft.discounts(), draft.shippingCharges(), draft.manualDiscounts(), quote, held,
                draft.createdAt(), updatedAt, Optional.of(key));
    }

    /**
     * Gives back every hold of the draft's order id that the draft, as saved now, does not list (the
     * quote it had, or holds a crash left behind); never once it is an order's.
     */
    private void giveBack(Draft now, CommandKey key) {
        if (now.status() != Status.CONVERTING && now.status() != Status.CONVERTED) {
            stock.release(now, key);
        }
    }

    private static OrderHeader placedAt(OrderHeader h, Instant at) {
        return new OrderHeader(h.channel(), h.externalOrderId(), h.customer(), h.billingAddress(),
                h.shippingAddress(), h.serviceLevel(), h.pickupLocation(), h.currency(), h.taxPolicy(), h.pricing(),
                at, h.tags(), h.attributes(), h.b2b());
    }

    /** A draft's content while changes are applied to it. */
    private static final class Content {
        private OrderHeader header;
        private final List<NewLine> lines;
        private final List<Discount> discounts;
        private List<ShippingCharge> shipping;
        private final List<ManualDiscount> manual;

        Content(Draft draft) {
            header = draft.header();
            lines = new ArrayList<>(draft.lines());
            discounts = new ArrayList<>(draft.discounts());
            shipping = draft.shippingCharges();
            manual = new ArrayList<>(draft.manualDiscounts());
        }

        void apply(DraftEdit edit, String at, String agent, Instant now) {
            if (edit instanceof DraftEdit.Change c) {
                change(c.edit(), at);
            } else if (edit instanceof DraftEdit.Reprice r) {
                NewLine line = lines.get(index(r.lineId(), at));
                if (r.unitPrice().getCurrency().equals(line.unitPrice().getCurrency())
                        && line.unitDiscount().isGreaterThan(r.unitPrice())) {
                    throw new InvalidInputException(at + ".unitPrice", "the line's discount " + line.unitDiscount()
                            + " exceeds the new price " + r.unitPrice() + "; lower the discount first");
                }
                lines.set(index(r.lineId(), at), new NewLine(line.id(), line.sku(), line.quantity(), r.unitPrice(),
                        line.unitDiscount(), line.tax(), line.attributes()));
            } else if (edit instanceof DraftEdit.LineDiscount d) {
                int i = index(d.lineId(), at);
                lines.set(i, lines.get(i).withUnitDiscount(d.unitDiscount()));
                manual.add(new ManualDiscount(Optional.of(d.lineId()), "manual", d.unitDiscount(), d.reason(), agent,
                        now));
            } else if (edit instanceof DraftEdit.OrderDiscount d) {
                ManualDiscount record = new ManualDiscount(Optional.empty(), d.code(), d.amount(), d.reason(), agent,
                        now);
                discounts.removeIf(x -> x.code().equals(d.code()));
                if (!d.amount().isZero()) {
                    discounts.add(new Discount(d.code(), d.amount()));
                }
                manual.add(record);
            } else if (edit instanceof DraftEdit.Shipping s) {
                shipping = s.charges();
            }
        }

        private void change(OrderEdit edit, String at) {
            if (edit instanceof OrderEdit.AddLine a) {
                lines.add(a.line());
            } else if (edit instanceof OrderEdit.RemoveLine r) {
                lines.remove(index(r.lineId(), at));
                if (lines.isEmpty()) {
                    throw new InvalidInputException(at + ".lineId", "a draft keeps at least one line; withdraw it instead");
                }
            } else if (edit instanceof OrderEdit.ChangeQuantity q) {
                int i = index(q.lineId(), at);
                NewLine line = lines.get(i);
                lines.set(i, new NewLine(line.id(), line.sku(), q.openQuantity(), line.unitPrice(), line.unitDiscount(),
                        line.tax(), line.attributes()));
            } else if (edit instanceof OrderEdit.ChangeShippingAddress s) {
                header = header.withShippingAddress(s.address());
            } else if (edit instanceof OrderEdit.SetAttributes s) {
                if (s.lineId().isEmpty()) {
                    header = header.withAttributes(s.attributes());
                } else {
                    int i = index(s.lineId().get(), at);
                    lines.set(i, lines.get(i).withAttributes(s.attributes()));
                }
            }
        }

        private int index(LineId id, String at) {
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).id().equals(id)) {
                    return i;
                }
            }
            throw new InvalidInputException(at + ".lineId", "the draft has no line " + id);
        }
    }

    /**
     * How a quote's stock is held for its life and given back: the flow's drafts reserve it for
     * the draft's order id, lapsing at the quote's expiry, at the locations its router chooses.
     * Both operations are idempotent by keys derived from the key given.
     */
    public interface QuoteStock {
        /** Holds nothing: a quote sent with {@code holdStock} is refused. */
        QuoteStock NONE = new QuoteStock() {
            @Override
            public List<ReservationId> hold(Draft draft, Order preview, Instant until, CommandKey key) {
                throw new DraftRuleException(draft.id(), "quote-stock", "these drafts cannot hold stock: use the "
                        + "flow's drafts (OrderFlow.drafts())");
            }

            @Override
            public void release(Draft draft, CommandKey key) {
                // nothing held
            }
        };

        /**
         * Holds every unit of the draft, all or nothing.
         *
         * @param draft the draft
         * @param preview the order it would become
         * @param until when the hold lapses
         * @param key the command key that sends the quote
         * @return the reservations that hold it
         * @throws DraftRuleException ({@code quote-stock}) if the stock is not there; nothing held
         */
        List<ReservationId> hold(Draft draft, Order preview, Instant until, CommandKey key);

        /**
         * Gives back every active hold of the draft's order id that the draft does not list in
         * {@link Draft#heldStock()} (the holds of a quote it no longer has, or that a crash left).
         *
         * @param draft the draft as saved now (not converting or converted)
         * @param key the command key of the change that gives them back
         */
        void release(Draft draft, CommandKey key);
    }
}
