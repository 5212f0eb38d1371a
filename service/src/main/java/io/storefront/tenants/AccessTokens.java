package io.storefront.tenants;

import io.storefront.shopify.AccessGrant;
import io.storefront.shopify.ShopifyOAuth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one component that answers "a valid token for this store". Admin tokens never expire. Client-credential
 * tokens are requested again and OAuth tokens refreshed once most of their life is spent. Renewal holds the
 * store's row lock ({@code FOR UPDATE}), so concurrent callers — on any instance — renew once and the rest read
 * the fresh token. A refusal marks the store as needing reconnection with the reason.
 */
@Component
class AccessTokens {

    private final Tenants tenants;
    private final StoreCredentials credentials;
    private final ShopifyOAuth oauth;
    private final ConnectionSettings settings;
    private final TransactionTemplate transactions;
    private final Clock clock;

    AccessTokens(Tenants tenants, StoreCredentials credentials, ShopifyOAuth oauth, ConnectionSettings settings,
            TransactionTemplate transactions, Clock clock) {
        this.tenants = tenants;
        this.credentials = credentials;
        this.oauth = oauth;
        this.settings = settings;
        this.transactions = transactions;
        this.clock = clock;
    }

    String validToken(Tenants.Credentials stored) {
        if (stored.connectionType() == ConnectionType.ADMIN_TOKEN || !dueForRenewal(stored)) {
            return credentials.validAccessToken(stored);
        }
        return renew(stored.id(), null);
    }

    /**
     * Shopify answered 401 to {@code rejectedToken}: renew once if the store's token is still that one (another
     * caller may have renewed meanwhile); an admin token cannot be renewed, so the store needs reconnecting.
     */
    String renewAfterRejection(Tenants.Credentials stored, String rejectedToken) {
        if (stored.connectionType() == ConnectionType.ADMIN_TOKEN) {
            tenants.setStatus(stored.id(), StoreStatus.NEEDS_RECONNECT,
                    "Shopify rejected the store's access token (401). Paste a new admin API token.");
            throw new StoreUnavailable("Shopify rejected the store's access token; reconnect the store.");
        }
        return renew(stored.id(), rejectedToken);
    }

    private String renew(java.util.UUID tenantId, @Nullable String rejectedToken) {
        try {
            return renewLocked(tenantId, rejectedToken);
        } catch (RenewalRefused e) {
            // outside the rolled-back renewal transaction, so the mark stays
            tenants.setStatus(tenantId, StoreStatus.NEEDS_RECONNECT, e.getMessage());
            throw new StoreUnavailable(e.getMessage());
        }
    }

    private static final class RenewalRefused extends RuntimeException {
        RenewalRefused(String reason) {
            super(reason);
        }
    }

    private String renewLocked(java.util.UUID tenantId, @Nullable String rejectedToken) {
        String token = transactions.execute(tx -> {
            Tenants.Credentials locked = tenants.lockCredentials(tenantId).orElseThrow(StoreNotFound::new);
            String current = credentials.open(tenantId, "access_token", locked.accessTokenEnc());
            boolean someoneRenewed = current != null && (rejectedToken == null
                    ? !dueForRenewal(locked) : !current.equals(rejectedToken));
            if (someoneRenewed) {
                return current;
            }
            if (locked.status() == StoreStatus.DISABLED) {
                throw new StoreUnavailable("The Shopify app was uninstalled from this store; reconnect it.");
            }
            AccessGrant grant = request(locked);
            Instant now = clock.instant();
            tenants.storeGrant(tenantId, credentials.seal(tenantId, "access_token", grant.accessToken()),
                    grant.refreshToken() == null ? null : credentials.seal(tenantId, "refresh_token", grant.refreshToken()),
                    now, grant.expiresIn() == null ? null : now.plus(grant.expiresIn()),
                    grant.refreshTokenExpiresIn() == null ? null : now.plus(grant.refreshTokenExpiresIn()),
                    grant.scope());
            return grant.accessToken();
        });
        return token;
    }

    private AccessGrant request(Tenants.Credentials stored) {
        String clientSecret = credentials.open(stored.id(), "client_secret", stored.clientSecretEnc());
        if (stored.clientId() == null || clientSecret == null) {
            throw refused(stored, "The store has no client credentials to renew its token with.");
        }
        try {
            return switch (stored.connectionType()) {
                case CLIENT_CREDENTIALS -> oauth.clientCredentials(stored.shopDomain(), stored.clientId(), clientSecret);
                case OAUTH -> {
                    String refreshToken = credentials.open(stored.id(), "refresh_token", stored.refreshTokenEnc());
                    if (refreshToken == null) {
                        throw refused(stored, "The store has no refresh token; install the app again.");
                    }
                    yield oauth.refresh(stored.shopDomain(), stored.clientId(), clientSecret, refreshToken);
                }
                case ADMIN_TOKEN -> throw new IllegalStateException("admin tokens are not renewed");
            };
        } catch (ShopifyOAuth.GrantRefused e) {
            throw refused(stored, e.getMessage() + ". Reconnect the store.");
        } catch (ShopifyOAuth.ShopifyUnreachable e) {
            throw new StoreUnavailable(e.getMessage() + "; the token will be renewed on the next attempt.");
        }
    }

    private static RenewalRefused refused(Tenants.Credentials stored, String reason) {
        return new RenewalRefused("Renewing the token of " + stored.shopDomain() + " failed: " + reason);
    }

    private boolean dueForRenewal(Tenants.Credentials stored) {
        if (stored.accessTokenEnc() == null) {
            return true;
        }
        Instant expires = stored.accessTokenExpiresAt();
        if (expires == null) {
            return false;
        }
        Instant issued = stored.accessTokenIssuedAt() == null ? expires.minus(settings.renewBefore()) : stored.accessTokenIssuedAt();
        Duration fifthOfLife = Duration.between(issued, expires).dividedBy(5);
        Duration margin = fifthOfLife.compareTo(settings.renewBefore()) < 0 ? fifthOfLife : settings.renewBefore();
        return !clock.instant().isBefore(expires.minus(margin));
    }
}
