package io.storefront.insights;

import io.storefront.insights.KnownVersions.Read;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One store's customer days as last read from {@code insights_customer_days}, each kept with its row version and
 * decoded into the store's {@link CustomerOrdinals}. A request hands in what it read (only the days whose version
 * moved carry their entries) and gets back the days of its range.
 */
final class StoreCustomerDays implements RollupMemory.Kept {

    /** One customer of a day in {@code packed}: id (int8), orders (int4), revenue in thousandths (int8). */
    static final int ENTRY_BYTES = 20;

    /** A day's entries in order of customer number: number, orders, revenue in thousandths. */
    record Day(int[] ordinals, int[] orders, long[] milli) {}

    /** The days of a range, and customer ids by number (the first {@code customerCount} are set). */
    record Range(List<Day> days, long[] customerIds, int customerCount) {}

    private final CustomerOrdinals ordinals = new CustomerOrdinals();
    private final KnownVersions<LocalDate, Day> days = new KnownVersions<>();

    synchronized Map<LocalDate, Long> versions(LocalDate start, LocalDate end) {
        return days.versions(day -> !day.isBefore(start) && !day.isAfter(end));
    }

    /** Keeps the rows that carry entries and returns every row's day. */
    synchronized Range update(List<Read<LocalDate, byte[]>> rows) {
        return new Range(days.update(rows, this::decode), ordinals.customerIds(), ordinals.size());
    }

    @Override
    public synchronized long bytes() {
        return ordinals.bytes() + days.bytes(day -> day.ordinals().length * 16L);
    }

    private Day decode(byte[] packed) {
        ByteBuffer buffer = ByteBuffer.wrap(packed);
        int entries = packed.length / ENTRY_BYTES;
        // number in the high half, position in the low half: sorting orders the entries by number
        long[] keyed = new long[entries];
        for (int e = 0; e < entries; e++) {
            keyed[e] = (long) ordinals.ordinal(buffer.getLong(e * ENTRY_BYTES)) << 32 | e;
        }
        Arrays.sort(keyed);
        int[] numbers = new int[entries];
        int[] orders = new int[entries];
        long[] milli = new long[entries];
        for (int i = 0; i < entries; i++) {
            int at = (int) keyed[i] * ENTRY_BYTES;
            numbers[i] = (int) (keyed[i] >>> 32);
            orders[i] = buffer.getInt(at + 8);
            milli[i] = buffer.getLong(at + 12);
        }
        return new Day(numbers, orders, milli);
    }

}
