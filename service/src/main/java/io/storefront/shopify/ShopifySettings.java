package io.storefront.shopify;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param apiBaseUrl where a shop's Admin API lives; {@code {shop}} is replaced by the shop's domain
 * @param apiVersion the one Admin API version every query is written against (2025-10 and 2026-01 are tested)
 * @param maxAttempts attempts per request before a transient failure (throttling, 429, 5xx, I/O) is given up
 */
@ConfigurationProperties("storefront.shopify")
public record ShopifySettings(
        @DefaultValue("https://{shop}") String apiBaseUrl,
        @DefaultValue(ShopifySettings.PINNED_API_VERSION) String apiVersion,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("60s") Duration requestTimeout,
        @DefaultValue("10") int maxAttempts,
        @DefaultValue("500ms") Duration initialBackoff,
        @DefaultValue("30s") Duration maxBackoff,
        @DefaultValue("1s") Duration bulkPollInterval,
        @DefaultValue("6h") Duration bulkTimeout) {

    /** The Admin API version the service is written against: the one place it is pinned. */
    public static final String PINNED_API_VERSION = "2025-10";

    /** {@code bulkOperations} and {@code bulkOperation(id:)} exist from 2026-01 on; 2025-10 only has the deprecated {@code currentBulkOperation}. */
    boolean listsBulkOperations() {
        return apiVersion.compareTo("2026-01") >= 0;
    }

    String graphqlUrl(String shopDomain) {
        return apiBaseUrl.replace("{shop}", shopDomain).replaceAll("/+$", "") + "/admin/api/" + apiVersion + "/graphql.json";
    }
}
