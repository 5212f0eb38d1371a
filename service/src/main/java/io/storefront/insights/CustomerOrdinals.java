package io.storefront.insights;

import java.util.Arrays;

/**
 * A store's customers numbered 0, 1, 2… in the order they were first seen, so per-customer totals can be added up
 * in plain arrays instead of a hash table (Shopify ids are large and sparse). Numbers are never reused or
 * changed; the table only grows. Not thread-safe: {@link StoreCustomerDays} guards it.
 */
final class CustomerOrdinals {

    private static final long EMPTY = Long.MIN_VALUE;

    private long[] keys = emptyTable(1 << 10);
    private int[] values = new int[1 << 10];
    private long[] customerIds = new long[1 << 9];
    private int size;

    /** The customer's number, given one if it has none yet. */
    int ordinal(long customerId) {
        int slot = slot(keys, customerId);
        if (keys[slot] == customerId) {
            return values[slot];
        }
        if (size == customerIds.length) {
            customerIds = Arrays.copyOf(customerIds, size * 2);
        }
        int ordinal = size++;
        customerIds[ordinal] = customerId;
        keys[slot] = customerId;
        values[slot] = ordinal;
        if (size * 2 > keys.length) {
            grow();
        }
        return ordinal;
    }

    int size() {
        return size;
    }

    /**
     * Customer ids by number. A grown table is a new array, so a caller may read the first {@link #size()} entries
     * of the array it got while others add customers.
     */
    long[] customerIds() {
        return customerIds;
    }

    long bytes() {
        return keys.length * 12L + customerIds.length * 8L;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = emptyTable(oldKeys.length * 2);
        values = new int[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = slot(keys, oldKeys[i]);
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }

    private static long[] emptyTable(int capacity) {
        long[] table = new long[capacity];
        Arrays.fill(table, EMPTY);
        return table;
    }

    /** Linear probing; tables are at most half full. */
    private static int slot(long[] keys, long customerId) {
        int mask = keys.length - 1;
        int slot = (int) ((customerId * 0x9E3779B97F4A7C15L) >>> 32) & mask;
        while (keys[slot] != EMPTY && keys[slot] != customerId) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }
}
