package dev.oms.flow;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which products are made to order, and how: the host's recipes ({@link OrderFlow.Builder#production}).
 *
 * <p>A line of a made-to-order SKU is not routed from stock. When its order is accepted (confirmed,
 * and no longer on hold: an approval comes first), its production is planned: each stage's planned
 * end is the one before plus the stage's duration, from the acceptance; the delivery promised is the
 * last stage's planned end plus the recipe's delivery time, recorded on the order as a
 * {@code DeliveryPromised} event. The host reports each stage as it completes
 * ({@link OrderFlow#completeStage}), in the recipe's order. A stage that completes after its
 * planned end moves the plan of the stages after it, and the promise, by as much: a new
 * {@code DeliveryPromised} naming the late stage, the event to notify the customer with (a stage
 * done early moves nothing: the promise stands). When the last stage completes, the units are
 * received at the recipe's workshop, reserved there and given a fulfilment order, and ship like any
 * other.
 *
 * <p>Production is a part of the order's acceptance process: it waits for
 * {@code WaitReason.PRODUCTION}, each report is recorded once (a repeat of the same report changes
 * nothing), and a resume finishes a completion a crash interrupted. A cancellation of the order or of
 * the line ends it. The workshop must stock the SKU (a position, with nothing on hand). Lines of other
 * SKUs of the same order are routed from stock as usual; those that wait for stock are routed again
 * at each report and when production ends.
 */
@FunctionalInterface
public interface Production {
    /** Nothing is made to order. */
    Production NONE = sku -> Optional.empty();

    /**
     * @param sku a product
     * @return how it is made, or empty if it is sold from stock
     */
    Optional<Recipe> recipeFor(Sku sku);

    /**
     * How a made-to-order product is made.
     *
     * @param workshop where it is made (and shipped from): a location of the flow that stocks it
     * @param stages the stages, in order, at least one, names unique
     * @param delivery the time from the last stage's end to the customer
     */
    record Recipe(LocationId workshop, List<Stage> stages, Duration delivery) {
        /** @throws InvalidInputException if a field is null, there are no stages, a name repeats or the delivery is negative */
        public Recipe {
            InvalidInputException.requireNonNull(workshop, "Recipe.workshop");
            stages = List.copyOf(InvalidInputException.requireNonNull(stages, "Recipe.stages"));
            if (stages.isEmpty()) {
                throw new InvalidInputException("Recipe.stages", "at least one stage");
            }
            Set<String> names = new HashSet<>();
            for (Stage stage : stages) {
                if (!names.add(InvalidInputException.requireNonNull(stage, "Recipe.stages[]").name())) {
                    throw new InvalidInputException("Recipe.stages", "stage " + stage.name() + " appears twice");
                }
            }
            if (InvalidInputException.requireNonNull(delivery, "Recipe.delivery").isNegative()) {
                throw new InvalidInputException("Recipe.delivery", "must not be negative, was " + delivery);
            }
        }
    }

    /**
     * One stage of production.
     *
     * @param name its name ("design approved", "cutting", "assembly", "quality check"): a code
     * @param planned how long it is planned to take
     */
    record Stage(String name, Duration planned) {
        /** @throws InvalidInputException if the name is blank or the duration negative */
        public Stage {
            InvalidInputException.requireCode(name, "Stage.name");
            if (InvalidInputException.requireNonNull(planned, "Stage.planned").isNegative()) {
                throw new InvalidInputException("Stage.planned", "must not be negative, was " + planned);
            }
        }
    }

    /**
     * Where a made-to-order line's production stands ({@link OrderFlow#production}).
     *
     * @param lineId the line
     * @param sku its product
     * @param quantity the units being made
     * @param stages each stage with its planned end (as moved by late stages before it) and its
     *     actual end, once reported
     * @param promisedBy the delivery promised now
     * @param produced whether the last stage completed and the units were given a fulfilment order
     */
    record LineProduction(LineId lineId, Sku sku, Quantity quantity, List<StageProgress> stages, Instant promisedBy,
            boolean produced) {
        /** Copies the stages. */
        public LineProduction {
            stages = List.copyOf(stages);
        }
    }

    /**
     * @param name the stage
     * @param planned its planned end
     * @param actual when it was reported complete, if it was
     */
    record StageProgress(String name, Instant planned, Optional<Instant> actual) {
        /** @return whether it completed after its planned end */
        public boolean late() {
            return actual.isPresent() && actual.get().isAfter(planned);
        }
    }
}
