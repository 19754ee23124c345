package dev.oms.fakes;

import dev.oms.spi.Address;
import dev.oms.spi.Amounts;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LocationId;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.fulfillment.CarrierGateway;
import dev.oms.spi.fulfillment.CarrierGateway.LabelRequest;
import dev.oms.spi.fulfillment.CarrierGateway.LabelResult;
import dev.oms.spi.fulfillment.CarrierGateway.RateQuote;
import dev.oms.spi.fulfillment.CarrierGateway.TrackingUpdate;
import dev.oms.spi.fulfillment.Shipment.ShipmentStatus;
import dev.oms.spi.order.ServiceLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A carrier for tests and examples: deterministic tracking numbers ({@code FAKE000001}, ...),
 * idempotent labels by shipment id, refusals for chosen postal codes, and scripted tracking
 * updates (shipped, in transit, out for delivery, delivered) a test can feed in, out of order or
 * twice, to exercise the tracking rules. Thread-safe.
 */
public final class FakeCarrier implements CarrierGateway {
    private final String code;
    private final String prefix;
    private final AtomicLong numbers = new AtomicLong();
    private final Map<ShipmentId, LabelResult> labels = new ConcurrentHashMap<>();
    private final Set<String> refusedPostalCodes = ConcurrentHashMap.newKeySet();
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();

    /** @param code the carrier's code, for example {@code "fake-post"} */
    public FakeCarrier(String code) {
        this(code, "FAKE");
    }

    /**
     * @param code the carrier's code
     * @param trackingPrefix what tracking numbers start with (carriers sharing one database need their own)
     */
    public FakeCarrier(String code, String trackingPrefix) {
        this.code = InvalidInputException.requireCode(code, "code");
        this.prefix = InvalidInputException.requireCode(trackingPrefix, "trackingPrefix");
    }

    /** @param postalCode labels to it are refused ("address not serviceable") @return this carrier */
    public FakeCarrier refuse(String postalCode) {
        refusedPostalCodes.add(InvalidInputException.requireNonNull(postalCode, "postalCode"));
        return this;
    }

    @Override
    public List<RateQuote> quote(LocationId from, Address to, long units) {
        return List.of(
                new RateQuote(code, "standard", ServiceLevel.STANDARD, Amounts.of(String.valueOf(4 + units / 5), "EUR"), 3),
                new RateQuote(code, "express", ServiceLevel.EXPRESS, Amounts.of(String.valueOf(9 + units / 5), "EUR"), 1));
    }

    @Override
    public LabelResult createLabel(LabelRequest request) {
        InvalidInputException.requireNonNull(request, "request");
        return labels.computeIfAbsent(request.shipmentId(), id -> {
            if (refusedPostalCodes.contains(request.address().postalCode())) {
                return new LabelResult.Failed("address not serviceable");
            }
            String tracking = String.format("%s%06d", prefix, numbers.incrementAndGet());
            String service = request.serviceLevel() == ServiceLevel.EXPRESS ? "express" : "standard";
            return new LabelResult.Created(code, service, tracking, "label://" + code + "/" + tracking + ".pdf");
        });
    }

    /** Voids the label; this fake never sees parcels moving, so the answer is always true. */
    @Override
    public boolean cancelLabel(String trackingNumber) {
        cancelled.add(InvalidInputException.requireNonNull(trackingNumber, "trackingNumber"));
        return true;
    }

    /** @return for how many shipments a label was asked (a repeat for the same shipment asks for none) */
    public int labelsCreated() {
        return labels.size();
    }

    /** @return the tracking numbers of the labels voided so far */
    public Set<String> voidedLabels() {
        return Set.copyOf(cancelled);
    }

    /**
     * The updates a parcel goes through, one a day from {@code shippedAt}: in transit, out for
     * delivery, delivered. Ids are {@code trackingNumber + "-" + step}.
     *
     * @param trackingNumber the parcel
     * @param shippedAt when it was handed over
     * @return the updates, in the order they happen
     */
    public List<TrackingUpdate> journey(String trackingNumber, Instant shippedAt) {
        List<TrackingUpdate> updates = new ArrayList<>();
        ShipmentStatus[] steps = {ShipmentStatus.IN_TRANSIT, ShipmentStatus.OUT_FOR_DELIVERY, ShipmentStatus.DELIVERED};
        for (int i = 0; i < steps.length; i++) {
            updates.add(new TrackingUpdate(trackingNumber + "-" + (i + 1), trackingNumber, steps[i],
                    shippedAt.plus(Duration.ofHours(12L * (i + 1))), steps[i].name().toLowerCase(java.util.Locale.ROOT)));
        }
        return updates;
    }
}
