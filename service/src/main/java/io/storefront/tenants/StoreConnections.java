package io.storefront.tenants;

import io.storefront.identity.UserId;
import io.storefront.platform.ApiProblems.ApiException;
import io.storefront.shopify.AccessGrant;
import io.storefront.shopify.AdminApi;
import io.storefront.shopify.ShopifyAccessRevoked;
import io.storefront.shopify.ShopifyOAuth;
import io.storefront.shopify.ShopifyQueryFailed;
import io.storefront.shopify.ShopifySession;
import io.storefront.shopify.ShopifyUnavailable;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Connecting, editing and removing a store on behalf of its owner. */
@Service
public class StoreConnections {

    static final Pattern SHOP_DOMAIN = Pattern.compile("^[a-z0-9][a-z0-9-]*\\.myshopify\\.com$");
    /** Shopify's tokens are printable ASCII (shpat_ and hex); anything else could not even be sent as a header. */
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]+");

    /** Either a legacy admin token with its app secret, or client credentials. */
    public record Connect(@Nullable String name, @Nullable String shopifyDomain, @Nullable String shopifyToken, @Nullable String apiSecret,
            @Nullable String clientId, @Nullable String clientSecret) {}

    static final class InvalidConnection extends ApiException {
        InvalidConnection(String field, String message) {
            super(HttpStatus.BAD_REQUEST, "validation", "Invalid request", message);
            getBody().setProperty("errors", java.util.List.of(java.util.Map.of("field", field, "message", message)));
        }
    }

    /** The caller's own account already holds the shop. */
    static final class AlreadyConnected extends ApiException {
        AlreadyConnected() {
            super(HttpStatus.CONFLICT, "store-exists", "Store already connected",
                    "You have already connected this shop; update its credentials on its page instead.");
        }
    }

    /**
     * Another account holds the shop and its credentials still work. Only ever said to a caller whose own
     * credentials Shopify has just accepted for the shop, so it tells nothing to someone without access to it.
     */
    static final class HeldByAnotherAccount extends ApiException {
        HeldByAnotherAccount() {
            super(HttpStatus.CONFLICT, "store-held-by-another-account", "Store connected to another account",
                    "This shop is connected to another Storefront Insights account whose access still works. As the"
                            + " shop's admin, use \"Connect with Shopify\" to move it to this account, or ask that"
                            + " account to remove it.");
        }
    }

    static final String TAKEN_OVER = "Another account connected the shop with credentials Shopify accepted,"
            + " after Shopify stopped accepting this account's.";

    private final Tenants tenants;
    private final StoreCredentials credentials;
    private final ApplicationEventPublisher events;
    private final ShopifyOAuth oauth;
    private final AdminApi adminApi;
    private final Stores stores;
    private final TransactionTemplate transactions;
    private final Clock clock;

    StoreConnections(Tenants tenants, StoreCredentials credentials, ApplicationEventPublisher events,
            ShopifyOAuth oauth, AdminApi adminApi, Stores stores, TransactionTemplate transactions, Clock clock) {
        this.transactions = transactions;
        this.tenants = tenants;
        this.credentials = credentials;
        this.events = events;
        this.oauth = oauth;
        this.adminApi = adminApi;
        this.stores = stores;
        this.clock = clock;
    }

    public static String normaliseDomain(String domain) {
        String lower = domain.trim().toLowerCase(Locale.ROOT);
        if (!SHOP_DOMAIN.matcher(lower).matches()) {
            throw new InvalidConnection("shopifyDomain", "Use the shop's myshopify.com domain, e.g. acme.myshopify.com.");
        }
        return lower;
    }

    /**
     * Credentials are proved against the shop before the shop's row is even looked at, so a made-up token can
     * neither claim a shop nor learn whether someone else has (docs/store-ownership.md).
     */
    public StoreSummary connect(UserId owner, Connect request) {
        checkLimits(request);
        String domain = normaliseDomain(request.shopifyDomain());
        String name = request.name().trim();
        Proved proved;
        if (present(request.shopifyToken()) || present(request.apiSecret())) {
            require(request.shopifyToken(), "shopifyToken", "The admin API access token (shpat_...) is required.");
            require(request.apiSecret(), "apiSecret", "The app's API secret is required to verify webhooks.");
            verifyAdminToken(domain, request.shopifyToken().trim());
            proved = id -> new Tenants.NewTenant(id, owner.value(), name, domain, ConnectionType.ADMIN_TOKEN,
                    credentials.seal(id, "access_token", request.shopifyToken().trim()),
                    credentials.seal(id, "api_secret", request.apiSecret().trim()), null, null, null, null, null);
        } else if (present(request.clientId()) || present(request.clientSecret())) {
            require(request.clientId(), "clientId", "The app's client id is required.");
            require(request.clientSecret(), "clientSecret", "The app's client secret is required.");
            AccessGrant grant = firstClientCredentialsToken(domain, request.clientId().trim(), request.clientSecret().trim());
            Instant now = clock.instant();
            proved = id -> new Tenants.NewTenant(id, owner.value(), name, domain,
                    ConnectionType.CLIENT_CREDENTIALS, credentials.seal(id, "access_token", grant.accessToken()), null,
                    request.clientId().trim(), credentials.seal(id, "client_secret", request.clientSecret().trim()), now,
                    grant.expiresIn() == null ? null : now.plus(grant.expiresIn()), grant.scope());
        } else {
            throw new InvalidConnection("shopifyToken",
                    "Give either shopifyToken and apiSecret, or clientId and clientSecret.");
        }
        // asked outside the write, whose renewals must not roll it back: a holder whose credentials Shopify refuses
        Optional<Tenants.Holder> lapsed = tenants.holderOfShop(domain)
                .filter(h -> !h.ownerId().equals(owner.value()) && !stillConnected(h));
        UUID id = transactions.execute(tx -> {
            Optional<Tenants.Holder> holder = tenants.lockHolderOfShop(domain);
            if (holder.isEmpty()) {
                UUID newId = UUID.randomUUID();
                try {
                    tenants.insert(proved.tenant(newId));
                } catch (DuplicateKeyException e) {
                    // connected by another verified caller a moment ago: the same answer as had it come first
                    throw new HeldByAnotherAccount();
                }
                return newId;
            }
            if (holder.get().ownerId().equals(owner.value())) {
                throw new AlreadyConnected();
            }
            if (lapsed.isEmpty() || !lapsed.get().id().equals(holder.get().id())
                    || !lapsed.get().ownerId().equals(holder.get().ownerId())) {
                throw new HeldByAnotherAccount();
            }
            tenants.transfer(proved.tenant(holder.get().id()));
            tenants.recordTransfer(domain, holder.get().ownerId(), TAKEN_OVER);
            return holder.get().id();
        });
        events.publishEvent(new StoreConnected(new StoreId(id)));
        return tenants.summary(id, owner.value()).orElseThrow();
    }

    /** The store row of proved credentials, sealed for the row's id (new, or the one taken over). */
    private interface Proved {
        Tenants.NewTenant tenant(UUID id);
    }

    private void verifyAdminToken(String domain, String token) {
        if (!TOKEN.matcher(token).matches()) {
            throw new InvalidConnection("shopifyToken", "An admin API access token has only letters, digits and "
                    + "symbols (shpat_...).");
        }
        String answered;
        try {
            answered = adminApi.query(ShopifySession.fixed(domain, token), "{ shop { myshopifyDomain } }")
                    .path("shop").path("myshopifyDomain").asString("");
        } catch (ShopifyAccessRevoked e) {
            throw new InvalidConnection("shopifyToken", "Shopify refused this access token for " + domain
                    + ": check the token and that the app is installed on the store.");
        } catch (ShopifyUnavailable | ShopifyQueryFailed e) {
            throw new InvalidConnection("shopifyDomain", "Shopify could not be reached for " + domain + "; try again.");
        }
        if (!domain.equals(answered)) {
            throw new InvalidConnection("shopifyToken", "This access token belongs to another shop than " + domain + ".");
        }
    }

    /** Whether the holder's own credentials still open the shop; a refusal leaves it marked for reconnection. */
    private boolean stillConnected(Tenants.Holder holder) {
        if (holder.status() != StoreStatus.ACTIVE) {
            return false;
        }
        try {
            adminApi.query(stores.session(new StoreId(holder.id())), "{ shop { myshopifyDomain } }");
            return true;
        } catch (ShopifyAccessRevoked | StoreUnavailable e) {
            return false;
        } catch (ShopifyUnavailable | ShopifyQueryFailed e) {
            throw new InvalidConnection("shopifyDomain", "Shopify could not be reached to check the shop; try again.");
        }
    }

    /** The one place the connect fields' limits live: the JSON API and the web form both come through here. */
    private static void checkLimits(Connect request) {
        if (request.name() == null || request.name().isBlank()) {
            throw new InvalidConnection("name", "Give the store a name.");
        }
        maxLength(request.name(), "name", 200);
        if (request.shopifyDomain() == null || request.shopifyDomain().isBlank()) {
            throw new InvalidConnection("shopifyDomain", "Enter the shop's myshopify.com domain, e.g. acme.myshopify.com.");
        }
        maxLength(request.shopifyDomain(), "shopifyDomain", 255);
        maxLength(request.shopifyToken(), "shopifyToken", 512);
        maxLength(request.apiSecret(), "apiSecret", 512);
        maxLength(request.clientId(), "clientId", 255);
        maxLength(request.clientSecret(), "clientSecret", 512);
    }

    private static void maxLength(@Nullable String value, String field, int max) {
        if (value != null && value.length() > max) {
            throw new InvalidConnection(field, "At most " + max + " characters.");
        }
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

    /** Stores that left this account because another one proved it holds the shop. */
    public java.util.List<StoreTransfer> transfersAway(UserId owner) {
        return tenants.transfersFrom(owner.value());
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
            verifyAdminToken(tenants.facts(tenantId).orElseThrow(StoreNotFound::new).shopDomain(), shopifyToken.trim());
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
