package io.storefront.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Per-customer totals over many days against a plain map over the same entries, and how known days are kept. */
@Tag("fast")
class CustomerTotalsTests {

    @Test
    void mergesDaysLikeAMapOfEveryEntry() {
        Random random = new Random(7);
        List<byte[]> days = new ArrayList<>();
        Map<Long, long[]> expected = new TreeMap<>();
        for (int day = 0; day < 200; day++) {
            TreeMap<Long, long[]> entries = new TreeMap<>();
            for (int i = random.nextInt(60); i > 0; i--) {
                // ids beyond 2^53, ids numbered in every block, a few refund-only entries (orders 0, negative revenue)
                long id = random.nextBoolean() ? (1L << 53) + random.nextInt(500) : 1 + random.nextInt(40_000);
                entries.put(id, new long[] {random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(2), random.nextLong(-5_000, 900_000)});
            }
            ByteBuffer packed = ByteBuffer.allocate(entries.size() * StoreCustomerDays.ENTRY_BYTES);
            entries.forEach((id, e) -> {
                packed.putLong(id).putInt((int) e[0]).putLong(e[1]);
                expected.merge(id, e.clone(), (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
            });
            days.add(packed.array());
        }
        days.add(new byte[0]);
        days.add(day(new long[] {(1L << 53) + 7, 1, 1_000}, new long[] {(1L << 53) + 3, 2, 2_000}));
        expected.merge((1L << 53) + 7, new long[] {1, 1_000}, (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
        expected.merge((1L << 53) + 3, new long[] {2, 2_000}, (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});

        // more customers than one block of numbers, some seen only outside the range
        StoreCustomerDays store = new StoreCustomerDays();
        store.update(List.of(row(0, 1, day(java.util.stream.LongStream.range(1, 40_000)
                .mapToObj(id -> new long[] {id, 1, id}).toArray(long[][]::new)))));
        StoreCustomerDays.Range range = store.update(rows(days));
        CustomerTotals.Summary byRevenue = CustomerTotals.summarize(range, false, 5);
        CustomerTotals.Summary noTop = CustomerTotals.summarize(range, false, 0);

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
        StoreCustomerDays.Range range = new StoreCustomerDays().update(rows(List.of(
                day(new long[] {1, 1, 5_000}, new long[] {2, 2, 1_000}, new long[] {3, 2, 1_000}),
                day(new long[] {1, 1, 5_000}, new long[] {4, 1, 90_000}))));

        assertThat(CustomerTotals.summarize(range, true, 3).top()).extracting(CustomerTotals.Total::customerId)
                .containsExactly(1L, 2L, 3L);
        assertThat(CustomerTotals.summarize(range, false, 2).top()).extracting(CustomerTotals.Total::customerId)
                .containsExactly(4L, 1L);
    }

    @Test
    void aKnownDayIsReplacedOnlyByANewerVersionAndRowsWithoutEntriesUseTheKnownOne() {
        StoreCustomerDays store = new StoreCustomerDays();
        store.update(List.of(row(0, 5, day(new long[] {1, 1, 1_000}))));

        StoreCustomerDays.Range unchanged = store.update(List.of(row(0, 5, null)));
        StoreCustomerDays.Range older = store.update(List.of(row(0, 4, day(new long[] {2, 1, 7_000}))));
        StoreCustomerDays.Range newer = store.update(List.of(row(0, 6, day(new long[] {3, 1, 9_000}))));

        assertThat(CustomerTotals.summarize(unchanged, false, 5).top()).extracting(CustomerTotals.Total::customerId)
                .containsExactly(1L);
        assertThat(CustomerTotals.summarize(older, false, 5).top()).extracting(CustomerTotals.Total::customerId)
                .containsExactly(1L);
        assertThat(CustomerTotals.summarize(newer, false, 5).top()).extracting(CustomerTotals.Total::customerId)
                .containsExactly(3L);
        assertThat(store.versions(LocalDate.EPOCH, LocalDate.EPOCH)).containsEntry(LocalDate.EPOCH, 6L);
        assertThat(store.versions(LocalDate.EPOCH.plusDays(1), LocalDate.EPOCH.plusDays(9))).isEmpty();
    }

    private static List<KnownVersions.Read<LocalDate, byte[]>> rows(List<byte[]> days) {
        List<KnownVersions.Read<LocalDate, byte[]>> rows = new ArrayList<>();
        for (int d = 0; d < days.size(); d++) {
            rows.add(row(d + 1, 1, days.get(d)));
        }
        return rows;
    }

    private static KnownVersions.Read<LocalDate, byte[]> row(int day, long version, byte[] packed) {
        return new KnownVersions.Read<>(LocalDate.EPOCH.plusDays(day), version, packed);
    }

    private static byte[] day(long[]... entries) {
        ByteBuffer packed = ByteBuffer.allocate(entries.length * StoreCustomerDays.ENTRY_BYTES);
        for (long[] e : entries) {
            packed.putLong(e[0]).putInt((int) e[1]).putLong(e[2]);
        }
        return packed.array();
    }
}
