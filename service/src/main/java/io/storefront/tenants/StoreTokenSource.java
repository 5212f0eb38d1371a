package io.storefront.tenants;

import io.storefront.shopify.ShopifySession;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A session's tokens for one store: the current token is kept until it falls due for renewal, so a long sync
 * reads the credentials row once per token, not once per request, and renews across as many expiries as it lasts.
 */
final class StoreTokenSource implements ShopifySession.AccessTokenSource {

    private final UUID tenantId;
    private final Tenants tenants;
    private final AccessTokens tokens;
    private final Clock clock;
    private volatile AccessTokens.Lease lease;

    StoreTokenSource(UUID tenantId, Tenants tenants, AccessTokens tokens, Clock clock, AccessTokens.Lease first) {
        this.tenantId = tenantId;
        this.tenants = tenants;
        this.tokens = tokens;
        this.clock = clock;
        this.lease = first;
    }

    @Override
    public String current() {
        AccessTokens.Lease held = lease;
        if (clock.instant().isBefore(held.renewAt())) {
            return held.token();
        }
        lease = tokens.lease(credentials());
        return lease.token();
    }

    @Override
    public Optional<String> renewAfterRejection(String rejected) {
        try {
            String renewed = tokens.renewAfterRejection(credentials(), rejected);
            lease = tokens.lease(credentials());
            return Optional.of(renewed);
        } catch (StoreUnavailable e) {
            return Optional.empty();
        }
    }

    private Tenants.Credentials credentials() {
        return tenants.credentials(tenantId).orElseThrow(StoreNotFound::new);
    }

}
