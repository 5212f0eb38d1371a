package io.storefront.tenants;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The public app of the OAuth install mode ({@code STOREFRONT_SHOPIFY_CLIENT_ID}, {@code _CLIENT_SECRET},
 * {@code _SCOPES}) and how early tokens are renewed.
 *
 * @param renewBefore renew once less than this is left of a token's life, or less than a fifth of it, whichever
 *     is shorter (so a token living seconds in a test is not renewed on every call)
 * @param stateLifetime how long an install may take between the redirect to Shopify and the callback
 * @param callbackMaxAge how old the callback's {@code timestamp} may be
 */
@ConfigurationProperties("storefront.shopify")
public record ConnectionSettings(
        @Nullable String clientId,
        @Nullable String clientSecret,
        @DefaultValue("read_customers,read_products,read_orders,read_all_orders,read_checkouts") String scopes,
        @DefaultValue("5m") Duration renewBefore,
        @DefaultValue("10m") Duration stateLifetime,
        @DefaultValue("5m") Duration callbackMaxAge) {

    public boolean publicAppConfigured() {
        return clientId != null && !clientId.isBlank() && clientSecret != null && !clientSecret.isBlank();
    }

    List<String> scopeList() {
        return Arrays.stream(scopes.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
