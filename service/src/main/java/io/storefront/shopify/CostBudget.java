package io.storefront.shopify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Client-side copy of each shop's leaky bucket. Before a query is sent, the time until the bucket holds its
 * expected cost is computed from the last reported level and the restore rate, so that Shopify rarely has to
 * answer THROTTLED. The expected cost is reserved at once, so concurrent callers for one shop queue up
 * instead of all finding the same points available.
 */
final class CostBudget {

    /** Until Shopify reports otherwise: the Standard plan's bucket. */
    private static final ThrottleStatus UNKNOWN = new ThrottleStatus(2000, 2000, 100);

    private final Clock clock;
    private final Map<String, Level> levels = new ConcurrentHashMap<>();

    CostBudget(Clock clock) {
        this.clock = clock;
    }

    /** Reserves {@code cost} points and says how long to wait before sending. */
    Duration reserve(String shop, double cost) {
        Instant now = clock.instant();
        Level level = levels.compute(shop, (key, current) -> {
            Level base = current == null ? new Level(UNKNOWN, UNKNOWN.currentlyAvailable(), now) : current;
            double available = base.availableAt(now);
            return new Level(base.status, available - Math.min(cost, base.status.maximumAvailable()), now);
        });
        double missing = -level.available;
        if (missing <= 0) {
            return Duration.ZERO;
        }
        return Duration.ofMillis((long) Math.ceil(missing / level.status.restoreRate() * 1000));
    }

    /** What Shopify reported after a query: the truth replaces our estimate. */
    void observe(String shop, ThrottleStatus status) {
        levels.put(shop, new Level(status, status.currentlyAvailable(), clock.instant()));
    }

    /** How long until the bucket holds {@code cost} again, from the last report (for a THROTTLED answer). */
    Duration refillTime(String shop, double cost) {
        Level level = levels.get(shop);
        if (level == null) {
            return Duration.ofSeconds(1);
        }
        double missing = Math.min(cost, level.status.maximumAvailable()) - level.availableAt(clock.instant());
        return missing <= 0 ? Duration.ZERO : Duration.ofMillis((long) Math.ceil(missing / level.status.restoreRate() * 1000));
    }

    ThrottleStatus status(String shop) {
        Level level = levels.get(shop);
        return level == null ? UNKNOWN : level.status;
    }

    private record Level(ThrottleStatus status, double available, Instant at) {
        double availableAt(Instant now) {
            double restored = Duration.between(at, now).toMillis() / 1000.0 * status.restoreRate();
            return Math.min(status.maximumAvailable(), available + Math.max(0, restored));
        }
    }
}
