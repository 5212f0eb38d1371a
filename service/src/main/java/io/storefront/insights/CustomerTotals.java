package io.storefront.insights;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Orders and revenue per customer over a range, added up from the per-day arrays of
 * {@code insights_customer_days}. Open addressing over primitive arrays: a year of a large store is
 * ~300,000 additions, which must take milliseconds, not the boxing and hashing of a {@code HashMap}.
 */
final class CustomerTotals {

    record Total(long customerId, long orders, BigDecimal revenue) {}

    private static final long EMPTY = Long.MIN_VALUE;

    private long[] ids = new long[1 << 12];
    private long[] orders = new long[ids.length];
    private long[] milli = new long[ids.length];
    private int size;

    CustomerTotals() {
        java.util.Arrays.fill(ids, EMPTY);
    }

    void add(long customerId, long orderCount, long revenueMilli) {
        if ((size + 1) * 2 > ids.length) {
            grow();
        }
        int slot = slot(ids, customerId);
        if (ids[slot] == EMPTY) {
            ids[slot] = customerId;
            size++;
        }
        orders[slot] += orderCount;
        milli[slot] += revenueMilli;
    }

    /** Customers with at least one order in the range. */
    long customers() {
        long count = 0;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != EMPTY && orders[i] > 0) {
                count++;
            }
        }
        return count;
    }

    long customersWithAtLeast(long orderCount) {
        long count = 0;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != EMPTY && orders[i] >= orderCount) {
                count++;
            }
        }
        return count;
    }

    /** The first {@code limit} customers by revenue (then orders) or by orders (then revenue), ties by id. */
    List<Total> top(boolean byOrders, int limit) {
        Comparator<Integer> best = byOrders
                ? Comparator.<Integer>comparingLong(i -> orders[i]).thenComparingLong(i -> milli[i])
                : Comparator.<Integer>comparingLong(i -> milli[i]).thenComparingLong(i -> orders[i]);
        best = best.thenComparing(Comparator.<Integer>comparingLong(i -> ids[i]).reversed());
        // a min-heap of the best so far: its head is the weakest, replaced by anything better
        PriorityQueue<Integer> heap = new PriorityQueue<>(limit + 1, best);
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == EMPTY || orders[i] <= 0) {
                continue;
            }
            if (heap.size() < limit) {
                heap.add(i);
            } else if (best.compare(i, heap.peek()) > 0) {
                heap.poll();
                heap.add(i);
            }
        }
        List<Integer> slots = new ArrayList<>(heap);
        slots.sort(best.reversed());
        return slots.stream().map(i -> new Total(ids[i], orders[i], BigDecimal.valueOf(milli[i], 3))).toList();
    }

    private void grow() {
        long[] oldIds = ids;
        long[] oldOrders = orders;
        long[] oldMilli = milli;
        ids = new long[oldIds.length * 2];
        java.util.Arrays.fill(ids, EMPTY);
        orders = new long[ids.length];
        milli = new long[ids.length];
        for (int i = 0; i < oldIds.length; i++) {
            if (oldIds[i] != EMPTY) {
                int slot = slot(ids, oldIds[i]);
                ids[slot] = oldIds[i];
                orders[slot] = oldOrders[i];
                milli[slot] = oldMilli[i];
            }
        }
    }

    private static int slot(long[] ids, long customerId) {
        int mask = ids.length - 1;
        long h = customerId * 0x9E3779B97F4A7C15L;
        int slot = (int) (h ^ (h >>> 32)) & mask;
        while (ids[slot] != EMPTY && ids[slot] != customerId) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }
}
