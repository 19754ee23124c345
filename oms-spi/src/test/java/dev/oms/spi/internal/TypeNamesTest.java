package dev.oms.spi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.fulfillment.FulfillmentEvent;
import dev.oms.spi.inventory.InventoryEvent;
import dev.oms.spi.order.OrderEdit;
import dev.oms.spi.process.ProcessInput;
import dev.oms.spi.returns.ReturnEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A JSON family whose records share a simple name is refused when its names are first built. */
class TypeNamesTest {
    sealed interface Family permits Shipping.Created, Billing.Created, Shipping.Done {
    }

    static final class Shipping {
        record Created(String id) implements Family {
        }

        record Done(String id) implements Family {
        }
    }

    static final class Billing {
        record Created(String id) implements Family {
        }
    }

    sealed interface Fine permits Shipping2.Opened, Shipping2.Closed {
    }

    static final class Shipping2 {
        record Opened(String id) implements Fine {
        }

        record Closed(String id) implements Fine {
        }
    }

    @Test
    void two_records_of_one_family_with_one_simple_name_are_refused_naming_both() {
        assertThatThrownBy(() -> Records.permitted(Family.class)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("named Created").hasMessageContaining("Shipping$Created")
                .hasMessageContaining("Billing$Created");
        assertThat(Records.permitted(Fine.class)).containsOnlyKeys("Opened", "Closed");
    }

    @Test
    void the_families_oms_stores_have_unique_names() {
        // oms-json's codec checks these same families when it loads
        for (Class<?> family : List.of(OrderEvent.class, InventoryEvent.class, ReturnEvent.class,
                FulfillmentEvent.class, ProcessInput.class, OrderEdit.class)) {
            assertThat(Records.permitted(family)).as(family.getSimpleName()).isNotEmpty();
        }
        assertThat(Records.permitted(dev.oms.spi.event.OrderEvent.class)).containsKey("OrderPlaced");
    }
}
