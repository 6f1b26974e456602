package org.journeyplatform.benchmark;

import java.util.Arrays;

/**
 * Percentiles of a set of latencies in microseconds, by the nearest-rank method: the p-th percentile is the smallest
 * value such that at least p % of the values are at most it (so p100 is the maximum and nothing is interpolated).
 */
public final class Latencies {

    private final long[] sorted;

    private Latencies(long[] sorted) {
        this.sorted = sorted;
    }

    public static Latencies of(long[] micros) {
        long[] copy = micros.clone();
        Arrays.sort(copy);
        return new Latencies(copy);
    }

    public int count() {
        return sorted.length;
    }

    /** The p-th percentile (0 < p <= 100) in microseconds; 0 when there are no values. */
    public long percentile(double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        }
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    public long p50() {
        return percentile(50);
    }

    public long p95() {
        return percentile(95);
    }

    public long p99() {
        return percentile(99);
    }

    public long max() {
        return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
    }

    public double meanMicros() {
        if (sorted.length == 0) {
            return 0;
        }
        double sum = 0;
        for (long v : sorted) {
            sum += v;
        }
        return sum / sorted.length;
    }

    /** Microseconds as milliseconds with a sensible number of digits: 0.42, 4.2, 42, 420. */
    public static String ms(long micros) {
        return Report.number(micros / 1000.0);
    }
}
