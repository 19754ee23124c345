package dev.oms.core.internal.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.spi.order.CancelReason;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;

/**
 * The two fingerprint forms: 0.1's text form is still computed exactly as 0.1 computed it (its
 * code kept verbatim as {@link Fingerprint01}), and this version's binary form tells apart every
 * two contents that differ, treats equal contents alike, and has no two encodings that run into
 * each other (the usual ways a canonical form goes wrong: split strings, nested list boundaries,
 * null against an empty optional against the word "null", a number against its digits).
 */
class FingerprintFormsTest {
    /** A leaf of generated content (records in a package not exported: read by reflection). */
    public record Leaf(String text, long number, boolean flag, Optional<Instant> at, CancelReason reason) {
    }

    /** A node of generated content. */
    public record Node(List<Object> items, Map<String, Object> map, MonetaryAmount amount, CurrencyUnit currency,
            Leaf leaf) {
    }

    /** Another record with the same components as {@link Leaf}: its name tells it apart. */
    public record Twin(String text, long number, boolean flag, Optional<Instant> at, CancelReason reason) {
    }

    @Property(tries = 300)
    void the_legacy_form_is_what_0_1_computed(@ForAll("content") Object content) {
        assertThat(CommandFingerprint.legacy(content)).isEqualTo(Fingerprint01.of(content));
        assertThat(CommandFingerprint.matches(Fingerprint01.of(content), content)).isTrue();
    }

    @Property(tries = 300)
    void equal_content_has_one_fingerprint_and_it_matches(@ForAll("content") Object content) {
        String fingerprint = CommandFingerprint.of(content);
        assertThat(fingerprint).startsWith("v2:").hasSize(35);
        assertThat(CommandFingerprint.of(copy(content))).isEqualTo(fingerprint);
        assertThat(CommandFingerprint.matches(fingerprint, content)).isTrue();
    }

    @Test
    void different_contents_never_share_a_fingerprint() {
        Arbitrary<Object> contents = content();
        Map<String, Object> seen = new java.util.HashMap<>();
        Set<Object> distinct = new HashSet<>();
        contents.sampleStream().limit(20_000).forEach(c -> {
            if (distinct.add(c)) {
                Object before = seen.put(CommandFingerprint.of(c), c);
                assertThat(before).as("two contents with one fingerprint").isNull();
            }
        });
        assertThat(distinct).hasSizeGreaterThan(10_000);
    }

    @Test
    void encodings_do_not_run_into_each_other() {
        List<Object> differ = List.of(
                List.of("ab", "c"), List.of("a", "bc"), List.of("abc"),
                List.of(List.of(1L), List.of(2L)), List.of(List.of(1L, 2L)), List.of(1L, 2L),
                Optional.empty(), "null", List.of(), Map.of(),
                1L, "1", true, "true", CancelReason.OTHER, "OTHER",
                Money.of(10, "EUR"), Money.of(10, "USD"), Money.of(new BigDecimal("10.01"), "EUR"),
                Monetary.getCurrency("EUR"), "EUR",
                new Leaf("x", 1, false, Optional.empty(), CancelReason.OTHER),
                new Twin("x", 1, false, Optional.empty(), CancelReason.OTHER),
                new Leaf("x", 1, false, Optional.of(Instant.EPOCH), CancelReason.OTHER),
                new Leaf("x", 1, true, Optional.empty(), CancelReason.OTHER));
        Set<String> fingerprints = new HashSet<>();
        for (Object value : differ) {
            assertThat(fingerprints.add(CommandFingerprint.of(value))).as("%s", value).isTrue();
        }
        List<Object> withNull = new ArrayList<>();
        withNull.add(null);
        assertThat(CommandFingerprint.of(withNull)).isNotEqualTo(CommandFingerprint.of(List.of(Optional.empty())))
                .isNotEqualTo(CommandFingerprint.of(List.of("null")));
        assertThat(CommandFingerprint.of(Money.of(new BigDecimal("10.0"), "EUR")))
                .as("amounts compare by value").isEqualTo(CommandFingerprint.of(Money.of(new BigDecimal("10.00"), "EUR")));
    }

    @Provide
    Arbitrary<Object> content() {
        Arbitrary<Leaf> leaves = Combinators.combine(Arbitraries.strings().ofMaxLength(9),
                Arbitraries.longs().between(-3, 3), Arbitraries.of(true, false),
                Arbitraries.of(Optional.<Instant>empty(), Optional.of(Instant.EPOCH),
                        Optional.of(Instant.parse("2026-12-02T10:00:00Z"))),
                Arbitraries.of(CancelReason.class)).as(Leaf::new);
        Arbitrary<Object> scalars = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(5).map(s -> s),
                Arbitraries.longs().between(-2, 2).map(n -> n), leaves.map(l -> l));
        Arbitrary<MonetaryAmount> amounts = Combinators.combine(Arbitraries.longs().between(0, 2_000),
                Arbitraries.of("EUR", "JPY")).as((cents, code) -> Money.of(BigDecimal.valueOf(cents, 2), code));
        Arbitrary<Node> nodes = Combinators.combine(scalars.list().ofMaxSize(3),
                Arbitraries.maps(Arbitraries.strings().ofMaxLength(3), scalars).ofMaxSize(2), amounts,
                Arbitraries.of("EUR", "CHF").map(Monetary::getCurrency), leaves).as(Node::new);
        return Arbitraries.oneOf(scalars, nodes.map(n -> n), nodes.list().ofMaxSize(2).map(l -> l));
    }

    /** An equal value built anew (amounts at another scale), so nothing compares by identity. */
    private static Object copy(Object value) {
        if (value instanceof String s) {
            return new String(s.toCharArray());
        } else if (value instanceof Leaf l) {
            return new Leaf((String) copy(l.text()), l.number(), l.flag(), l.at(), l.reason());
        } else if (value instanceof Node n) {
            Map<String, Object> map = new LinkedHashMap<>();
            n.map().forEach((k, v) -> map.put(k, copy(v)));
            BigDecimal number = n.amount().getNumber().numberValue(BigDecimal.class).setScale(4);
            return new Node(n.items().stream().map(FingerprintFormsTest::copy).toList(), map,
                    Money.of(number, n.amount().getCurrency()), n.currency(), (Leaf) copy(n.leaf()));
        } else if (value instanceof List<?> list) {
            return list.stream().map(FingerprintFormsTest::copy).toList();
        }
        return value;
    }
}
