package io.storefront.tenants;

import io.storefront.identity.UserId;
import io.storefront.platform.ApiProblems.ApiException;
import io.storefront.platform.PlatformSettings;
import io.storefront.shopify.AccessGrant;
import io.storefront.shopify.OAuthCallbackSignature;
import io.storefront.shopify.ShopifyOAuth;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The public-app install (Shopify's authorization code grant). {@link #begin} remembers who asked, for which shop, in which browser;
 * {@link #complete} accepts Shopify's redirect back only if its HMAC, timestamp, shop and single-use state all
 * check out and the browser is the one that began it (otherwise an attacker could have a victim's browser finish
 * the attacker's install and link the victim's shop to the attacker's account). Nothing is stored on a refusal.
 */
@Service
public class OAuthInstalls {

    public record Started(URI authorizeUrl, String browserNonce) {}

    /** {@code movedFromAnotherAccount}: the shop was connected to another account and now belongs to this one. */
    public record Installed(StoreSummary store, boolean movedFromAnotherAccount) {}

    static final String MOVED_BY_INSTALL = "The shop's admin installed the app from another account, which proves"
            + " the shop is theirs; the store and its data moved there.";

    public static final class InstallRefused extends ApiException {
        InstallRefused(String detail) {
            super(HttpStatus.BAD_REQUEST, "install-refused", "Shopify install refused", detail);
        }
    }

    static final class PublicAppNotConfigured extends ApiException {
        PublicAppNotConfigured() {
            super(HttpStatus.NOT_FOUND, "public-app-not-configured", "Install not available",
                    "This service has no public Shopify app configured (STOREFRONT_SHOPIFY_CLIENT_ID/_CLIENT_SECRET);"
                            + " connect with an admin token or client credentials instead.");
        }
    }

    private final ConnectionSettings settings;
    private final PlatformSettings platform;
    private final OAuthStates states;
    private final ShopifyOAuth oauth;
    private final Tenants tenants;
    private final StoreCredentials credentials;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    OAuthInstalls(ConnectionSettings settings, PlatformSettings platform, OAuthStates states, ShopifyOAuth oauth,
            Tenants tenants, StoreCredentials credentials, ApplicationEventPublisher events, Clock clock) {
        this.settings = settings;
        this.platform = platform;
        this.states = states;
        this.oauth = oauth;
        this.tenants = tenants;
        this.credentials = credentials;
        this.events = events;
        this.clock = clock;
    }

    public boolean available() {
        return settings.publicAppConfigured();
    }

    public String callbackUrl() {
        return platform.publicUrl().replaceAll("/+$", "") + "/api/shopify/callback";
    }

    public Started begin(UserId user, String shop) {
        if (!available()) {
            throw new PublicAppNotConfigured();
        }
        String domain = StoreConnections.normaliseDomain(shop);
        String state = randomToken();
        String browserNonce = randomToken();
        states.save(state, user.value(), domain, sha256(browserNonce), clock.instant().plus(settings.stateLifetime()));
        return new Started(oauth.authorizeUrl(domain, settings.clientId(), settings.scopes(), callbackUrl(), state),
                browserNonce);
    }

    @Transactional(noRollbackFor = InstallRefused.class)
    public Installed complete(Map<String, String> query, @Nullable String browserNonce) {
        if (!available()) {
            throw new PublicAppNotConfigured();
        }
        String shop = query.getOrDefault("shop", "");
        if (!StoreConnections.SHOP_DOMAIN.matcher(shop).matches()) {
            throw new InstallRefused("The callback names no valid myshopify.com shop.");
        }
        if (!OAuthCallbackSignature.verify(query, settings.clientSecret())) {
            throw new InstallRefused("The callback's signature is wrong.");
        }
        if (!recent(query.get("timestamp"))) {
            throw new InstallRefused("The callback is too old; start the install again.");
        }
        OAuthStates.Pending state = states.consume(query.getOrDefault("state", ""))
                .orElseThrow(() -> new InstallRefused("Unknown or already used install state; start the install again."));
        if (state.expiresAt().isBefore(clock.instant())) {
            throw new InstallRefused("The install took too long; start it again.");
        }
        if (!state.shopDomain().equals(shop)) {
            throw new InstallRefused("The callback is for another shop than the install was started for.");
        }
        if (browserNonce == null || !MessageDigest.isEqual(state.browserHash(), sha256(browserNonce))) {
            throw new InstallRefused("The install was started in another browser; start it again here.");
        }
        String code = query.get("code");
        if (code == null || code.isBlank()) {
            throw new InstallRefused("The callback carries no authorization code.");
        }
        AccessGrant grant;
        try {
            grant = oauth.exchangeCode(shop, settings.clientId(), settings.clientSecret(), code);
        } catch (ShopifyOAuth.GrantRefused e) {
            throw new InstallRefused("Shopify refused the authorization code: " + e.getMessage());
        }
        Set<String> missing = missingScopes(grant.scope());
        if (!missing.isEmpty()) {
            throw new InstallRefused("Shopify granted fewer scopes than needed; missing: " + String.join(", ", missing));
        }
        // the shop's admin approving the install proves the shop is theirs, as Shopify itself decides: a store
        // another account holds moves here with its data, and both sides are told (docs/store-ownership.md)
        Optional<Tenants.Holder> holder = tenants.lockHolderOfShop(shop);
        UUID tenantId = holder.map(Tenants.Holder::id).orElseGet(UUID::randomUUID);
        boolean moved = holder.isPresent() && !holder.get().ownerId().equals(state.userId());
        if (moved) {
            tenants.recordTransfer(shop, holder.get().ownerId(), MOVED_BY_INSTALL);
        }
        Instant now = clock.instant();
        tenants.upsertOAuthStore(tenantId, state.userId(), shop, settings.clientId(),
                credentials.seal(tenantId, "client_secret", settings.clientSecret()),
                credentials.seal(tenantId, "access_token", grant.accessToken()),
                grant.refreshToken() == null ? null : credentials.seal(tenantId, "refresh_token", grant.refreshToken()),
                now, grant.expiresIn() == null ? null : now.plus(grant.expiresIn()),
                grant.refreshTokenExpiresIn() == null ? null : now.plus(grant.refreshTokenExpiresIn()), grant.scope());
        events.publishEvent(new StoreConnected(new StoreId(tenantId)));
        return new Installed(tenants.summary(tenantId, state.userId()).orElseThrow(), moved);
    }

    /** {@code write_x} implies {@code read_x}, as Shopify grants them. */
    Set<String> missingScopes(String granted) {
        Set<String> have = new HashSet<>();
        for (String scope : granted.split(",")) {
            String s = scope.trim();
            have.add(s);
            if (s.startsWith("write_")) {
                have.add("read_" + s.substring("write_".length()));
            }
        }
        Set<String> missing = new HashSet<>(settings.scopeList());
        missing.removeAll(have);
        return missing;
    }

    private boolean recent(@Nullable String timestamp) {
        try {
            Instant at = Instant.ofEpochSecond(Long.parseLong(timestamp == null ? "" : timestamp));
            Duration age = Duration.between(at, clock.instant()).abs();
            return age.compareTo(settings.callbackMaxAge()) <= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
