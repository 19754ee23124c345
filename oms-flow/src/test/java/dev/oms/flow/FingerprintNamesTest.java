package dev.oms.flow;

import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.core.OrderCommand;
import dev.oms.core.PlaceOrder;
import dev.oms.core.internal.shared.CommandFingerprint;
import dev.oms.fulfillment.FulfillmentCommand;
import dev.oms.inventory.ReserveRequest;
import dev.oms.returns.ReturnCommand;
import dev.oms.returns.ReturnDraft;
import dev.oms.spi.CommandKey;
import dev.oms.spi.ReservationId;
import dev.oms.spi.fulfillment.CarrierGateway.TrackingUpdate;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.process.ProcessInput;
import dev.oms.spi.returns.Inspection;
import dev.oms.spi.returns.ReturnRequest.ReturnLabel;
import java.io.IOException;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The names keyed commands are fingerprinted with never change. Every record a keyed command can
 * hold (the commands of every engine and the flow's process inputs, and everything inside them)
 * is named in its fingerprint by {@link CommandFingerprint#recordName}; a key recorded before an
 * upgrade matches its repeat only if that name is the same after it.
 * {@code api/fingerprinted-records.txt} holds every name fingerprints have used: when a type moves
 * or is renamed, its old name must still be produced (add it to
 * {@code CommandFingerprint.FROZEN_NAMES}), so this test fails until it is. New types are added
 * to the file with {@code -Doms.api.write=true}; names are never removed by it.
 */
class FingerprintNamesTest {
    /**
     * What the engines and the flow fingerprint: their commands and inputs, whole, and the values
     * steps fingerprint as their arguments.
     */
    private static final List<Class<?>> ROOTS = List.of(OrderCommand.class, PlaceOrder.class, ReserveRequest.class,
            FulfillmentCommand.class, TrackingUpdate.class, ReturnCommand.class, ReturnDraft.class, Inspection.class,
            ReturnLabel.class, Reference.class, ProcessInput.class, CommandKey.class, ReservationId.class);
    private static final Path FILE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent()
            .resolve("api/fingerprinted-records.txt");

    @Test
    void every_name_a_fingerprint_used_is_still_the_name_of_a_record() throws IOException {
        Set<String> now = new TreeSet<>();
        for (Class<?> root : ROOTS) {
            walk(root, now, new HashSet<>());
        }
        Set<String> recorded = Files.exists(FILE)
                ? new TreeSet<>(Files.readAllLines(FILE, StandardCharsets.UTF_8).stream()
                        .filter(line -> !line.isBlank()).toList())
                : new TreeSet<>();
        if (Boolean.getBoolean("oms.api.write")) {
            Set<String> all = new TreeSet<>(recorded);
            all.addAll(now);
            Files.write(FILE, all, StandardCharsets.UTF_8);
            recorded = all;
        }
        List<String> gone = new ArrayList<>(recorded);
        gone.removeAll(now);
        assertThat(gone).as("names fingerprints used that no record is fingerprinted with any more: add each moved "
                + "or renamed type to CommandFingerprint.FROZEN_NAMES with its old name").isEmpty();
        List<String> fresh = new ArrayList<>(now);
        fresh.removeAll(recorded);
        assertThat(fresh).as("records fingerprinted for the first time: add them to " + FILE
                + " (-Doms.api.write=true)").isEmpty();
    }

    @Test
    void the_walk_reaches_inside_commands() {
        Set<String> names = new TreeSet<>();
        walk(PlaceOrder.class, names, new HashSet<>());
        assertThat(names).contains("dev.oms.core.PlaceOrder", "dev.oms.spi.order.NewLine", "dev.oms.spi.Address",
                "dev.oms.spi.Sku");
    }

    private static void walk(Type type, Set<String> names, Set<Type> seen) {
        if (!seen.add(type)) {
            return;
        }
        if (type instanceof ParameterizedType parameterized) {
            walk(parameterized.getRawType(), names, seen);
            for (Type argument : parameterized.getActualTypeArguments()) {
                walk(argument, names, seen);
            }
        } else if (type instanceof WildcardType wildcard) {
            for (Type bound : wildcard.getUpperBounds()) {
                walk(bound, names, seen);
            }
        } else if (type instanceof GenericArrayType array) {
            walk(array.getGenericComponentType(), names, seen);
        } else if (type instanceof Class<?> raw) {
            if (raw.isArray()) {
                walk(raw.getComponentType(), names, seen);
            } else if (raw.isRecord()) {
                names.add(CommandFingerprint.recordName(raw));
                for (RecordComponent component : raw.getRecordComponents()) {
                    walk(component.getGenericType(), names, seen);
                }
            } else if (raw.isSealed()) {
                for (Class<?> permitted : raw.getPermittedSubclasses()) {
                    walk(permitted, names, seen);
                }
            }
        }
    }
}
