package dev.oms.examples.shopday;

import dev.oms.spi.Address;
import dev.oms.spi.Amounts;
import dev.oms.spi.LocationId;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.fulfillment.CarrierGateway;
import dev.oms.spi.fulfillment.CarrierGateway.LabelRequest;
import dev.oms.spi.fulfillment.CarrierGateway.LabelResult;
import dev.oms.spi.fulfillment.CarrierGateway.RateQuote;
import dev.oms.spi.fulfillment.CarrierGateway.TrackingUpdate;
import dev.oms.spi.fulfillment.Shipment;
import dev.oms.spi.fulfillment.Shipment.ShipmentStatus;
import dev.oms.spi.order.ServiceLevel;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The host's parcel carrier, simulated the way real ones behave: its label API is sometimes
 * unavailable (a technical failure, thrown, so nothing is bought and the host tries again later);
 * labels are idempotent by shipment id; parcels are scanned in transit, out for delivery and
 * delivered, one to three days after handover depending on the service and whether they cross a
 * border; about one scan in ten reaches the host late, after the next one; and a parcel can be lost
 * (an exception scan after four days, no delivery). Deterministic for a seed. Thread-safe.
 */
final class SimulatedCarrier implements CarrierGateway {
    /** The carrier API was down: no label was created. */
    static final class CarrierUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CarrierUnavailableException(String message) {
            super(message);
        }
    }

    /** A scan: what happened and when the carrier's webhook reaches the host. */
    record Scan(TrackingUpdate update, Instant arrivesAt) {
    }

    private final SplittableRandom random;
    private final double outageRate;
    private final Map<ShipmentId, LabelResult> labels = new ConcurrentHashMap<>();
    private final AtomicLong numbers = new AtomicLong();
    private final AtomicLong outages = new AtomicLong();
    private final AtomicLong lateScans = new AtomicLong();

    /**
     * @param seed the seed of its randomness
     * @param outageRate the share of label calls that fail with the API unavailable
     */
    SimulatedCarrier(long seed, double outageRate) {
        this.random = new SplittableRandom(seed);
        this.outageRate = outageRate;
    }

    @Override
    public List<RateQuote> quote(LocationId from, Address to, long units) {
        return List.of(new RateQuote("parcelco", "standard", ServiceLevel.STANDARD, Amounts.of("4.20", "EUR"), 2),
                new RateQuote("parcelco", "express", ServiceLevel.EXPRESS, Amounts.of("8.90", "EUR"), 1));
    }

    @Override
    public synchronized LabelResult createLabel(LabelRequest request) {
        LabelResult known = labels.get(request.shipmentId());
        if (known != null) {
            return known;
        }
        if (random.nextDouble() < outageRate) {
            outages.incrementAndGet();
            throw new CarrierUnavailableException("parcelco label API: 503 service unavailable");
        }
        String tracking = String.format("PC%08d", numbers.incrementAndGet());
        String service = request.serviceLevel() == ServiceLevel.EXPRESS ? "express" : "standard";
        LabelResult created = new LabelResult.Created("parcelco", service, tracking, "https://labels.parcelco.example/"
                + tracking + ".pdf");
        labels.put(request.shipmentId(), created);
        return created;
    }

    @Override
    public boolean cancelLabel(String trackingNumber) {
        return true;
    }

    /**
     * The scans a parcel will get, for the host to feed in as they arrive.
     *
     * @param shipment the parcel, just handed over
     * @param to where it goes
     * @param level its service level
     * @param lost whether this parcel disappears
     * @return its scans, in the order they happen (not necessarily the order they arrive)
     */
    synchronized List<Scan> journey(Shipment shipment, Address to, ServiceLevel level, boolean lost) {
        Instant handedOver = shipment.statusAt();
        boolean domestic = Network.countryOf(shipment.location()).equals(to.country());
        int days = level == ServiceLevel.EXPRESS ? 1 : domestic ? 1 + random.nextInt(2) : 2 + random.nextInt(2);
        Instant inTransit = handedOver.plus(Duration.ofMinutes(180 + random.nextInt(300)));
        Instant outForDelivery = handedOver.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(days))
                .plus(Duration.ofMinutes(6 * 60 + random.nextInt(150)));
        Instant delivered = outForDelivery.plus(Duration.ofMinutes(90 + random.nextInt(420)));
        List<Scan> scans = new ArrayList<>();
        scans.add(scan(shipment, 1, ShipmentStatus.IN_TRANSIT, inTransit, "sorted at hub"));
        if (lost) {
            scans.add(scan(shipment, 2, ShipmentStatus.EXCEPTION, handedOver.plus(Duration.ofDays(4)),
                    "parcel cannot be located"));
            return scans;
        }
        scans.add(scan(shipment, 2, ShipmentStatus.OUT_FOR_DELIVERY, outForDelivery, "out for delivery"));
        scans.add(scan(shipment, 3, ShipmentStatus.DELIVERED, delivered, "delivered to recipient"));
        return scans;
    }

    private Scan scan(Shipment shipment, int step, ShipmentStatus status, Instant at, String detail) {
        TrackingUpdate update = new TrackingUpdate(shipment.trackingNumber() + "-" + step, shipment.trackingNumber(),
                status, at, detail);
        if (random.nextInt(10) == 0) {
            lateScans.incrementAndGet();
            return new Scan(update, at.plus(Duration.ofHours(6 + random.nextInt(24))));
        }
        return new Scan(update, at.plus(Duration.ofMinutes(1)));
    }

    long outages() {
        return outages.get();
    }

    long lateScans() {
        return lateScans.get();
    }

    static Instant startOfDay(Instant at) {
        return at.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant();
    }
}
