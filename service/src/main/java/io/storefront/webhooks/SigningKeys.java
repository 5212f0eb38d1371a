package io.storefront.webhooks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.storefront.tenants.StoreConnected;
import io.storefront.tenants.Stores;
import io.storefront.tenants.WebhookSigningKey;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Decrypted signing keys, kept briefly per tenant so that intake costs one INSERT rather than a lookup and an
 * AES-GCM decryption as well. Unknown tenants are not cached (a store connected a moment later must work at
 * once); a reconnect (new secret) and {@code app/uninstalled} drop the entry here, anything else ages out.
 */
@Component
class SigningKeys {

    private final Stores stores;
    private final Cache<UUID, WebhookSigningKey> keys;

    SigningKeys(Stores stores, WebhookSettings settings) {
        this.stores = stores;
        this.keys = Caffeine.newBuilder().expireAfterWrite(settings.keyCacheTtl()).maximumSize(100_000).build();
    }

    Optional<WebhookSigningKey> of(UUID tenantId) {
        WebhookSigningKey cached = keys.getIfPresent(tenantId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<WebhookSigningKey> key = stores.webhookSigningKey(tenantId);
        key.ifPresent(k -> keys.put(tenantId, k));
        return key;
    }

    void forget(UUID tenantId) {
        keys.invalidate(tenantId);
    }

    @EventListener
    void on(StoreConnected connected) {
        forget(connected.storeId().value());
    }
}
