package io.storefront.insights;

import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One store's customer days as last read from {@code insights_customer_days}, each kept with its row version and
 * decoded into the store's {@link CustomerOrdinals}. A request hands in what it read (only the days whose version
 * moved carry their entries) and gets back the days of its range. A day is replaced only by a newer version, so
 * a slow request cannot put an older one back.
 */
final class StoreCustomerDays {

    /** One customer of a day in {@code packed}: id (int8), orders (int4), revenue in thousandths (int8). */
    static final int ENTRY_BYTES = 20;

    /** A day's entries in order of customer number: number, orders, revenue in thousandths. */
    record Day(long version, int[] ordinals, int[] orders, long[] milli) {}

    /** A row as read; {@code packed} only when its version is not the one known here. */
    record Row(LocalDate day, long version, byte @Nullable [] packed) {}

    /** The days of a range, and customer ids by number (the first {@code customerCount} are set). */
    record Range(List<Day> days, long[] customerIds, int customerCount) {}

    private final CustomerOrdinals ordinals = new CustomerOrdinals();
    private final Map<LocalDate, Day> days = new HashMap<>();
    private long dayBytes;

    synchronized Map<LocalDate, Long> versions(LocalDate start, LocalDate end) {
        Map<LocalDate, Long> versions = new HashMap<>();
        days.forEach((day, known) -> {
            if (!day.isBefore(start) && !day.isAfter(end)) {
                versions.put(day, known.version());
            }
        });
        return versions;
    }

    /** Keeps the rows that carry entries and returns every row's day. */
    synchronized Range update(List<Row> rows) {
        List<Day> range = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Day known = days.get(row.day());
            if (row.packed() != null && (known == null || known.version() < row.version())) {
                Day read = decode(row.version(), row.packed());
                dayBytes += bytes(read) - (known == null ? 0 : bytes(known));
                days.put(row.day(), read);
                known = read;
            }
            if (known == null) {
                throw new IllegalStateException("customer day " + row.day() + " came without entries and is not known");
            }
            range.add(known);
        }
        return new Range(range, ordinals.customerIds(), ordinals.size());
    }

    synchronized long bytes() {
        return ordinals.bytes() + dayBytes;
    }

    private Day decode(long version, byte[] packed) {
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
        return new Day(version, numbers, orders, milli);
    }

    private static long bytes(Day day) {
        return 96 + day.ordinals().length * 16L;
    }
}
