package org.journeyplatform.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void nearestRankOfOneToHundred() {
        long[] v = new long[100];
        for (int i = 0; i < 100; i++) {
            v[i] = 100 - i; // unsorted on purpose
        }
        Latencies l = Latencies.of(v);
        assertThat(l.count()).isEqualTo(100);
        assertThat(l.p50()).isEqualTo(50);
        assertThat(l.p95()).isEqualTo(95);
        assertThat(l.p99()).isEqualTo(99);
        assertThat(l.max()).isEqualTo(100);
        assertThat(l.percentile(100)).isEqualTo(100);
        assertThat(l.meanMicros()).isEqualTo(50.5);
    }

    @Test
    void smallSetsNeverInterpolate() {
        Latencies l = Latencies.of(new long[] {30, 10, 20});
        assertThat(l.p50()).isEqualTo(20);
        assertThat(l.p99()).isEqualTo(30);
        assertThat(Latencies.of(new long[] {7}).p50()).isEqualTo(7);
    }

    @Test
    void emptyIsZero() {
        Latencies l = Latencies.of(new long[0]);
        assertThat(l.p99()).isZero();
        assertThat(l.max()).isZero();
        assertThat(l.meanMicros()).isZero();
    }

    @Test
    void refusesPercentilesOutsideTheRange() {
        assertThatThrownBy(() -> Latencies.of(new long[] {1}).percentile(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatsMicrosAsMillis() {
        assertThat(Latencies.ms(4_250)).isEqualTo("4.25");
        assertThat(Latencies.ms(123_456)).isEqualTo("123");
        assertThat(Latencies.ms(850)).isEqualTo("0.850");
    }
}
