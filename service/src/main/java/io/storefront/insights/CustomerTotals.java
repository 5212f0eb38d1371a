package io.storefront.insights;

import io.storefront.insights.StoreCustomerDays.Day;
import io.storefront.insights.StoreCustomerDays.Range;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Orders and revenue per customer over a range, added up from its customer days. Customers are numbered densely
 * per store, so the totals are plain arrays indexed by number; they are added up one block of numbers at a time
 * (each day's entries are in number order, so every day is read once in all) to keep the arrays in the CPU cache
 * and every allocation small.
 */
final class CustomerTotals {

    record Total(long customerId, long orders, BigDecimal revenue) {}

    record Summary(long customers, long repeatCustomers, List<Total> top) {}

    private static final int BLOCK = 1 << 14;

    private CustomerTotals() {}

    /**
     * How many customers ordered (net orders above zero), how many twice or more, and the first {@code limit} by
     * revenue (then orders) or by orders (then revenue), ties to the lower id.
     */
    static Summary summarize(Range range, boolean byOrders, int limit) {
        List<Day> days = range.days();
        int[] next = new int[days.size()];
        long[] orders = new long[BLOCK];
        long[] milli = new long[BLOCK];
        long customers = 0;
        long repeat = 0;
        Top top = new Top(byOrders, limit);
        for (int base = 0; base < range.customerCount(); base += BLOCK) {
            int end = Math.min(range.customerCount(), base + BLOCK);
            Arrays.fill(orders, 0);
            Arrays.fill(milli, 0);
            for (int d = 0; d < days.size(); d++) {
                Day day = days.get(d);
                int[] numbers = day.ordinals();
                int e = next[d];
                for (; e < numbers.length && numbers[e] < end; e++) {
                    orders[numbers[e] - base] += day.orders()[e];
                    milli[numbers[e] - base] += day.milli()[e];
                }
                next[d] = e;
            }
            for (int i = 0; i < end - base; i++) {
                if (orders[i] <= 0) {
                    continue;
                }
                customers++;
                if (orders[i] >= 2) {
                    repeat++;
                }
                top.offer(range.customerIds()[base + i], orders[i], milli[i]);
            }
        }
        return new Summary(customers, repeat, top.best());
    }

    /** The best {@code limit} so far in a min-heap: its head is the weakest, replaced by anything better. */
    private static final class Top {

        private record Candidate(long customerId, long orders, long milli) {}

        private final boolean byOrders;
        private final int limit;
        private final Comparator<Candidate> better;
        private final PriorityQueue<Candidate> heap;

        Top(boolean byOrders, int limit) {
            this.byOrders = byOrders;
            this.limit = limit;
            Comparator<Candidate> ranking = byOrders
                    ? Comparator.comparingLong(Candidate::orders).thenComparingLong(Candidate::milli)
                    : Comparator.comparingLong(Candidate::milli).thenComparingLong(Candidate::orders);
            this.better = ranking.thenComparing(Comparator.comparingLong(Candidate::customerId).reversed());
            this.heap = new PriorityQueue<>(limit + 1, better);
        }

        void offer(long customerId, long orders, long milli) {
            if (limit == 0) {
                return;
            }
            if (heap.size() == limit) {
                Candidate weakest = heap.peek();
                // most customers lose on the first key: no object, no comparator chain
                if ((byOrders ? orders < weakest.orders() : milli < weakest.milli())) {
                    return;
                }
                Candidate candidate = new Candidate(customerId, orders, milli);
                if (better.compare(candidate, weakest) > 0) {
                    heap.poll();
                    heap.add(candidate);
                }
                return;
            }
            heap.add(new Candidate(customerId, orders, milli));
        }

        List<Total> best() {
            List<Candidate> ranked = new ArrayList<>(heap);
            ranked.sort(better.reversed());
            return ranked.stream()
                    .map(c -> new Total(c.customerId(), c.orders(), BigDecimal.valueOf(c.milli(), 3)))
                    .toList();
        }
    }
}
