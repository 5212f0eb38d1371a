package io.storefront.insights;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * Values decoded from rollup rows, each kept with the row's version (numbers from one sequence, so a row's next
 * version is always larger). A reader sends the versions it knows, the database sends back rows only for what
 * moved, and a value is replaced only by a newer version, so a slow reader cannot put an older one back. Not
 * thread-safe: its owner guards it.
 *
 * @param <K> what a row is of (a day, a month)
 * @param <V> its decoded value
 */
final class KnownVersions<K, V> {

    /** A row as read; {@code raw} only when its version is not one known here. */
    record Read<K, R>(K key, long version, @Nullable R raw) {}

    private record Known<V>(long version, V value) {}

    private final Map<K, Known<V>> known = new HashMap<>();

    Map<K, Long> versions(Predicate<K> wanted) {
        Map<K, Long> versions = new HashMap<>();
        known.forEach((key, value) -> {
            if (wanted.test(key)) {
                versions.put(key, value.version());
            }
        });
        return versions;
    }

    /** Keeps what the reads carry ({@code decode} turns it into a value) and returns every read's value. */
    <R> List<V> update(List<Read<K, R>> reads, Function<R, V> decode) {
        List<V> values = new ArrayList<>(reads.size());
        for (Read<K, R> read : reads) {
            Known<V> current = known.get(read.key());
            if (read.raw() != null && (current == null || current.version() < read.version())) {
                current = new Known<>(read.version(), decode.apply(read.raw()));
                known.put(read.key(), current);
            }
            if (current == null) {
                throw new IllegalStateException(read.key() + " came without its rows and is not known");
            }
            values.add(current.value());
        }
        return values;
    }

    long bytes(ToLongFunction<V> bytes) {
        return known.values().stream().mapToLong(k -> 48 + bytes.applyAsLong(k.value())).sum();
    }
}
