package dev.oms.spi.process;

import dev.oms.spi.InvalidInputException;
import java.util.List;
import java.util.Optional;
import javax.money.MonetaryAmount;

/**
 * A step a process has done, with the decision it made, so that a resume follows the same
 * decision (the routing plan, the units to cancel, the amount to capture) instead of deciding
 * again on changed data.
 *
 * @param name the step's name, unique within the process (for example {@code "route-1"})
 * @param lines units the decision names
 * @param amount an amount the decision names (to capture, refund, void or authorise)
 * @param note what happened, for people (no personal data)
 */
public record ProcessStep(String name, List<StepLine> lines, Optional<MonetaryAmount> amount, String note) {
    /** @throws InvalidInputException if a field is null or malformed */
    public ProcessStep {
        InvalidInputException.requireCode(name, "ProcessStep.name");
        lines = List.copyOf(InvalidInputException.requireNonNull(lines, "ProcessStep.lines"));
        InvalidInputException.requireNonNull(amount, "ProcessStep.amount");
        InvalidInputException.requireText(note, "ProcessStep.note", 1024);
    }

    /**
     * @param name the step
     * @return a step that records only that it was done
     */
    public static ProcessStep done(String name) {
        return new ProcessStep(name, List.of(), Optional.empty(), "");
    }
}
