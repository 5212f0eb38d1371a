package io.storefront.tenants;

import io.storefront.identity.UserId;
import io.storefront.platform.ApiProblems.ApiException;
import io.storefront.shopify.AccessGrant;
import io.storefront.shopify.ShopifyOAuth;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Connecting, editing and removing a store on behalf of its owner. */
@Service
public class StoreConnections {

    static final Pattern SHOP_DOMAIN = Pattern.compile("^[a-z0-9][a-z0-9-]*\\.myshopify\\.com$");

    /** Either a legacy admin token with its app secret, or client credentials. */
    public record Connect(String name, String shopifyDomain, @Nullable String shopifyToken, @Nullable String apiSecret,
            @Nullable String clientId, @Nullable String clientSecret) {}

    static final class InvalidConnection extends ApiException {
        InvalidConnection(String field, String message) {
            super(HttpStatus.BAD_REQUEST, "validation", "Invalid request", message);
            getBody().setProperty("errors", java.util.List.of(java.util.Map.of("field", field, "message", message)));
        }
    }

    static final class DomainTaken extends ApiException {
        DomainTaken() {
            super(HttpStatus.CONFLICT, "store-exists", "Store already connected",
                    "This shop is already connected to Storefront Insights.");
        }
    }

    private final Tenants tenants;
    private final StoreCredentials credentials;
    private final ApplicationEventPublisher events;
    private final ShopifyOAuth oauth;
    private final Clock clock;

    StoreConnections(Tenants tenants, StoreCredentials credentials, ApplicationEventPublisher events,
            ShopifyOAuth oauth, Clock clock) {
        this.tenants = tenants;
        this.credentials = credentials;
        this.events = events;
        this.oauth = oauth;
        this.clock = clock;
    }

    public static String normaliseDomain(String domain) {
        String lower = domain.trim().toLowerCase(Locale.ROOT);
        if (!SHOP_DOMAIN.matcher(lower).matches()) {
            throw new InvalidConnection("shopifyDomain", "Use the shop's myshopify.com domain, e.g. acme.myshopify.com.");
        }
        return lower;
    }

    @Transactional
    public StoreSummary connect(UserId owner, Connect request) {
        String domain = normaliseDomain(request.shopifyDomain());
        UUID id = UUID.randomUUID();
        Tenants.NewTenant tenant;
        if (present(request.shopifyToken()) || present(request.apiSecret())) {
            require(request.shopifyToken(), "shopifyToken", "The admin API access token (shpat_...) is required.");
            require(request.apiSecret(), "apiSecret", "The app's API secret is required to verify webhooks.");
            tenant = new Tenants.NewTenant(id, owner.value(), request.name().trim(), domain, ConnectionType.ADMIN_TOKEN,
                    credentials.seal(id, "access_token", request.shopifyToken().trim()),
                    credentials.seal(id, "api_secret", request.apiSecret().trim()), null, null, null, null, null);
        } else if (present(request.clientId()) || present(request.clientSecret())) {
            require(request.clientId(), "clientId", "The app's client id is required.");
            require(request.clientSecret(), "clientSecret", "The app's client secret is required.");
            // the first token proves the credentials before anything is stored
            AccessGrant grant = firstClientCredentialsToken(domain, request.clientId().trim(), request.clientSecret().trim());
            Instant now = clock.instant();
            tenant = new Tenants.NewTenant(id, owner.value(), request.name().trim(), domain,
                    ConnectionType.CLIENT_CREDENTIALS, credentials.seal(id, "access_token", grant.accessToken()), null,
                    request.clientId().trim(), credentials.seal(id, "client_secret", request.clientSecret().trim()), now,
                    grant.expiresIn() == null ? null : now.plus(grant.expiresIn()), grant.scope());
        } else {
            throw new InvalidConnection("shopifyToken",
                    "Give either shopifyToken and apiSecret, or clientId and clientSecret.");
        }
        try {
            tenants.insert(tenant);
        } catch (DuplicateKeyException e) {
            throw new DomainTaken();
        }
        events.publishEvent(new StoreConnected(new StoreId(id)));
        return tenants.summary(id, owner.value()).orElseThrow();
    }

    private AccessGrant firstClientCredentialsToken(String domain, String clientId, String clientSecret) {
        try {
            return oauth.clientCredentials(domain, clientId, clientSecret);
        } catch (ShopifyOAuth.GrantRefused e) {
            throw new InvalidConnection("clientSecret", "Shopify refused these client credentials for " + domain
                    + ": check the client id and secret, and that the app is installed on the store.");
        } catch (ShopifyOAuth.ShopifyUnreachable e) {
            throw new InvalidConnection("shopifyDomain", "Shopify could not be reached for " + domain + "; try again.");
        }
    }

    public StoreSummary get(UserId owner, UUID tenantId) {
        return tenants.summary(tenantId, owner.value()).orElseThrow(StoreNotFound::new);
    }

    @Transactional
    public StoreSummary update(UserId owner, UUID tenantId, @Nullable String name, @Nullable String shopifyToken,
            @Nullable String apiSecret) {
        if (!tenants.isOwnedBy(tenantId, owner.value())) {
            throw new StoreNotFound();
        }
        if (name != null) {
            if (name.isBlank()) {
                throw new InvalidConnection("name", "The name must not be blank.");
            }
            tenants.rename(tenantId, owner.value(), name.trim());
        }
        if (present(shopifyToken) || present(apiSecret)) {
            require(shopifyToken, "shopifyToken", "Give the new access token together with the app secret.");
            require(apiSecret, "apiSecret", "Give the app secret together with the new access token.");
            tenants.replaceAdminToken(tenantId, owner.value(), credentials.seal(tenantId, "access_token", shopifyToken.trim()),
                    credentials.seal(tenantId, "api_secret", apiSecret.trim()));
            events.publishEvent(new StoreConnected(new StoreId(tenantId)));
        }
        return get(owner, tenantId);
    }

    /**
     * Switches a store to (new) client credentials, proven by a first token before anything is stored, and queues a
     * sync as a fresh connection does.
     */
    @Transactional
    public StoreSummary replaceClientCredentials(UserId owner, UUID tenantId, @Nullable String clientId,
            @Nullable String clientSecret) {
        StoreSummary store = get(owner, tenantId);
        require(clientId, "clientId", "The app's client id is required.");
        require(clientSecret, "clientSecret", "The app's client secret is required.");
        AccessGrant grant = firstClientCredentialsToken(store.shopifyDomain(), clientId.trim(), clientSecret.trim());
        Instant now = clock.instant();
        tenants.replaceClientCredentials(tenantId, owner.value(), clientId.trim(),
                credentials.seal(tenantId, "client_secret", clientSecret.trim()),
                credentials.seal(tenantId, "access_token", grant.accessToken()), now,
                grant.expiresIn() == null ? null : now.plus(grant.expiresIn()), grant.scope());
        events.publishEvent(new StoreConnected(new StoreId(tenantId)));
        return get(owner, tenantId);
    }

    @Transactional
    public void delete(UserId owner, UUID tenantId) {
        if (tenants.delete(tenantId, owner.value()) == 0) {
            throw new StoreNotFound();
        }
    }

    private static boolean present(@Nullable String value) {
        return value != null && !value.isBlank();
    }

    private static void require(@Nullable String value, String field, String message) {
        if (!present(value)) {
            throw new InvalidConnection(field, message);
        }
    }
}
