package dev.oms.spi.returns;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import java.util.List;

/**
 * Units of one order line in a return request.
 *
 * <p>Invariants, checked on construction: {@code quantity > 0}; {@code received <= quantity};
 * the inspected units ({@link #inspected()}) never exceed {@code received}.
 *
 * @param lineId the order line
 * @param sku its SKU
 * @param quantity units asked for
 * @param reason the reason code, from the host's reason catalogue
 * @param received units that arrived
 * @param inspections what the inspector decided, in order
 */
public record ReturnLine(LineId lineId, Sku sku, Quantity quantity, String reason, Quantity received,
        List<Inspection> inspections) {
    /** @throws InvalidInputException if a field is null or an invariant is broken */
    public ReturnLine {
        InvalidInputException.requireNonNull(lineId, "ReturnLine.lineId");
        InvalidInputException.requireNonNull(sku, "ReturnLine.sku");
        Quantity.requirePositive(quantity, "ReturnLine.quantity");
        InvalidInputException.requireCode(reason, "ReturnLine.reason");
        InvalidInputException.requireNonNull(received, "ReturnLine.received");
        inspections = List.copyOf(InvalidInputException.requireNonNull(inspections, "ReturnLine.inspections"));
        if (received.isGreaterThan(quantity)) {
            throw new InvalidInputException("ReturnLine.received", "line " + lineId + ": received " + received
                    + " exceeds the " + quantity + " asked for");
        }
        long inspected = inspections.stream().mapToLong(i -> i.quantity().value()).sum();
        if (inspected > received.value()) {
            throw new InvalidInputException("ReturnLine.inspections", "line " + lineId + ": " + inspected
                    + " inspected but only " + received + " received");
        }
    }

    /**
     * @param lineId the order line
     * @param sku its SKU
     * @param quantity units asked for
     * @param reason the reason code
     * @return a line with nothing received yet
     */
    public static ReturnLine requested(LineId lineId, Sku sku, Quantity quantity, String reason) {
        return new ReturnLine(lineId, sku, quantity, reason, Quantity.ZERO, List.of());
    }

    /** @return units with an inspection */
    public Quantity inspected() {
        return Quantity.of(inspections.stream().mapToLong(i -> i.quantity().value()).sum());
    }

    /** @return this line after {@code q} more units arrived */
    public ReturnLine receive(Quantity q) {
        return new ReturnLine(lineId, sku, quantity, reason, received.plus(q), inspections);
    }

    /** @return this line with more inspections */
    public ReturnLine inspect(List<Inspection> more) {
        List<Inspection> all = new java.util.ArrayList<>(inspections);
        all.addAll(more);
        return new ReturnLine(lineId, sku, quantity, reason, received, all);
    }
}
