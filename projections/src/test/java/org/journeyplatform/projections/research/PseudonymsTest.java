package org.journeyplatform.projections.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A study's pseudonyms and date offsets")
class PseudonymsTest {

    private static byte[] secret(int seed) {
        byte[] secret = new byte[32];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = (byte) (seed * 31 + i);
        }
        return secret;
    }

    private static final String WREN = "0b5e39a1-7a38-4c71-9a8e-1f4a2c6d8e01";

    @Test
    @DisplayName("are stable for one secret: the same participant gets the same pseudonym and offset every time")
    void stable() {
        Pseudonyms first = new Pseudonyms(secret(1));
        Pseudonyms again = new Pseudonyms(secret(1));
        assertThat(again.participant(WREN)).isEqualTo(first.participant(WREN));
        assertThat(again.offsetDays(WREN)).isEqualTo(first.offsetDays(WREN));
        assertThat(again.reference("peer", WREN)).isEqualTo(first.reference("peer", WREN));
    }

    @Test
    @DisplayName("are the same computed by many threads at once as one by one")
    void sameFromManyThreads() {
        List<String> ids = IntStream.range(0, 2_000)
                .mapToObj(i -> new UUID(i, i * 7L).toString())
                .toList();
        Pseudonyms one = new Pseudonyms(secret(3));
        List<String> oneByOne = ids.stream()
                .map(id -> one.participant(id) + one.offsetDays(id) + one.reference("safety-plan", id))
                .toList();
        Pseudonyms shared = new Pseudonyms(secret(3));
        List<String> together = ids.parallelStream()
                .map(id -> shared.participant(id) + shared.offsetDays(id) + shared.reference("safety-plan", id))
                .toList();
        assertThat(together).isEqualTo(oneByOne);
    }

    @Test
    @DisplayName("differ between studies, and no pseudonym of one study is a pseudonym of another")
    void unlinkable() {
        Pseudonyms a = new Pseudonyms(secret(1));
        Pseudonyms b = new Pseudonyms(secret(2));
        Set<String> inA = new HashSet<>();
        Set<String> inB = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            String id = UUID.nameUUIDFromBytes(("participant-" + i).getBytes()).toString();
            inA.add(a.participant(id));
            inB.add(b.participant(id));
        }
        assertThat(inA).hasSize(500).doesNotContainAnyElementsOf(inB);
    }

    @Test
    @DisplayName("look like 16 lower-case base32 characters, references like kind-10 characters; never the id")
    void format() {
        Pseudonyms p = new Pseudonyms(secret(3));
        assertThat(p.participant(WREN)).matches("[a-z2-7]{16}").doesNotContain("0b5e");
        assertThat(p.reference("programme", WREN)).matches("programme-[a-z2-7]{10}");
        assertThat(p.reference("programme", WREN))
                .isNotEqualTo(p.reference("peer", WREN).replace("peer", "programme"));
    }

    @Test
    @DisplayName("shift dates by up to 182 days either way, spread over the whole range, and cut follow-up by 0 to "
            + "182 days")
    void offsets() {
        Pseudonyms p = new Pseudonyms(secret(4));
        List<Integer> offsets = IntStream.range(0, 5000)
                .mapToObj(i -> p.offsetDays(
                        UUID.nameUUIDFromBytes(("o-" + i).getBytes()).toString()))
                .toList();
        assertThat(offsets).allSatisfy(o -> assertThat(o).isBetween(-182, 182));
        assertThat(offsets.stream().mapToInt(Integer::intValue).min().orElseThrow())
                .isLessThan(-150);
        assertThat(offsets.stream().mapToInt(Integer::intValue).max().orElseThrow())
                .isGreaterThan(150);
        assertThat(offsets.stream().filter(o -> o < 0).count()).isBetween(2200L, 2800L);
        assertThat(IntStream.range(0, 5000)
                        .map(i -> p.cutDays("c-" + i))
                        .boxed()
                        .toList())
                .allSatisfy(c -> assertThat(c).isBetween(0, 182))
                .contains(0, 182);
    }

    @Test
    @DisplayName("need a secret of at least 32 bytes, and never show it")
    void secretKept() {
        assertThatThrownBy(() -> new Pseudonyms(new byte[16])).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Pseudonyms(secret(5)).toString()).doesNotContain("5");
    }
}
