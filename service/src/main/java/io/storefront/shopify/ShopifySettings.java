package io.storefront.shopify;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param apiBaseUrl where a shop's Admin API lives; {@code {shop}} is replaced by the shop's domain
 * @param apiVersion the one Admin API version every query is written against
 * @param maxAttempts attempts per request before a transient failure (throttling, 429, 5xx, I/O) is given up
 */
@ConfigurationProperties("storefront.shopify")
public record ShopifySettings(
        @DefaultValue("https://{shop}") String apiBaseUrl,
        @DefaultValue("2025-10") String apiVersion,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("60s") Duration requestTimeout,
        @DefaultValue("10") int maxAttempts,
        @DefaultValue("500ms") Duration initialBackoff,
        @DefaultValue("30s") Duration maxBackoff,
        @DefaultValue("1s") Duration bulkPollInterval,
        @DefaultValue("6h") Duration bulkTimeout) {

    String graphqlUrl(String shopDomain) {
        return apiBaseUrl.replace("{shop}", shopDomain).replaceAll("/+$", "") + "/admin/api/" + apiVersion + "/graphql.json";
    }
}
