package dev.oms.fulfillment;

import static dev.oms.fulfillment.FulfillmentCommand.FulfillmentCommandKind.*;
import static dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentOrderStatus.*;
import dev.oms.core.internal.shared.StateDiagram;
import dev.oms.fulfillment.FulfillmentCommand.FulfillmentCommandKind;
import dev.oms.fulfillment.FulfillmentDecider.FulfillmentRuleException;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentOrderStatus;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The fulfilment-order lifecycle as data: for every status, the commands it allows and the
 * statuses each can lead to. Declared once here; {@link FulfillmentDecider} refuses anything else
 * with a {@link FulfillmentRuleException} (the kind's {@link FulfillmentCommandKind#rule()}),
 * evolving an event checks its status against it, and {@link #mermaid()} renders the diagram the
 * module README shows (a test keeps the README's copy equal to it).
 */
public final class FulfillmentTransitions {
    private static final Set<FulfillmentOrderStatus> CARRIER = EnumSet.of(SHIPPED, IN_TRANSIT, DELIVERED, EXCEPTION,
            RETURNED_TO_SENDER);
    private static final Map<FulfillmentOrderStatus, Map<FulfillmentCommandKind, Set<FulfillmentOrderStatus>>> TABLE =
            build();

    private FulfillmentTransitions() {
    }

    private static Map<FulfillmentOrderStatus, Map<FulfillmentCommandKind, Set<FulfillmentOrderStatus>>> build() {
        Map<FulfillmentOrderStatus, Map<FulfillmentCommandKind, Set<FulfillmentOrderStatus>>> t =
                new EnumMap<>(FulfillmentOrderStatus.class);
        for (FulfillmentOrderStatus s : FulfillmentOrderStatus.values()) {
            t.put(s, new LinkedHashMap<>());
        }
        for (FulfillmentOrderStatus open : EnumSet.of(CREATED, PICKING, PACKED, READY_FOR_PICKUP, PARTIALLY_SHIPPED)) {
            allow(t, open, PLACE_HOLD, EnumSet.of(open));
            allow(t, open, RELEASE_HOLD, EnumSet.of(open));
        }
        allow(t, CREATED, START_PICKING, EnumSet.of(PICKING));
        allow(t, PICKING, PACK, EnumSet.of(PACKED));
        allow(t, PACKED, SHIP, EnumSet.of(PARTIALLY_SHIPPED, SHIPPED));
        allow(t, PACKED, MARK_READY_FOR_PICKUP, EnumSet.of(READY_FOR_PICKUP));
        allow(t, READY_FOR_PICKUP, PICK_UP, EnumSet.of(PICKED_UP));
        allow(t, READY_FOR_PICKUP, EXPIRE_PICKUP, EnumSet.of(PICKUP_EXPIRED));
        for (FulfillmentOrderStatus before : EnumSet.of(CREATED, PICKING, PACKED, READY_FOR_PICKUP)) {
            allow(t, before, CANCEL_UNITS, EnumSet.of(before, CANCELLED));
            allow(t, before, CANCEL, EnumSet.of(CANCELLED));
        }
        allow(t, PARTIALLY_SHIPPED, SHIP, EnumSet.of(PARTIALLY_SHIPPED, SHIPPED));
        allow(t, PARTIALLY_SHIPPED, TRACK, EnumSet.of(PARTIALLY_SHIPPED));
        // cancelling the rest of a partly shipped order leaves it where its parcels are
        Set<FulfillmentOrderStatus> afterRest = EnumSet.of(PARTIALLY_SHIPPED);
        afterRest.addAll(CARRIER);
        allow(t, PARTIALLY_SHIPPED, CANCEL_UNITS, afterRest);
        // the carrier moves parcels; a late or repeated scan is recorded where the order already is
        allow(t, SHIPPED, TRACK, CARRIER);
        allow(t, IN_TRANSIT, TRACK, EnumSet.of(IN_TRANSIT, DELIVERED, EXCEPTION, RETURNED_TO_SENDER));
        allow(t, EXCEPTION, TRACK, EnumSet.of(EXCEPTION, IN_TRANSIT, DELIVERED, RETURNED_TO_SENDER));
        allow(t, DELIVERED, TRACK, EnumSet.of(DELIVERED));
        allow(t, RETURNED_TO_SENDER, TRACK, EnumSet.of(RETURNED_TO_SENDER));
        Map<FulfillmentOrderStatus, Map<FulfillmentCommandKind, Set<FulfillmentOrderStatus>>> frozen =
                new EnumMap<>(FulfillmentOrderStatus.class);
        t.forEach((status, row) -> frozen.put(status, Collections.unmodifiableMap(row)));
        return Collections.unmodifiableMap(frozen);
    }

    private static void allow(Map<FulfillmentOrderStatus, Map<FulfillmentCommandKind, Set<FulfillmentOrderStatus>>> t,
            FulfillmentOrderStatus from, FulfillmentCommandKind kind, Set<FulfillmentOrderStatus> to) {
        t.get(from).put(kind, Collections.unmodifiableSet(EnumSet.copyOf(to)));
    }

    /** @return the status every fulfilment order starts in */
    public static FulfillmentOrderStatus initialStatus() {
        return CREATED;
    }

    /**
     * @param status a status
     * @param kind a command kind
     * @return whether the status allows it
     */
    public static boolean allows(FulfillmentOrderStatus status, FulfillmentCommandKind kind) {
        return TABLE.get(status).containsKey(kind);
    }

    /**
     * @param status a status
     * @param kind a command kind
     * @return the statuses the command can lead to; empty if not allowed
     */
    public static Set<FulfillmentOrderStatus> targets(FulfillmentOrderStatus status, FulfillmentCommandKind kind) {
        return TABLE.get(status).getOrDefault(kind, Set.of());
    }

    /**
     * Refuses a command the fulfilment order's status does not allow.
     *
     * @param fo the fulfilment order
     * @param kind the command kind
     * @throws FulfillmentRuleException named by the kind's rule, if the status does not allow it
     */
    public static void check(FulfillmentOrder fo, FulfillmentCommandKind kind) {
        if (!allows(fo.status(), kind)) {
            throw new FulfillmentRuleException(fo.id(), kind.rule(), "it is " + fo.status() + "; " + kind.label()
                    + " is allowed in " + statusesAllowing(kind));
        }
    }

    private static Set<FulfillmentOrderStatus> statusesAllowing(FulfillmentCommandKind kind) {
        Set<FulfillmentOrderStatus> in = EnumSet.noneOf(FulfillmentOrderStatus.class);
        TABLE.forEach((status, row) -> {
            if (row.containsKey(kind)) {
                in.add(status);
            }
        });
        return in;
    }

    /**
     * The lifecycle as a Mermaid state diagram: one arrow per change of status, labelled with the
     * commands that cause it; commands that keep the status are listed in a note per status.
     *
     * @return the diagram source, starting with {@code stateDiagram-v2}
     */
    public static String mermaid() {
        return StateDiagram.mermaid(FulfillmentOrderStatus.values(), initialStatus(), CREATE.label(), TABLE,
                FulfillmentCommandKind::label);
    }

    /** @return every status with the kinds it allows and their targets, for tests and tools */
    public static Map<FulfillmentOrderStatus, Map<FulfillmentCommandKind, Set<FulfillmentOrderStatus>>> asMap() {
        return new LinkedHashMap<>(TABLE);
    }
}
