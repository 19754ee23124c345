package dev.oms.flow.internal;

import dev.oms.core.OrderCommand;
import dev.oms.flow.Production;
import dev.oms.flow.Production.LineProduction;
import dev.oms.flow.Production.Recipe;
import dev.oms.flow.Production.StageProgress;
import dev.oms.spi.LineId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.OrderLine;
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.process.ProcessRecord;
import dev.oms.spi.process.ProcessRecord.ProcessStep;
import dev.oms.spi.process.ProcessRecord.StepLine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The production of an order's made-to-order lines, as steps of its acceptance (see
 * {@link Production}). Per line: {@code make:<line>} (the units and the workshop; its note the
 * first promise), {@code plan:<line>/<i>} (a stage's planned end and name), {@code
 * plan:<line>/delivery} (the delivery time), the promise sent, and the host's reports as decision
 * steps {@code stage:<line>/<name>} (their note the actual end); a late report's new promise
 * ({@code late:<line>/<name>}); and at the last stage the receipt at the workshop
 * ({@code produced:<line>}) and the fulfilment order ({@code fo:<line>}). The plan is recorded
 * when it is made, so a recipe the host changes later applies to productions planned after.
 */
final class ProductionSteps {
    private final Engines e;
    private final Routing routing;

    ProductionSteps(Engines engines, Routing routing) {
        this.e = engines;
        this.routing = routing;
    }

    /**
     * Plans what is not planned, promises, raises what is late, and finishes the lines whose last
     * stage is reported.
     *
     * @return whether a line is still in production
     */
    boolean advance(Run run, OrderId id) {
        if (e.production() == Production.NONE) {
            return false;
        }
        Order order = e.orders().load(id);
        if (order.isOnHold() || (order.status() != OrderStatus.CONFIRMED && order.status() != OrderStatus.PROCESSING)) {
            return inProduction(run, order);
        }
        boolean producing = false;
        for (OrderLine line : order.lines()) {
            if (!run.done("make:" + line.id())) {
                Optional<Recipe> recipe = e.production().recipeFor(line.sku());
                if (recipe.isEmpty() || !line.quantities().unallocated().isPositive()) {
                    continue;
                }
                plan(run, line, recipe.get());
            }
            LineProduction now = progress(run.record(), line.id()).orElseThrow();
            if (now.produced() || !line.quantities().unshipped().isPositive()) {
                continue; // made, or cancelled meanwhile: nothing more to make or promise
            }
            String promise = "promise:" + line.id();
            Instant promised = Instant.parse(run.recorded("make:" + line.id()).orElseThrow().note());
            run.once(promise, () -> e.orders().handle(id, new OrderCommand.PromiseDelivery(List.of(line.id()),
                    promised, Optional.empty(), "made to order in " + now.stages().size() + " stages"),
                    run.key(promise)));
            promiseLate(run, id, now);
            if (now.stages().stream().allMatch(s -> s.actual().isPresent())) {
                finish(run, order, line, now);
            } else {
                producing = true;
            }
        }
        return producing;
    }

    private boolean inProduction(Run run, Order order) {
        for (OrderLine line : order.lines()) {
            if (progress(run.record(), line.id()).filter(p -> !p.produced()).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** Records the plan: its start first, then each stage's planned end from it, the delivery time, the units. */
    private void plan(Run run, OrderLine line, Recipe recipe) {
        String startName = "start:" + line.id();
        Instant start = Instant.parse(run.once(startName, () -> new ProcessStep(startName, List.of(),
                Optional.empty(), run.now().toString())).note());
        Instant at = start;
        for (int i = 0; i < recipe.stages().size(); i++) {
            at = at.plus(recipe.stages().get(i).planned());
            String note = at + " " + recipe.stages().get(i).name();
            String name = "plan:" + line.id() + "/" + i;
            run.once(name, () -> new ProcessStep(name, List.of(), Optional.empty(), note));
        }
        String delivery = "plan:" + line.id() + "/delivery";
        run.once(delivery, () -> new ProcessStep(delivery, List.of(), Optional.empty(), recipe.delivery().toString()));
        Instant promised = at.plus(recipe.delivery());
        Quantity units = line.quantities().unallocated();
        String make = "make:" + line.id();
        run.once(make, () -> new ProcessStep(make, List.of(new StepLine(line.id(), Optional.of(line.sku()), units,
                Optional.of(recipe.workshop()), Optional.empty(), "")), Optional.empty(), promised.toString()));
    }

    /** A new promise for each stage reported after its planned end, once. */
    private void promiseLate(Run run, OrderId id, LineProduction now) {
        Duration shift = Duration.ZERO;
        Instant first = Instant.parse(run.recorded("make:" + now.lineId()).orElseThrow().note());
        for (StageProgress stage : now.stages()) {
            if (stage.actual().isEmpty()) {
                return;
            }
            Instant plannedBefore = stage.planned();
            if (stage.late()) {
                shift = shift.plus(Duration.between(plannedBefore, stage.actual().get()));
                Instant promised = first.plus(shift);
                Duration late = Duration.between(plannedBefore, stage.actual().get());
                String name = "late:" + now.lineId() + "/" + stage.name();
                run.once(name, () -> {
                    e.orders().handle(id, new OrderCommand.PromiseDelivery(List.of(now.lineId()), promised,
                            Optional.of(stage.name()), stage.name() + " finished " + describe(late)
                                    + " late; now promised by " + promised), run.key(name));
                    return new ProcessStep(name, List.of(), Optional.empty(), promised.toString());
                });
            }
        }
    }

    /** The last stage is done: the units arrive at the workshop, are reserved there and get their fulfilment order. */
    private void finish(Run run, Order order, OrderLine line, LineProduction now) {
        StepLine made = run.recorded("make:" + line.id()).orElseThrow().lines().get(0);
        Quantity open = Quantity.of(Math.min(made.quantity().value(),
                e.orders().load(order.id()).requireLine(line.id()).quantities().unallocated().value()));
        String produced = "produced:" + line.id();
        ProcessStep receipt = run.once(produced, () -> {
            if (open.isPositive()) {
                e.inventory().receive(line.sku(), made.location().orElseThrow(), open, Reference.of(Reference.Type.RECEIPT,
                        "production-" + order.id() + "-" + line.id()), run.key(produced));
            }
            return new ProcessStep(produced, List.of(new StepLine(line.id(), Optional.of(line.sku()), open,
                    made.location(), Optional.empty(), "")), Optional.empty(), "received " + open + " at "
                    + made.location().orElseThrow());
        });
        Quantity units = receipt.lines().get(0).quantity();
        if (units.isPositive()) {
            String fo = "fo:" + line.id();
            run.once(fo, () -> routing.createAt(run, fo, order.id(), made.location().orElseThrow(),
                    receipt.lines()));
        }
    }

    /**
     * Where a line's production stands, from the acceptance's steps.
     *
     * @param record the acceptance process
     * @param lineId a line
     * @return its production, if it is made to order and planned
     */
    static Optional<LineProduction> progress(ProcessRecord record, LineId lineId) {
        Optional<ProcessStep> make = record.step("make:" + lineId);
        if (make.isEmpty()) {
            return Optional.empty();
        }
        List<StageProgress> stages = new ArrayList<>();
        Duration shift = Duration.ZERO;
        for (int i = 0; ; i++) {
            Optional<ProcessStep> plan = record.step("plan:" + lineId + "/" + i);
            if (plan.isEmpty()) {
                break;
            }
            String note = plan.get().note();
            int space = note.indexOf(' ');
            String name = note.substring(space + 1);
            Instant planned = Instant.parse(note.substring(0, space)).plus(shift);
            Optional<Instant> actual = record.step(stageStep(lineId, name)).map(s -> Instant.parse(s.note()));
            if (actual.isPresent() && actual.get().isAfter(planned)) {
                shift = shift.plus(Duration.between(planned, actual.get()));
            }
            stages.add(new StageProgress(name, planned, actual));
        }
        StepLine made = make.get().lines().get(0);
        Instant promised = Instant.parse(make.get().note()).plus(shift);
        boolean produced = record.step("produced:" + lineId).isPresent()
                && (record.step("fo:" + lineId).filter(fo -> fo.lines().stream()
                        .allMatch(l -> l.fulfillmentOrderId().isPresent())).isPresent()
                        || !record.step("produced:" + lineId).get().lines().get(0).quantity().isPositive());
        return Optional.of(new LineProduction(lineId, made.sku().orElseThrow(), made.quantity(), stages, promised,
                produced));
    }

    /** @return the name of the decision step that records a stage's report */
    static String stageStep(LineId lineId, String stage) {
        return "stage:" + lineId + "/" + stage;
    }

    private static String describe(Duration d) {
        long hours = d.toHours();
        return hours >= 48 ? (hours / 24) + " days" : hours >= 1 ? hours + " hours" : d.toMinutes() + " minutes";
    }
}
