package dev.oms.examples.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.core.OrderCommand;
import dev.oms.core.OrderService;
import dev.oms.core.PlaceOrder;
import dev.oms.spi.Address;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.OrderId;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.store.EventOutbox.OutboxEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import javax.money.Monetary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the contract cannot see: the journal survives a restart, and a torn last line is dropped. */
class JournalOrderStoreTest {
    @TempDir
    Path dir;

    private static OrderId placeAndConfirm(OrderService orders, String external) {
        OrderId id = orders.place(PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of(external),
                        CustomerRef.of("c-1"), Monetary.getCurrency("EUR"))
                .shipTo(Address.of("DE", "10115")).placedAt(Instant.parse("2026-11-20T10:00:00Z"))
                .line("1", "TEE", 2, Amounts.of("19.90", "EUR")).build(), CommandKey.of("place-" + external))
                .order().id();
        orders.handle(id, new OrderCommand.Confirm(), CommandKey.of("confirm-" + external));
        return id;
    }

    @Test
    void everything_is_there_after_a_restart_and_refused_changes_stay_refused() {
        Path file = dir.resolve("orders.journal");
        JournalOrderStore store = JournalOrderStore.open(file, true);
        OrderService orders = OrderService.builder(store).build();
        OrderId a = placeAndConfirm(orders, "W-1");
        OrderId b = placeAndConfirm(orders, "W-2");
        // a retry of the same placement is answered from the command key; a new key for the same channel order finds it
        assertThat(placeAndConfirm(orders, "W-1")).isEqualTo(a);
        List<OutboxEntry<OrderEvent>> outbox = store.unpublished(100);
        store.markPublished(List.of(outbox.get(0).event().eventId()));
        store.close();

        JournalOrderStore reopened = JournalOrderStore.open(file, true);
        assertThat(reopened.load(a).orElseThrow()).isEqualTo(orders.load(a));
        assertThat(reopened.load(b).orElseThrow()).isEqualTo(orders.load(b));
        assertThat(reopened.events(a)).isEqualTo(orders.history(a));
        assertThat(reopened.unpublished(100)).isEqualTo(outbox.subList(1, outbox.size()));
        assertThat(reopened.findCommand(CommandKey.of("confirm-W-2"))).isPresent();
        assertThat(reopened.findByExternalId(ChannelId.of("web"), ExternalOrderId.of("W-2")).orElseThrow().id())
                .isEqualTo(b);
        reopened.close();
    }

    @Test
    void a_line_cut_short_by_a_crash_is_dropped_and_the_journal_goes_on() throws IOException {
        Path file = dir.resolve("torn.journal");
        JournalOrderStore store = JournalOrderStore.open(file, false);
        OrderId id = placeAndConfirm(OrderService.builder(store).build(), "W-9");
        store.close();
        Files.writeString(file, "S {\"order\":{\"id\":\"o-", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        JournalOrderStore reopened = JournalOrderStore.open(file, false);
        assertThat(reopened.load(id)).isPresent();
        OrderId next = placeAndConfirm(OrderService.builder(reopened).build(), "W-10");
        reopened.close();
        JournalOrderStore third = JournalOrderStore.open(file, false);
        assertThat(third.load(next)).isPresent();
        assertThat(Files.readString(file)).doesNotContain("{\"order\":{\"id\":\"o-\n");
        third.close();
    }

    @Test
    void an_erasure_leaves_no_personal_data_in_the_journal_and_survives_a_restart() throws IOException {
        Path file = dir.resolve("erased.journal");
        JournalOrderStore store = JournalOrderStore.open(file, true);
        OrderService orders = OrderService.builder(store).build();
        OrderId id = placeAndConfirm(orders, "W-20");
        OrderId other = placeAndConfirm(orders, "W-21");
        orders.handle(id, new OrderCommand.PlaceHold(dev.oms.spi.order.Order.HoldType.CUSTOMER_REQUEST, "call",
                "call Ms Weber on +49 30 1234"), CommandKey.of("hold-W-20"));
        orders.handle(id, new OrderCommand.Cancel(dev.oms.spi.order.CancelReason.CUSTOMER_REQUEST, "Ms Weber moved"),
                CommandKey.of("cancel-W-20"));
        assertThat(Files.readString(file)).contains("Ms Weber", "10115");
        orders.handle(id, new OrderCommand.ErasePersonalData(), CommandKey.of("erase-W-20"));

        String journal = Files.readString(file);
        assertThat(journal).doesNotContain("Ms Weber").doesNotContain("+49 30 1234");
        assertThat(journal).as("the other order is untouched").contains("10115");
        store.close();
        JournalOrderStore reopened = JournalOrderStore.open(file, true);
        assertThat(reopened.load(id).orElseThrow()).isEqualTo(orders.load(id));
        assertThat(reopened.load(id).orElseThrow().header().customer().value()).isEqualTo("erased");
        assertThat(reopened.events(id)).isEqualTo(orders.history(id));
        assertThat(reopened.load(other).orElseThrow()).isEqualTo(orders.load(other));
        assertThat(reopened.findCommand(CommandKey.of("hold-W-20"))).isPresent();
        reopened.close();
    }

    @Test
    void a_crash_before_the_rewrite_of_the_file_is_finished_when_the_journal_opens() throws IOException {
        Path file = dir.resolve("crashed.journal");
        JournalOrderStore store = JournalOrderStore.open(file, false);
        OrderService orders = OrderService.builder(store).build();
        OrderId id = placeAndConfirm(orders, "W-30");
        orders.handle(id, new OrderCommand.Cancel(dev.oms.spi.order.CancelReason.CUSTOMER_REQUEST, "Ms Weber moved"),
                CommandKey.of("cancel-W-30"));
        String before = Files.readString(file);
        orders.handle(id, new OrderCommand.ErasePersonalData(), CommandKey.of("erase-W-30"));
        store.close();
        List<String> after = Files.readAllLines(file);
        // what the file holds if the process died after appending the erasure and before the rewrite
        Files.writeString(file, before + after.get(after.size() - 1) + "\n");
        assertThat(Files.readString(file)).contains("Ms Weber");

        JournalOrderStore reopened = JournalOrderStore.open(file, false);
        assertThat(Files.readString(file)).doesNotContain("Ms Weber");
        assertThat(reopened.load(id).orElseThrow().header().customer().value()).isEqualTo("erased");
        assertThat(reopened.events(id)).isEqualTo(orders.history(id));
        reopened.close();
    }

    @Test
    void lines_written_before_changes_had_rewrites_are_read_and_an_unreadable_line_stops_the_start()
            throws IOException {
        Path file = dir.resolve("old.journal");
        JournalOrderStore store = JournalOrderStore.open(file, false);
        OrderService orders = OrderService.builder(store).build();
        OrderId id = placeAndConfirm(orders, "W-40");
        store.close();
        String current = Files.readString(file);
        assertThat(current).contains(",\"rewrites\":[]");
        Files.writeString(file, current.replace(",\"rewrites\":[]", ""));

        JournalOrderStore reopened = JournalOrderStore.open(file, false);
        assertThat(reopened.load(id).orElseThrow()).isEqualTo(orders.load(id));
        reopened.close();

        Files.writeString(file, "S {\"order\":\"not an order\"}\n", StandardOpenOption.APPEND);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JournalOrderStore.open(file, false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("journal line 3");
    }
}
