package dev.oms.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Ids and free text hold only what every store keeps exactly; two different ids never become one. */
class TextLimitsTest {
    @Test
    void ids_with_an_unpaired_surrogate_are_refused_so_they_cannot_collide_in_a_database() {
        for (String id : new String[] {"x\uD800", "x\uDBFF", "\uDC00x", "a\uD800b", "x\uDFFF"}) {
            assertThatThrownBy(() -> ExternalOrderId.of(id)).as(id).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("ExternalOrderId").hasMessageContaining("unpaired surrogate");
            assertThatThrownBy(() -> Sku.of(id)).as(id).isInstanceOf(InvalidInputException.class);
        }
        assertThat(ExternalOrderId.of("order-\uD83D\uDE00").value()).endsWith("\uD83D\uDE00"); // an emoji is a pair
    }

    @Test
    void nul_and_other_control_characters_are_refused_in_ids_and_text_line_breaks_only_in_text() {
        assertThatThrownBy(() -> CustomerRef.of("cust\u0000")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("U+0000");
        assertThatThrownBy(() -> new Address("DE", "10115", "Ber\u0000lin", java.util.List.of(), java.util.Optional.empty()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Address.city")
                .hasMessageContaining("U+0000");
        assertThatThrownBy(() -> InvalidInputException.requireText("bell\u0007", "note", 100))
                .hasMessageContaining("U+0007");
        assertThatThrownBy(() -> InvalidInputException.requireText("half \uD800", "note", 100))
                .hasMessageContaining("unpaired surrogate");
        assertThat(InvalidInputException.requireText("two\nlines\tand a tab\r\n", "note", 100)).contains("\n");
        assertThatThrownBy(() -> InvalidInputException.requireCode("two\nlines", "code"))
                .hasMessageContaining("U+000A");
    }
}
