package dev.storefront.simulator.oauth;

import java.util.Set;

/**
 * A granted Admin API token.
 *
 * @param expiresAtMillis epoch millis, or {@link Long#MAX_VALUE} for a non-expiring token
 */
public record AccessToken(String token, String shop, App app, Set<String> scopes, long expiresAtMillis) {

    public boolean has(String scope) {
        return scopes.contains(scope) || (scope.startsWith("read_") && scopes.contains("write_" + scope.substring(5)));
    }
}
