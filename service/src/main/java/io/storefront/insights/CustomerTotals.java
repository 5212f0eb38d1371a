package io.storefront.insights;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Orders and revenue per customer over a range, added up from the per-day entries of
 * {@code insights_customer_days}. A year of a large store is ~500,000 entries of ~160,000 customers: one hash
 * table that size pays a cache miss per entry, so the entries are first grouped by hash into partitions whose
 * tables stay in the CPU cache (half the time; measured on a 1,000,000-order store, see BENCHMARKS.md).
 */
final class CustomerTotals {

    record Total(long customerId, long orders, BigDecimal revenue) {}

    record Summary(long customers, long repeatCustomers, List<Total> top) {}

    /** One customer of a day in {@code packed}: id (int8), orders (int4), revenue in thousandths (int8). */
    static final int ENTRY_BYTES = 20;

    private static final int PARTITION_BITS = 8;
    private static final int PARTITIONS = 1 << PARTITION_BITS;
    private static final long EMPTY = Long.MIN_VALUE;

    private final List<byte[]> days = new ArrayList<>();

    void addDay(byte[] packed) {
        days.add(packed);
    }

    /**
     * How many customers ordered (net orders above zero), how many twice or more, and the first {@code limit} by
     * revenue (then orders) or by orders (then revenue), ties to the lower id.
     */
    Summary summarize(boolean byOrders, int limit) {
        Comparator<Candidate> best = byOrders
                ? Comparator.comparingLong(Candidate::orders).thenComparingLong(Candidate::milli)
                : Comparator.comparingLong(Candidate::milli).thenComparingLong(Candidate::orders);
        best = best.thenComparing(Comparator.comparingLong(Candidate::customerId).reversed());
        // a min-heap of the best so far: its head is the weakest, replaced by anything better
        PriorityQueue<Candidate> top = new PriorityQueue<>(limit + 1, best);
        long customers = 0;
        long repeat = 0;
        Partitions partitions = new Partitions(days);
        // at most half full even if every entry of the largest partition is a different customer
        int capacity = Integer.highestOneBit(Math.max(8, partitions.largest())) * 4;
        long[] ids = new long[capacity];
        long[] orders = new long[capacity];
        long[] milli = new long[capacity];
        for (int p = 0; p < PARTITIONS; p++) {
            Arrays.fill(ids, EMPTY);
            Arrays.fill(orders, 0);
            Arrays.fill(milli, 0);
            long[] partitionIds = partitions.ids[p];
            for (int e = 0; e < partitionIds.length; e++) {
                int slot = slot(ids, partitionIds[e]);
                ids[slot] = partitionIds[e];
                orders[slot] += partitions.orders[p][e];
                milli[slot] += partitions.milli[p][e];
            }
            for (int slot = 0; slot < capacity; slot++) {
                if (ids[slot] == EMPTY || orders[slot] <= 0) {
                    continue;
                }
                customers++;
                if (orders[slot] >= 2) {
                    repeat++;
                }
                Candidate candidate = new Candidate(ids[slot], orders[slot], milli[slot]);
                if (top.size() < limit) {
                    top.add(candidate);
                } else if (limit > 0 && best.compare(candidate, top.peek()) > 0) {
                    top.poll();
                    top.add(candidate);
                }
            }
        }
        return new Summary(customers, repeat, top.stream().sorted(best.reversed())
                .map(c -> new Total(c.customerId(), c.orders(), BigDecimal.valueOf(c.milli(), 3))).toList());
    }

    private record Candidate(long customerId, long orders, long milli) {}

    private static long hash(long customerId) {
        return customerId * 0x9E3779B97F4A7C15L;
    }

    /** Linear probing on the hash's low bits (its top bits chose the partition). Tables are at most half full. */
    private static int slot(long[] ids, long customerId) {
        int mask = ids.length - 1;
        int slot = (int) hash(customerId) & mask;
        while (ids[slot] != EMPTY && ids[slot] != customerId) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** Every entry of every day, grouped by the top bits of its customer's hash (a counting sort, two passes). */
    private static final class Partitions {
        // an array per partition: a year's entries in one array would be several MB, allocated outside the
        // young generation on every request
        final long[][] ids = new long[PARTITIONS][];
        final int[][] orders = new int[PARTITIONS][];
        final long[][] milli = new long[PARTITIONS][];

        Partitions(List<byte[]> days) {
            int[] sizes = new int[PARTITIONS];
            for (byte[] day : days) {
                ByteBuffer buffer = ByteBuffer.wrap(day);
                for (int at = 0; at + ENTRY_BYTES <= day.length; at += ENTRY_BYTES) {
                    sizes[partition(buffer.getLong(at))]++;
                }
            }
            for (int p = 0; p < PARTITIONS; p++) {
                ids[p] = new long[sizes[p]];
                orders[p] = new int[sizes[p]];
                milli[p] = new long[sizes[p]];
            }
            int[] next = new int[PARTITIONS];
            for (byte[] day : days) {
                ByteBuffer buffer = ByteBuffer.wrap(day);
                for (int at = 0; at + ENTRY_BYTES <= day.length; at += ENTRY_BYTES) {
                    long id = buffer.getLong(at);
                    int p = partition(id);
                    int e = next[p]++;
                    ids[p][e] = id;
                    orders[p][e] = buffer.getInt(at + 8);
                    milli[p][e] = buffer.getLong(at + 12);
                }
            }
        }

        int largest() {
            int largest = 0;
            for (long[] partition : ids) {
                largest = Math.max(largest, partition.length);
            }
            return largest;
        }

        private static int partition(long customerId) {
            return (int) (hash(customerId) >>> (64 - PARTITION_BITS));
        }
    }
}
