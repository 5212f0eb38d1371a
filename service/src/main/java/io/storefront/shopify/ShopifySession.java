package io.storefront.shopify;

import java.util.Optional;

/**
 * What every Admin API call needs: the shop and a source of valid access tokens. The shopify module never looks a
 * store up; callers obtain a session from the tenants module, which owns credentials and their renewal. A session
 * may outlive a token (a sync runs longer than an expiring token lives), so the token is read per request.
 */
public record ShopifySession(String shopDomain, AccessTokenSource tokens) {

    /** Where a session's tokens come from. */
    public interface AccessTokenSource {

        /** A token valid now, renewed first when it is about to expire. */
        String current();

        /** Shopify answered 401 to {@code rejected}: a renewed token, or empty when the store must reconnect. */
        Optional<String> renewAfterRejection(String rejected);
    }

    /** A session whose token never changes (a legacy admin token, or a test). */
    public static ShopifySession fixed(String shopDomain, String accessToken) {
        return new ShopifySession(shopDomain, new AccessTokenSource() {
            @Override
            public String current() {
                return accessToken;
            }

            @Override
            public Optional<String> renewAfterRejection(String rejected) {
                return Optional.empty();
            }
        });
    }

    public String accessToken() {
        return tokens.current();
    }

    @Override
    public String toString() {
        return "ShopifySession[" + shopDomain + "]";
    }
}
