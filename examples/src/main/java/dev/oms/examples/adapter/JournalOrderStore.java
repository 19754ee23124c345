package dev.oms.examples.adapter;

import dev.oms.core.OrderDecider;
import dev.oms.core.memory.InMemoryOrderStore;
import dev.oms.json.OmsJson;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CommandKey;
import dev.oms.spi.EventId;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.OmsException;
import dev.oms.spi.OrderId;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.order.Order;
import dev.oms.spi.store.CommandRecord;
import dev.oms.spi.store.EventOutbox.OutboxEntry;
import dev.oms.spi.store.OrderStore;
import dev.oms.spi.store.OrderStore.OrderChange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An example persistence adapter a host might write: an {@link OrderStore} that keeps every change
 * in an append-only journal file (one JSON line per save, in oms' JSON form) and serves reads from
 * memory. On start it replays the journal. It passes oms-testkit's {@code OrderStoreContract}
 * ({@code JournalOrderStoreConformanceTest}), which is how its author knows it keeps oms' promises.
 *
 * <p>How it keeps the contract: saves are serialised by one lock; each change is appended (and, with
 * {@code sync}, forced to disk) before it is applied to the in-memory index, which is oms' own
 * {@link InMemoryOrderStore} and so checks versions, channel order ids and command keys exactly as
 * the contract says. A change the index refuses stays in the journal, and replay refuses it again
 * the same way, because the index is in the same state at that point; so the journal never needs
 * rewriting. A last line cut short by a crash is the one write that did not finish: it is dropped
 * on start. Published marks are journalled as well, so the outbox survives a restart.
 *
 * <p>The one exception to append-only is an erasure of personal data: its change is appended and
 * applied, then the journal is written anew with the erased order's lines rewritten from the
 * index (its events as erased, each snapshot replayed from them; its refused lines, which changed
 * nothing, dropped), to a file beside it that is forced to disk and moved over the journal
 * atomically (and the directory forced, so the move survives a power loss). A crash before the
 * move leaves the old journal with the erasure's line in it; opening the journal replays it and
 * finishes the rewrite of the file. A line written before changes carried rewrites is read with
 * none; a line that cannot be read at all stops the start (skipping it would lose what it saved).
 *
 * <p>Good for one process; a store shared by several application instances needs a database
 * (oms-jdbc).
 */
public final class JournalOrderStore implements OrderStore {
    private static final String SAVE = "S ";
    private static final String PUBLISHED = "P ";
    private static final com.fasterxml.jackson.databind.ObjectMapper IDS = OmsJson.newMapper();

    private static final OrderDecider REPLAY = OrderDecider.builder().build();

    private final Path file;
    private FileChannel journal;
    private final boolean sync;
    private final InMemoryOrderStore index = new InMemoryOrderStore();
    private final ReentrantLock lock = new ReentrantLock();

    private JournalOrderStore(Path file, FileChannel journal, boolean sync) {
        this.file = file;
        this.journal = journal;
        this.sync = sync;
    }

    /**
     * Opens (or creates) a journal and replays it.
     *
     * @param file the journal file
     * @param sync force every save to disk before it returns (durable across power loss, slower)
     * @return the store
     * @throws UncheckedIOException if the file cannot be read or written
     */
    public static JournalOrderStore open(Path file, boolean sync) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            JournalOrderStore store = new JournalOrderStore(file, channel, sync);
            store.replay(file);
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal " + file, e);
        }
    }

    private void replay(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int complete = text.lastIndexOf('\n') + 1;
        java.util.Set<OrderId> erased = new java.util.LinkedHashSet<>();
        int number = 0;
        for (String line : text.substring(0, complete).split("\n")) {
            number++;
            if (line.startsWith(SAVE)) {
                OrderChange change = change(line, number);
                try {
                    index.save(change);
                } catch (OmsException refusedThenToo) {
                    // the live save was refused the same way; nothing to apply
                }
                if (erases(change)) {
                    erased.add(change.order().id());
                }
            } else if (line.startsWith(PUBLISHED)) {
                index.markPublished(List.of(IDS.readValue(line.substring(PUBLISHED.length()), String[].class)).stream()
                        .map(EventId::of).toList());
            }
        }
        journal.truncate(complete);
        journal.position(complete);
        // an erasure whose rewrite of the file a crash stopped is finished now
        erased.forEach(this::compactErased);
    }

    /**
     * A journalled change; a line written before changes carried rewrites has none. A line that
     * cannot be read at all stops the start: skipping it would lose what it saved.
     */
    private static OrderChange change(String line, int number) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode)
                    IDS.readTree(line.substring(SAVE.length()));
            if (!json.has("rewrites")) {
                json.putArray("rewrites");
            }
            return OmsJson.read(json.toString(), OrderChange.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | ClassCastException | OmsException unreadable) {
            throw new IllegalStateException("journal line " + number + " cannot be read: " + unreadable.getMessage(),
                    unreadable);
        }
    }

    private static boolean erases(OrderChange change) {
        return change.events().stream().anyMatch(dev.oms.spi.event.OrderEvent.PersonalDataErased.class::isInstance);
    }

    @Override
    public void save(OrderChange change) {
        dev.oms.spi.InvalidInputException.requireNonNull(change, "change");
        lock.lock();
        try {
            append(SAVE + OmsJson.write(change));
            index.save(change);
            if (erases(change)) {
                compactErased(change.order().id());
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void markPublished(Collection<EventId> eventIds) {
        dev.oms.spi.InvalidInputException.requireNonNull(eventIds, "eventIds");
        lock.lock();
        try {
            append(PUBLISHED + IDS.writeValueAsString(eventIds.stream().map(EventId::value).toList()));
            index.markPublished(eventIds);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes the journal anew with the erased order's lines rewritten from the index (see the class
     * comment), if any line of it differs from its rewritten form.
     */
    private void compactErased(OrderId id) {
        List<OrderEvent> history = index.events(id);
        Map<EventId, OrderEvent> erased = new HashMap<>();
        history.forEach(event -> erased.put(event.eventId(), event));
        StringBuilder next = new StringBuilder();
        boolean changed = false;
        try {
            int number = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                number++;
                if (line.startsWith(SAVE)) {
                    OrderChange c = change(line, number);
                    if (c.order().id().equals(id)) {
                        if (!c.events().stream().allMatch(e -> erased.containsKey(e.eventId()))) {
                            changed = true;
                            continue; // refused when saved: it changed nothing, and its text goes
                        }
                        long version = c.order().version();
                        Order snapshot = REPLAY.replay(history.stream().filter(e -> e.orderVersion() <= version)
                                .toList());
                        String rewritten = SAVE + OmsJson.write(new OrderChange(snapshot, c.expectedVersion(),
                                c.events().stream().map(e -> erased.get(e.eventId())).toList(), c.command(),
                                c.rewrites().stream().map(e -> erased.get(e.eventId())).toList(), c.grandTotal()));
                        changed |= !rewritten.equals(line);
                        line = rewritten;
                    }
                }
                next.append(line).append('\n');
            }
            if (!changed) {
                return;
            }
            Path written = file.resolveSibling(file.getFileName() + ".erasing");
            try (FileChannel out = FileChannel.open(written, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(next.toString().getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            journal.close();
            try {
                Files.move(written, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                try (FileChannel dir = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
                    dir.force(true); // the move itself survives a power loss
                }
            } finally {
                journal = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                journal.position(journal.size());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite the journal for the erasure of order " + id, e);
        }
    }

    private void append(String line) {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (bytes.hasRemaining()) {
                journal.write(bytes);
            }
            if (sync) {
                journal.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the journal", e);
        }
    }

    @Override
    public Optional<Order> load(OrderId id) {
        return index.load(id);
    }

    @Override
    public Optional<Order> findByExternalId(ChannelId channel, ExternalOrderId externalOrderId) {
        return index.findByExternalId(channel, externalOrderId);
    }

    @Override
    public List<OrderEvent> events(OrderId id) {
        return index.events(id);
    }

    @Override
    public Optional<CommandRecord> findCommand(CommandKey key) {
        return index.findCommand(key);
    }

    @Override
    public List<OutboxEntry<OrderEvent>> unpublished(int limit) {
        return index.unpublished(limit);
    }

    /** Closes the journal file; the store must not be used afterwards. */
    public void close() {
        try {
            journal.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Forgets old keys in the index only: the journal keeps every line, so a restart reads them
     * back. A real adapter deletes them where it stores them (compacting the journal would).
     */
    @Override
    public int purgeCommandKeys(Duration olderThan, int limit) {
        return index.purgeCommandKeys(olderThan, limit);
    }

    @Override
    public int purgePublishedEvents(Duration olderThan, int limit) {
        return index.purgePublishedEvents(olderThan, limit);
    }
}
