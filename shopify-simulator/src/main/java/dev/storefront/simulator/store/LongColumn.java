package dev.storefront.simulator.store;

import java.util.Arrays;

/**
 * A growable column of primitive longs: a million orders cost 8 MB per column instead of a million objects.
 * Readers may see a stale array while a writer grows it; the store's lock orders writes against paging.
 */
final class LongColumn {

    private volatile long[] values;
    private volatile int size;

    LongColumn(int capacity) {
        values = new long[Math.max(16, capacity)];
    }

    int size() {
        return size;
    }

    long get(int index) {
        return values[index];
    }

    void set(int index, long value) {
        values[index] = value;
    }

    void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[size] = value;
        size++;
    }
}
