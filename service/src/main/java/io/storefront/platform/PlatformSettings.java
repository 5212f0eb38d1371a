package io.storefront.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings shared by every module ({@code storefront.*}, from environment variables such as
 * {@code STOREFRONT_JWT_SECRET}). Secrets left empty are generated and kept in the data dir in embedded mode only.
 */
@ConfigurationProperties("storefront")
public record PlatformSettings(
        Path dataDir,
        @Nullable String jwtSecret,
        @DefaultValue("7d") Duration jwtExpiry,
        @Nullable String encryptionKey,
        @DefaultValue("http://localhost:8080") String publicUrl,
        @DefaultValue("") List<String> corsOrigins,
        @DefaultValue RateLimits rateLimits,
        @DefaultValue("1MB") org.springframework.util.unit.DataSize maxApiBody,
        @Nullable String metricsToken) {

    /** Bucket4j figures; every one configurable ({@code storefront.rate-limits.*}). */
    public record RateLimits(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("100") int anonymousRequests,
            @DefaultValue("15m") Duration anonymousWindow,
            @DefaultValue("10") int credentialAttempts,
            @DefaultValue("15m") Duration credentialWindow,
            @DefaultValue("100") int userBurst,
            @DefaultValue("600") int userPerMinute) {}
}
