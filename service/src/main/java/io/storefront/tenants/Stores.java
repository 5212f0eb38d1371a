package io.storefront.tenants;

import io.storefront.identity.UserId;
import io.storefront.shopify.ShopifySession;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The tenants module's API for the rest of the service: facts about a store, a valid Admin API session for it,
 * and the status changes Shopify forces on it. Web callers only ever get a {@link StoreId} through the
 * ownership check of {@link StoreIdResolver}; background work gets them from {@link #activeStores()}.
 */
public interface Stores {

    StoreFacts facts(StoreId store);

    /** A session with a token that is valid now (renewed first when it is about to expire). */
    ShopifySession session(StoreId store);

    /**
     * Shopify answered 401 to this session: renew the token once (client credentials, OAuth) and return the new
     * session; when that is impossible or refused the store is marked as needing reconnection and
     * {@link StoreUnavailable} is thrown.
     */
    ShopifySession renewAfterRejection(StoreId store, ShopifySession rejected);

    /** Called after Shopify answered 401/403 (and one renewal did not help): the merchant must reconnect. */
    void markNeedsReconnect(StoreId store, String reason);

    /** {@code app/uninstalled}: tokens discarded, no more syncs. */
    void disable(StoreId store, String reason);

    /** Shop name, currency and IANA time zone as read from Shopify's {@code shop} query. */
    void recordShopFacts(StoreId store, String shopName, String currency, String ianaTimezone);

    List<StoreId> activeStores();

    /** The ownership check every web entry point goes through: empty when the user does not own the store. */
    Optional<StoreId> ownedBy(UserId user, UUID tenantId);

    List<StoreSummary> ownedStores(UserId user);

    /** For webhook intake, which is unauthenticated: empty for an unknown tenant or one without a secret. */
    Optional<WebhookSigningKey> webhookSigningKey(UUID tenantId);
}
