package io.storefront.tenants;

import io.storefront.platform.SecretBox;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Seals and opens a store's credentials. The associated data names tenant and column, so a ciphertext moved to
 * another row or column fails to open.
 */
@Component
class StoreCredentials {

    private final SecretBox box;

    StoreCredentials(SecretBox box) {
        this.box = box;
    }

    byte[] seal(UUID tenantId, String column, String secret) {
        return box.seal(secret, tenantId + ":" + column);
    }

    @Nullable String open(UUID tenantId, String column, byte @Nullable [] sealed) {
        return sealed == null ? null : box.open(sealed, tenantId + ":" + column);
    }

    /** The stored token as it is; renewal is {@link AccessTokens}' job. */
    String validAccessToken(Tenants.Credentials stored) {
        if (stored.status() == StoreStatus.DISABLED) {
            throw new StoreUnavailable("The Shopify app was uninstalled from this store; reconnect it.");
        }
        String token = open(stored.id(), "access_token", stored.accessTokenEnc());
        if (token == null) {
            throw new StoreUnavailable("This store has no access token yet; reconnect it.");
        }
        return token;
    }

    /** Shopify signs webhooks with the app's client secret: the pasted app secret, or the client secret. */
    Optional<String> webhookSecret(Tenants.Credentials stored) {
        String secret = switch (stored.connectionType()) {
            case ADMIN_TOKEN -> open(stored.id(), "api_secret", stored.apiSecretEnc());
            case CLIENT_CREDENTIALS, OAUTH -> open(stored.id(), "client_secret", stored.clientSecretEnc());
        };
        return Optional.ofNullable(secret).filter(s -> !s.isEmpty());
    }
}
