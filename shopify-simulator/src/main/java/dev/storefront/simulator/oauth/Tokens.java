package dev.storefront.simulator.oauth;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Every token, refresh token and authorization code the simulator issued, across shops. */
public final class Tokens {

    /** Authorization codes live for a minute at most and are spent on first use. */
    static final long CODE_TTL_MILLIS = 60_000;

    record Code(String shop, App app, Set<String> scopes, long expiresAtMillis) {
    }

    record Refresh(String shop, App app, Set<String> scopes, long expiresAtMillis) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Map<String, AccessToken> access = new ConcurrentHashMap<>();
    private final Map<String, Refresh> refresh = new ConcurrentHashMap<>();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();

    public Tokens(Clock clock) {
        this.clock = clock;
    }

    /** Issues an access token; a ttl of 0 or less means it never expires. */
    public AccessToken issue(String shop, App app, Set<String> scopes, long ttlSeconds) {
        long expires = ttlSeconds <= 0 ? Long.MAX_VALUE : clock.millis() + ttlSeconds * 1000;
        AccessToken token = new AccessToken("shpat_" + secret(16), shop, app, Set.copyOf(scopes), expires);
        access.put(token.token(), token);
        return token;
    }

    /** How many access tokens were issued for the shop, expired ones included. */
    public long issuedFor(String shop) {
        return access.values().stream().filter(token -> token.shop().equals(shop)).count();
    }

    /** The live token, or null when it is unknown, expired or revoked. */
    public AccessToken find(String token) {
        AccessToken found = token == null ? null : access.get(token);
        if (found == null || found.expiresAtMillis() <= clock.millis()) {
            return null;
        }
        return found;
    }

    String issueRefresh(String shop, App app, Set<String> scopes) {
        String token = "shprt_" + secret(16);
        refresh.put(token, new Refresh(shop, app, scopes, clock.millis() + app.refreshTokenTtlSeconds() * 1000));
        return token;
    }

    /** Spends a refresh token (they rotate); null when unknown, expired or for another shop or app. */
    Refresh spendRefresh(String token, String shop, App app) {
        Refresh found = token == null ? null : refresh.remove(token);
        if (found == null || found.expiresAtMillis() <= clock.millis() || !found.shop().equals(shop) || !found.app().clientId().equals(app.clientId())) {
            return null;
        }
        return found;
    }

    String issueCode(String shop, App app, Set<String> scopes) {
        String code = secret(16);
        codes.put(code, new Code(shop, app, scopes, clock.millis() + CODE_TTL_MILLIS));
        return code;
    }

    Code spendCode(String code, String shop, App app) {
        Code found = code == null ? null : codes.remove(code);
        if (found == null || found.expiresAtMillis() <= clock.millis() || !found.shop().equals(shop) || !found.app().clientId().equals(app.clientId())) {
            return null;
        }
        return found;
    }

    /** Uninstall: every token and refresh token of the shop stops working. */
    public void revokeShop(String shop) {
        access.values().removeIf(token -> token.shop().equals(shop));
        refresh.values().removeIf(token -> token.shop().equals(shop));
    }

    public String secret(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    long nowMillis() {
        return clock.millis();
    }
}
