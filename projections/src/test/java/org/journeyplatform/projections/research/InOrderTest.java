package org.journeyplatform.projections.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An export's work on several threads")
class InOrderTest {

    private static final List<Integer> ITEMS = IntStream.range(0, 1_000).boxed().toList();

    @Test
    @DisplayName("hands every result on once, in the list's order, in the calling thread, whatever finishes first")
    void inOrder() {
        Thread caller = Thread.currentThread();
        Set<String> workers = ConcurrentHashMap.newKeySet();
        List<Integer> seen = new ArrayList<>();
        InOrder.map(
                ITEMS,
                2,
                i -> {
                    workers.add(Thread.currentThread().getName());
                    // the later items of a window finish first
                    return i * 2 + (i % 7 == 0 ? busy(20_000) : 0);
                },
                (index, result) -> {
                    assertThat(Thread.currentThread()).isSameAs(caller);
                    assertThat(result).isEqualTo(index * 2);
                    seen.add(result);
                });
        assertThat(seen).isEqualTo(ITEMS.stream().map(i -> i * 2).toList());
        assertThat(workers).allSatisfy(name -> assertThat(name).startsWith("research-export-"));
        // a pool's thread ends just after telling the pool it is done: gone within moments, not at once
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
                        .noneSatisfy(thread -> assertThat(workers).contains(thread.getName())));
    }

    @Test
    @DisplayName("in batches, gives each item's result with the item's own index, the last batch short")
    void inBatches() {
        List<Integer> items = ITEMS.subList(0, 3 * InOrder.BATCH + 5);
        List<Integer> batchSizes = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Integer> indexes = new ArrayList<>();
        InOrder.mapInBatches(
                items,
                2,
                InOrder.BATCH,
                batch -> {
                    batchSizes.add(batch.size());
                    return batch.stream().map(i -> i * 3).toList();
                },
                (index, result) -> {
                    assertThat(result).isEqualTo(items.get(index) * 3);
                    indexes.add(index);
                });
        assertThat(indexes).isEqualTo(IntStream.range(0, items.size()).boxed().toList());
        assertThat(batchSizes).containsExactlyInAnyOrder(InOrder.BATCH, InOrder.BATCH, InOrder.BATCH, 5);
    }

    @Test
    @DisplayName("in batches, refuses a batch's work that answers for fewer items than it was given")
    void batchAnswersForEveryItem() {
        assertThatThrownBy(() -> InOrder.mapInBatches(
                        ITEMS.subList(0, 10), 1, 4, batch -> batch.subList(1, batch.size()), (index, result) -> {}))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("works in the calling thread alone when asked for one thread")
    void oneThread() {
        Thread caller = Thread.currentThread();
        List<Integer> seen = new ArrayList<>();
        InOrder.map(
                ITEMS,
                1,
                i -> {
                    assertThat(Thread.currentThread()).isSameAs(caller);
                    return i;
                },
                (index, result) -> seen.add(result));
        assertThat(seen).isEqualTo(ITEMS);
    }

    @Test
    @DisplayName(
            "stops at the first failure of the work and throws it as it was, having handed on only what came before")
    void workFails() {
        List<Integer> seen = new ArrayList<>();
        assertThatThrownBy(() -> InOrder.map(
                        ITEMS,
                        2,
                        i -> {
                            if (i == 500) {
                                throw new IllegalArgumentException("item 500");
                            }
                            return i;
                        },
                        (index, result) -> seen.add(result)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("item 500");
        assertThat(seen).isEqualTo(ITEMS.subList(0, 500));
    }

    @Test
    @DisplayName("stops when the calling thread cannot write a result, and says so as an I/O failure")
    void sinkFails() {
        assertThatThrownBy(() -> InOrder.map(ITEMS, 2, i -> i, (index, result) -> {
                    if (index == 10) {
                        throw new IOException("disk full");
                    }
                }))
                .isInstanceOf(UncheckedIOException.class)
                .hasRootCauseMessage("disk full");
    }

    private static int busy(int rounds) {
        long x = 0;
        for (int i = 0; i < rounds; i++) {
            x += Long.numberOfTrailingZeros(i * 31L + x);
        }
        return x == Long.MIN_VALUE ? 1 : 0;
    }
}
