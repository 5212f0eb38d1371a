package io.storefront.platform;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import jakarta.servlet.Filter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Token buckets (Bucket4j) for the three kinds of caller docs/configuration.md names, kept in PostgreSQL
 * ({@code rate_limit_buckets}, one row per bucket, taken {@code for update} while spending): every instance on the
 * database spends from the same bucket, so an address gets the documented figure however many instances serve it.
 * A bucket's key carries its figures, so changing a figure starts fresh buckets instead of reusing stored ones.
 */
@Component
public class RateLimits {

    private final PlatformSettings.RateLimits settings;
    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
    private final JsonMapper json;

    RateLimits(PlatformSettings settings, JsonMapper json, DataSource dataSource) {
        this.settings = settings.rateLimits();
        this.json = json;
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_buckets")
                .idColumn("id")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                // a full bucket is the same as none: its row may go
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                .build();
    }

    /** Thrown when a bucket is empty; answered 429 with {@code Retry-After}. */
    public static final class TooManyRequests extends ApiProblems.ApiException {
        TooManyRequests(long retryAfterSeconds) {
            super(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests",
                    "Rate limit reached; retry after " + retryAfterSeconds + " s.");
            getHeaders().set("Retry-After", Long.toString(retryAfterSeconds));
        }
    }

    /** Login and registration: brute force comes per address and account. */
    public void checkCredentialAttempt(String clientIp, String email) {
        consume("cred:" + settings.credentialAttempts() + "/" + settings.credentialWindow() + ":" + clientIp + ":"
                + email.trim().toLowerCase(Locale.ROOT),
                () -> simple(settings.credentialAttempts(), settings.credentialWindow()));
    }

    void checkAnonymous(String clientIp) {
        consume("ip:" + settings.anonymousRequests() + "/" + settings.anonymousWindow() + ":" + clientIp,
                () -> simple(settings.anonymousRequests(), settings.anonymousWindow()));
    }

    void checkUser(String userId) {
        consume("user:" + settings.userBurst() + "/" + settings.userPerMinute() + ":" + userId,
                () -> BucketConfiguration.builder()
                        .addLimit(limit -> limit.capacity(settings.userBurst())
                                .refillGreedy(settings.userPerMinute(), Duration.ofMinutes(1)))
                        .build());
    }

    /** The filter every security chain adds after authentication, so pages and API are limited the same way. */
    public Filter newFilter() {
        return new RateLimitFilter(this, json, request -> false);
    }

    boolean enabled() {
        return settings.enabled();
    }

    /** Rows of buckets that have refilled completely; any instance may do it, the rows are skipped while locked. */
    @Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT1M")
    void removeFullBuckets() {
        while (settings.enabled() && buckets.removeExpired(1000) == 1000) {
            // another batch
        }
    }

    private void consume(String key, Supplier<BucketConfiguration> configuration) {
        if (!settings.enabled()) {
            return;
        }
        ConsumptionProbe probe = buckets.builder().build(key, configuration).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
            throw new TooManyRequests(seconds);
        }
    }

    private static BucketConfiguration simple(int requests, Duration window) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(requests).refillIntervally(requests, window))
                .build();
    }
}
