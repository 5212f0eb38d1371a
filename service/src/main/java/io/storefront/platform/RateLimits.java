package io.storefront.platform;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.Filter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Token buckets (Bucket4j) for the three kinds of caller SPEC.md §7 names. Buckets live in memory per instance,
 * evicted when idle; behind N instances the effective limit is N times the figure (documented in the README).
 */
@Component
public class RateLimits {

    private final PlatformSettings.RateLimits settings;
    private final Cache<String, Bucket> buckets;

    private final JsonMapper json;

    RateLimits(PlatformSettings settings, JsonMapper json) {
        this.settings = settings.rateLimits();
        this.json = json;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(500_000)
                .expireAfterAccess(maxWindow(this.settings))
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
        consume("cred:" + clientIp + ":" + email.trim().toLowerCase(Locale.ROOT),
                () -> simple(settings.credentialAttempts(), settings.credentialWindow()));
    }

    void checkAnonymous(String clientIp) {
        consume("ip:" + clientIp, () -> simple(settings.anonymousRequests(), settings.anonymousWindow()));
    }

    void checkUser(String userId) {
        consume("user:" + userId, () -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(settings.userBurst())
                        .refillGreedy(settings.userPerMinute(), Duration.ofMinutes(1)).build())
                .build());
    }

    /** The filter every security chain adds after authentication, so pages and API are limited the same way. */
    public Filter newFilter() {
        return new RateLimitFilter(this, json, request -> false);
    }

    boolean enabled() {
        return settings.enabled();
    }

    private void consume(String key, Supplier<Bucket> newBucket) {
        if (!settings.enabled()) {
            return;
        }
        ConsumptionProbe probe = buckets.get(key, k -> newBucket.get()).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
            throw new TooManyRequests(seconds);
        }
    }

    private static Bucket simple(int requests, Duration window) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(requests).refillIntervally(requests, window).build())
                .build();
    }

    private static Duration maxWindow(PlatformSettings.RateLimits s) {
        Duration longest = s.anonymousWindow().compareTo(s.credentialWindow()) > 0 ? s.anonymousWindow() : s.credentialWindow();
        return longest.compareTo(Duration.ofMinutes(1)) > 0 ? longest : Duration.ofMinutes(1);
    }
}
