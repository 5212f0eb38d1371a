package io.storefront.bench;

import java.util.Arrays;

/** Latencies in microseconds, recorded from many threads; percentiles by sorting (runs are short). */
final class Latencies {

    private long[] values = new long[1 << 16];
    private int size;

    synchronized void record(long micros) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = micros;
    }

    synchronized int count() {
        return size;
    }

    /** The p-th percentile (0–100) in milliseconds. */
    synchronized double percentileMs(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int index = (int) Math.min(size - 1, Math.max(0, Math.ceil(p / 100.0 * size) - 1));
        return sorted[index] / 1000.0;
    }
}
