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
        // one lookup per tenant however many deliveries miss at once; null (unknown) is not cached
        return Optional.ofNullable(keys.get(tenantId, id -> stores.webhookSigningKey(id).orElse(null)));
    }

    void forget(UUID tenantId) {
        keys.invalidate(tenantId);
    }

    @EventListener
    void on(StoreConnected connected) {
        forget(connected.storeId().value());
    }
}
