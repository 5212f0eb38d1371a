package io.storefront.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Per-customer totals over many days against a plain map over the same entries. */
class CustomerTotalsTests {

    @Test
    void mergesDaysLikeAMapOfEveryEntry() {
        Random random = new Random(7);
        CustomerTotals totals = new CustomerTotals();
        Map<Long, long[]> expected = new TreeMap<>();
        for (int day = 0; day < 200; day++) {
            TreeMap<Long, long[]> entries = new TreeMap<>();
            for (int i = random.nextInt(60); i > 0; i--) {
                // ids beyond 2^53 and a few refund-only entries (orders 0, negative revenue)
                long id = (1L << 53) + random.nextInt(500);
                entries.put(id, new long[] {random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(2), random.nextLong(-5_000, 900_000)});
            }
            ByteBuffer packed = ByteBuffer.allocate(entries.size() * CustomerTotals.ENTRY_BYTES);
            entries.forEach((id, e) -> {
                packed.putLong(id).putInt((int) e[0]).putLong(e[1]);
                expected.merge(id, e.clone(), (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
            });
            totals.addDay(packed.array());
        }
        totals.addDay(new byte[0]);
        totals.addDay(day(new long[] {(1L << 53) + 7, 1, 1_000}, new long[] {(1L << 53) + 3, 2, 2_000}));
        expected.merge((1L << 53) + 7, new long[] {1, 1_000}, (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
        expected.merge((1L << 53) + 3, new long[] {2, 2_000}, (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});

        CustomerTotals.Summary byRevenue = totals.summarize(false, 5);
        CustomerTotals.Summary noTop = totals.summarize(false, 0);

        List<Map.Entry<Long, long[]>> ordered = expected.entrySet().stream().filter(e -> e.getValue()[0] > 0).toList();
        assertThat(byRevenue.customers()).isEqualTo(ordered.size()).isPositive();
        assertThat(byRevenue.repeatCustomers()).isEqualTo(ordered.stream().filter(e -> e.getValue()[0] >= 2).count());
        List<CustomerTotals.Total> top = new ArrayList<>(ordered.stream()
                .map(e -> new CustomerTotals.Total(e.getKey(), e.getValue()[0], BigDecimal.valueOf(e.getValue()[1], 3)))
                .toList());
        top.sort(Comparator.comparing(CustomerTotals.Total::revenue).reversed()
                .thenComparing(Comparator.comparingLong(CustomerTotals.Total::orders).reversed())
                .thenComparingLong(CustomerTotals.Total::customerId));
        assertThat(byRevenue.top()).containsExactlyElementsOf(top.subList(0, 5));
        assertThat(noTop.top()).isEmpty();
        assertThat(noTop.customers()).isEqualTo(byRevenue.customers());
    }

    @Test
    void ranksByOrdersThenRevenueThenLowerId() {
        CustomerTotals totals = new CustomerTotals();
        totals.addDay(day(new long[] {1, 1, 5_000}, new long[] {2, 2, 1_000}, new long[] {3, 2, 1_000}));
        totals.addDay(day(new long[] {1, 1, 5_000}, new long[] {4, 1, 90_000}));

        assertThat(totals.summarize(true, 3).top()).extracting(CustomerTotals.Total::customerId).containsExactly(1L, 2L, 3L);
        assertThat(totals.summarize(false, 2).top()).extracting(CustomerTotals.Total::customerId).containsExactly(4L, 1L);
    }

    private static byte[] day(long[]... entries) {
        ByteBuffer packed = ByteBuffer.allocate(entries.length * CustomerTotals.ENTRY_BYTES);
        for (long[] e : entries) {
            packed.putLong(e[0]).putInt((int) e[1]).putLong(e[2]);
        }
        return packed.array();
    }
}
