package dev.oms.flow;

import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.core.OrderPayments;
import dev.oms.fakes.FakePaymentGateway;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.FulfillmentOrderId;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OmsException;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReservationId;
import dev.oms.spi.ReturnId;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.Reference;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.money.MonetaryAmount;
import org.junit.jupiter.api.Test;

/**
 * A careless caller's null: every public method of every service, with each of its object
 * parameters null in turn (the others set to plausible values), is refused with a typed
 * {@link OmsException}, never a bare {@code NullPointerException}, and leaves every store as it
 * was.
 */
class NullArgumentsTest {
    private static final Map<Class<?>, Object> SAMPLES = Map.ofEntries(
            Map.entry(String.class, "x"),
            Map.entry(Sku.class, Sku.of("TEE")),
            Map.entry(LocationId.class, FlowWorld.BERLIN),
            Map.entry(Quantity.class, Quantity.of(1)),
            Map.entry(CommandKey.class, CommandKey.of("null-test")),
            Map.entry(Reference.class, Reference.of(Reference.Type.RECEIPT, "po-1")),
            Map.entry(OrderId.class, OrderId.of("o-missing")),
            Map.entry(LineId.class, LineId.of("1")),
            Map.entry(FulfillmentOrderId.class, FulfillmentOrderId.of("fo-missing")),
            Map.entry(ReservationId.class, ReservationId.of("res-missing")),
            Map.entry(ReturnId.class, ReturnId.of("ret-missing")),
            Map.entry(CustomerRef.class, CustomerRef.of("c-1")),
            Map.entry(MonetaryAmount.class, FlowWorld.eur("1.00")),
            Map.entry(Instant.class, Instant.parse("2026-11-23T08:00:00Z")),
            Map.entry(Duration.class, Duration.ofHours(1)),
            Map.entry(List.class, List.of()),
            Map.entry(Optional.class, Optional.empty()));

    @Test
    void every_object_parameter_of_every_service_method_refuses_null_with_a_typed_error_and_changes_nothing() {
        FlowWorld w = new FlowWorld();
        List<Object> services = List.of(w.flow, w.flow.orders(), w.flow.inventory(), w.flow.fulfillment(),
                w.flow.returns(), new OrderPayments(w.flow.orders(), new FakePaymentGateway()));
        List<String> untyped = new ArrayList<>();
        int calls = 0;
        for (Object service : services) {
            for (Method method : service.getClass().getMethods()) {
                if (method.getDeclaringClass() == Object.class || Modifier.isStatic(method.getModifiers())) {
                    continue;
                }
                Class<?>[] types = method.getParameterTypes();
                for (int nulled = 0; nulled < types.length; nulled++) {
                    if (types[nulled].isPrimitive()) {
                        continue;
                    }
                    Object[] args = new Object[types.length];
                    for (int i = 0; i < types.length; i++) {
                        args[i] = i == nulled ? null : sample(types[i]);
                    }
                    calls++;
                    try {
                        method.invoke(service, args);
                        untyped.add(name(service, method, nulled) + ": accepted");
                    } catch (InvocationTargetException e) {
                        if (!(e.getCause() instanceof OmsException)) {
                            untyped.add(name(service, method, nulled) + ": " + e.getCause());
                        }
                    } catch (IllegalAccessException e) {
                        throw new AssertionError(e);
                    }
                }
            }
        }
        assertThat(untyped).as("of " + calls + " calls with a null").isEmpty();
        assertThat(calls).isGreaterThan(150);
        assertThat(w.stores.orders().unpublished(10)).isEmpty();
        assertThat(w.stores.inventory().unpublished(10)).isEmpty();
        assertThat(w.stores.fulfillment().unpublished(10)).isEmpty();
        assertThat(w.stores.returns().unpublished(10)).isEmpty();
        assertThat(w.stores.processes().running(Instant.MAX, 10)).isEmpty();
        assertThat(w.stores.processes().due(Instant.MAX, 10)).isEmpty();
    }

    private static Object sample(Class<?> type) {
        if (type == long.class) {
            return 1L;
        }
        if (type == int.class) {
            return 1;
        }
        if (type == boolean.class) {
            return false;
        }
        return SAMPLES.get(type);
    }

    private static String name(Object service, Method method, int nulled) {
        return service.getClass().getSimpleName() + "." + method.getName() + " with parameter " + nulled + " ("
                + method.getParameterTypes()[nulled].getSimpleName() + ") null";
    }
}
