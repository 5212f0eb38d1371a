package io.storefront.shopify;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What {@code /admin/oauth/access_token} answered. Expiring grants carry their lifetime (and, for the
 * authorization-code and refresh grants, a refresh token); legacy non-expiring ones carry neither.
 */
public record AccessGrant(String accessToken, String scope, @Nullable Duration expiresIn,
        @Nullable String refreshToken, @Nullable Duration refreshTokenExpiresIn) {

    @Override
    public String toString() {
        return "AccessGrant[scope=" + scope + ", expiresIn=" + expiresIn + "]";
    }
}
