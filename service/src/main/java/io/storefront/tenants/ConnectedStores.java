package io.storefront.tenants;

import io.storefront.identity.UserId;
import io.storefront.shopify.ShopifySession;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Implements {@link Stores}: credentials are opened only here, and only to hand out a session or a key. */
@Service
class ConnectedStores implements Stores {

    private static final Logger log = LoggerFactory.getLogger(ConnectedStores.class);

    private final Tenants tenants;
    private final StoreCredentials credentials;
    private final AccessTokens tokens;

    ConnectedStores(Tenants tenants, StoreCredentials credentials, AccessTokens tokens) {
        this.tenants = tenants;
        this.credentials = credentials;
        this.tokens = tokens;
    }

    @Override
    public StoreFacts facts(StoreId store) {
        return tenants.facts(store.value()).orElseThrow(StoreNotFound::new);
    }

    @Override
    public ShopifySession session(StoreId store) {
        Tenants.Credentials stored = tenants.credentials(store.value()).orElseThrow(StoreNotFound::new);
        return new ShopifySession(stored.shopDomain(), tokens.validToken(stored));
    }

    @Override
    public ShopifySession renewAfterRejection(StoreId store, ShopifySession rejected) {
        Tenants.Credentials stored = tenants.credentials(store.value()).orElseThrow(StoreNotFound::new);
        return new ShopifySession(stored.shopDomain(), tokens.renewAfterRejection(stored, rejected.accessToken()));
    }

    @Override
    public void markNeedsReconnect(StoreId store, String reason) {
        log.warn("Store {} needs reconnecting: {}", store, reason);
        tenants.setStatus(store.value(), StoreStatus.NEEDS_RECONNECT, reason);
    }

    @Override
    public void disable(StoreId store, String reason) {
        log.info("Store {} disabled: {}", store, reason);
        tenants.disable(store.value(), reason);
    }

    @Override
    public void recordShopFacts(StoreId store, String shopName, String currency, String ianaTimezone) {
        java.time.ZoneId.of(ianaTimezone); // refuse a zone the dashboard could not bucket by
        tenants.recordShopFacts(store.value(), shopName, currency, ianaTimezone);
    }

    @Override
    public List<StoreId> activeStores() {
        return tenants.active().stream().map(StoreId::new).toList();
    }

    @Override
    public Optional<StoreId> ownedBy(UserId user, UUID tenantId) {
        return tenants.isOwnedBy(tenantId, user.value()) ? Optional.of(new StoreId(tenantId)) : Optional.empty();
    }

    @Override
    public List<StoreSummary> ownedStores(UserId user) {
        return tenants.summariesOf(user.value());
    }

    @Override
    public Optional<WebhookSigningKey> webhookSigningKey(UUID tenantId) {
        return tenants.credentials(tenantId)
                .flatMap(c -> credentials.webhookSecret(c)
                        .map(secret -> new WebhookSigningKey(new StoreId(c.id()), c.shopDomain(),
                                secret.getBytes(StandardCharsets.UTF_8), c.status() != StoreStatus.DISABLED)));
    }
}
