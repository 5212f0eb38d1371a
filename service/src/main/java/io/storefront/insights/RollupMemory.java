package io.storefront.insights;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.storefront.tenants.StoreId;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The memory for rollup rows kept between requests ({@link CustomerDays}, {@link ProductPeriods}): one budget,
 * {@code storefront.insights.rollup-cache-megabytes}, least recently used stores leave first. What is kept here is
 * checked against the database's versions on every request, so it only saves reading, never changes a figure.
 */
@Component
class RollupMemory {

    /** Something kept per store that can tell its own size. */
    interface Kept {
        long bytes();
    }

    private record Key(StoreId store, Class<?> kind) {}

    private final Cache<Key, Kept> kept;

    RollupMemory(InsightsSettings settings) {
        this.kept = Caffeine.newBuilder()
                .maximumWeight(settings.rollupCacheMegabytes() * 1024L)
                .weigher((Key key, Kept value) -> (int) Math.min(Integer.MAX_VALUE, value.bytes() / 1024))
                .build();
    }

    <T extends Kept> T of(StoreId store, Class<T> kind, Supplier<T> empty) {
        return kind.cast(kept.get(new Key(store, kind), key -> empty.get()));
    }

    /** After a read: weighs {@code value} again if the read brought rows (and so it grew or shrank). */
    void read(StoreId store, Kept value, List<? extends KnownVersions.Read<?, ?>> reads) {
        if (reads.stream().anyMatch(read -> read.raw() != null)) {
            kept.put(new Key(store, value.getClass()), value);
        }
    }
}
