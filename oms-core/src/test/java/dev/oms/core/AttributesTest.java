package dev.oms.core;

import static dev.oms.core.Fixtures.L1;
import static dev.oms.core.Fixtures.eur;
import static dev.oms.core.Fixtures.webOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.core.AttributeDefinitions.Definition;
import dev.oms.core.AttributeDefinitions.Scope;
import dev.oms.core.memory.InMemoryOrderStore;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.InvalidInputException.AttributeRefusedException;
import dev.oms.spi.InvalidInputException.AttributeRefusedException.Problem;
import dev.oms.spi.LineId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.internal.PersonalData;
import dev.oms.spi.order.Attributes;
import dev.oms.spi.order.Attributes.Type;
import dev.oms.spi.order.LineTax;
import dev.oms.spi.order.NewLine;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.OrderEdit;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Custom attributes: declared by the host, checked at placement and edit (each refusal typed,
 * naming the attribute and where it was, and nothing saved), kept through every event and
 * every replay, and erased as free text with the order's personal data.
 */
class AttributesTest {
    // definitions:begin
    static final AttributeDefinitions DEFINITIONS = AttributeDefinitions.of(
            Definition.required(Scope.ORDER, "po-number", Type.TEXT).maxLength(35),
            Definition.optional(Scope.ORDER, "rush", Type.BOOLEAN),
            Definition.optional(Scope.ORDER, "deliver-on", Type.DATE),
            Definition.optional(Scope.LINE, "engraving", Type.TEXT).maxLength(20),
            Definition.optional(Scope.LINE, "width-mm", Type.NUMBER));
    // definitions:end

    private final InMemoryOrderStore store = new InMemoryOrderStore();
    private final OrderService orders = OrderService.builder(store).decider(OrderDecider.builder()
            .clock(Fixtures.CLOCK).ids(IdGenerator.sequential("at")).attributes(DEFINITIONS).build()).build();

    private static PlaceOrder.Builder b2bOrder(String id) {
        return webOrder(id).attribute("po-number", new Attributes.Text("PO-4711"))
                .attribute("deliver-on", new Attributes.Date(LocalDate.parse("2026-12-24")));
    }

    @Test
    void declared_attributes_are_kept_through_placement_events_edits_and_replay() {
        // placing:begin
        PlaceOrder placement = webOrder("att-1")
                .attribute("po-number", new Attributes.Text("PO-4711"))
                .attribute("rush", new Attributes.Flag(true))
                .line(NewLine.of("L9", "DESK", 1, eur("499.00")).withAttributes(Attributes.NONE
                        .with("engraving", new Attributes.Text("For Ann"))
                        .with("width-mm", new Attributes.Number(new BigDecimal("1600")))))
                .build();
        Order order = orders.place(placement).order();
        // placing:end
        assertThat(order.header().attributes().get("po-number")).contains(new Attributes.Text("PO-4711"));
        assertThat(order.requireLine(LineId.of("L9")).attributes().get("width-mm"))
                .contains(new Attributes.Number(new BigDecimal("1600.00")));
        // editing:begin
        Order edited = orders.handle(order.id(), new OrderCommand.Edit(List.of(
                new OrderEdit.SetAttributes(Optional.empty(), order.header().attributes()
                        .with("po-number", new Attributes.Text("PO-4712")).without("rush")),
                new OrderEdit.SetAttributes(Optional.of(LineId.of("L9")), Attributes.NONE
                        .with("engraving", new Attributes.Text("For Bo")))))).order();
        // editing:end
        assertThat(edited.header().attributes().values()).containsOnlyKeys("po-number");
        assertThat(edited.requireLine(LineId.of("L9")).attributes().get("engraving"))
                .contains(new Attributes.Text("For Bo"));
        assertThat(OrderTotals.of(edited).grandTotal()).isEqualTo(OrderTotals.of(order).grandTotal());
        List<OrderEvent> history = orders.history(order.id());
        assertThat(orders.decider().replay(history)).isEqualTo(edited);
        assertThat(history.get(0)).isInstanceOfSatisfying(OrderEvent.OrderPlaced.class, p -> assertThat(
                p.header().attributes()).isEqualTo(order.header().attributes()));
    }

    @Test
    void an_undeclared_attribute_a_wrong_type_a_text_too_long_and_a_missing_required_one_are_refused_at_placement() {
        refused(() -> orders.place(b2bOrder("bad-1").attribute("colour", new Attributes.Text("red")).build()),
                "header.attributes[colour]", "colour", Problem.UNKNOWN, "is not declared for the order");
        refused(() -> orders.place(b2bOrder("bad-2").attribute("rush", new Attributes.Text("yes")).build()),
                "header.attributes[rush]", "rush", Problem.WRONG_TYPE, "must be BOOLEAN, was TEXT");
        refused(() -> orders.place(b2bOrder("bad-3").attribute("po-number", new Attributes.Text("P".repeat(36)))
                .build()), "header.attributes[po-number]", "po-number", Problem.TOO_LONG, "longer than 35");
        refused(() -> orders.place(webOrder("bad-4").build()), "header.attributes[po-number]", "po-number",
                Problem.REQUIRED_MISSING, "is required");
        refused(() -> orders.place(b2bOrder("bad-5").line(new NewLine(LineId.of("L9"), Sku.of("DESK"),
                Quantity.of(1), eur("1.00"), eur("0.00"), LineTax.none(), Attributes.NONE.with("po-number",
                        new Attributes.Text("PO")))).build()), "lines[2].attributes[po-number]", "po-number",
                Problem.UNKNOWN, "is not declared for the line");
        assertThat(orders.countByStatus(dev.oms.spi.store.OrderQuery.Filter.ALL).values())
                .as("nothing was placed").allMatch(n -> n == 0);
    }

    @Test
    void an_edit_is_checked_like_a_placement_and_a_refused_one_changes_nothing() {
        Order order = orders.place(b2bOrder("edit-1").build()).order();
        refused(() -> orders.handle(order.id(), new OrderCommand.Edit(List.of(new OrderEdit.SetAttributes(
                Optional.empty(), Attributes.NONE.with("rush", new Attributes.Flag(true)))))),
                "edits[0].attributes[po-number]", "po-number", Problem.REQUIRED_MISSING, "is required");
        refused(() -> orders.handle(order.id(), new OrderCommand.Edit(List.of(new OrderEdit.ChangeQuantity(L1,
                Quantity.of(3)), new OrderEdit.AddLine(NewLine.of("L9", "DESK", 1, eur("9.00")).withAttributes(
                        Attributes.NONE.with("engraving", new Attributes.Text("x".repeat(21)))))))),
                "edits[1].line.attributes[engraving]", "engraving", Problem.TOO_LONG, "longer than 20");
        refused(() -> orders.handle(order.id(), new OrderCommand.Edit(List.of(new OrderEdit.SetAttributes(
                Optional.of(L1), Attributes.NONE.with("width-mm", new Attributes.Text("wide")))))),
                "edits[0].attributes[width-mm]", "width-mm", Problem.WRONG_TYPE, "must be NUMBER");
        assertThat(orders.load(order.id())).isEqualTo(order);
        assertThat(orders.history(order.id())).hasSize(1);
        assertThatThrownBy(() -> orders.handle(order.id(), new OrderCommand.Edit(List.of(new OrderEdit.SetAttributes(
                Optional.of(LineId.of("nope")), Attributes.NONE))))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("nope");
    }

    @Test
    void definitions_tightened_later_do_not_block_an_edit_of_something_else() {
        Order order = orders.place(b2bOrder("tight-1").attribute("rush", new Attributes.Flag(true)).build()).order();
        OrderService tighter = OrderService.builder(store).decider(OrderDecider.builder().clock(Fixtures.CLOCK)
                .ids(IdGenerator.sequential("at2")).attributes(AttributeDefinitions.of(
                        Definition.required(Scope.ORDER, "po-number", Type.TEXT).maxLength(5),
                        Definition.required(Scope.ORDER, "cost-centre", Type.TEXT))).build()).build();
        Order edited = tighter.handle(order.id(), new OrderCommand.Edit(List.of(new OrderEdit.ChangeQuantity(L1,
                Quantity.of(3))))).order();
        assertThat(edited.header().attributes()).isEqualTo(order.header().attributes());
        refused(() -> tighter.handle(order.id(), new OrderCommand.Edit(List.of(new OrderEdit.SetAttributes(
                Optional.empty(), order.header().attributes())))), "edits[0].attributes[deliver-on]", "deliver-on",
                Problem.UNKNOWN, "is not declared");
    }

    @Test
    void without_definitions_no_attribute_is_let_through() {
        OrderService plain = Fixtures.service(new InMemoryOrderStore());
        refused(() -> plain.place(b2bOrder("plain-1").build()), "header.attributes[deliver-on]", "deliver-on",
                Problem.UNKNOWN, "(declared: [])");
        assertThat(plain.place(webOrder("plain-2").build()).order().header().attributes().isEmpty()).isTrue();
    }

    @Test
    void bad_definitions_and_values_are_refused_when_made() {
        assertThatThrownBy(() -> Definition.optional(Scope.ORDER, "rush", Type.BOOLEAN).maxLength(5))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("only a text attribute");
        assertThatThrownBy(() -> Definition.optional(Scope.ORDER, "note", Type.TEXT).maxLength(0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("between 1 and 10000");
        assertThatThrownBy(() -> AttributeDefinitions.of(Definition.optional(Scope.LINE, "a", Type.TEXT),
                Definition.required(Scope.LINE, "a", Type.DATE))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("declared twice");
        assertThatThrownBy(() -> new Attributes.Text("bell\u0007")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new Attributes.Text("x".repeat(Attributes.MAX_TEXT_LENGTH + 1)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new Attributes.Number(new BigDecimal("1e30"))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Attributes.NONE.with(" padded", new Attributes.Flag(true)))
                .isInstanceOf(InvalidInputException.class);
        Attributes many = Attributes.NONE;
        for (int i = 0; i < Attributes.MAX_ATTRIBUTES; i++) {
            many = many.with("a" + i, new Attributes.Flag(true));
        }
        Attributes full = many;
        assertThatThrownBy(() -> full.with("one-more", new Attributes.Flag(true))).isInstanceOf(
                InvalidInputException.class).hasMessageContaining("more than 50");
        assertThat(new Attributes.Number(new BigDecimal("5"))).isEqualTo(new Attributes.Number(new BigDecimal("5.00")));
        assertThat(new Attributes.Amount(eur("5.00"))).isEqualTo(new Attributes.Amount(eur("5")))
                .isNotEqualTo(new Attributes.Amount(Fixtures.usd("5")));
    }

    @Test
    void an_erasure_empties_text_attributes_and_keeps_the_rest() {
        Order order = orders.place(b2bOrder("erase-1").attribute("rush", new Attributes.Flag(true))
                .line(NewLine.of("L9", "DESK", 1, eur("9.00")).withAttributes(Attributes.NONE.with("engraving",
                        new Attributes.Text("For Ann")))).build()).order();
        Order erased = PersonalData.erased(order);
        assertThat(erased.header().attributes().get("po-number")).contains(new Attributes.Text(""));
        assertThat(erased.header().attributes().get("rush")).contains(new Attributes.Flag(true));
        assertThat(erased.header().attributes().get("deliver-on")).isEqualTo(order.header().attributes().get("deliver-on"));
        assertThat(erased.requireLine(LineId.of("L9")).attributes().get("engraving")).contains(new Attributes.Text(""));
        OrderEvent placed = orders.history(order.id()).get(0);
        assertThat(((OrderEvent.OrderPlaced) PersonalData.erased(placed)).lines().get(2).attributes().get("engraving"))
                .contains(new Attributes.Text(""));
    }

    @Test
    void the_readme_shows_the_examples_as_run_here() {
        java.nio.file.Path self = java.nio.file.Path.of("src/test/java/dev/oms/core/AttributesTest.java");
        String readme = dev.oms.docs.ReadmeSnippets.readme();
        for (String region : List.of("definitions", "placing", "editing")) {
            assertThat(dev.oms.docs.ReadmeSnippets.codeBlockAfter(readme, "<!-- " + region + " (from AttributesTest) -->"))
                    .as(region).isEqualTo(dev.oms.docs.ReadmeSnippets.region(self, region));
        }
    }

    private void refused(ThrowingCallable call, String field, String name, Problem problem, String detail) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AttributeRefusedException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.name()).isEqualTo(name);
            assertThat(e.attributeProblem()).isEqualTo(problem);
            assertThat(e.getMessage()).contains(detail);
        });
    }
}
