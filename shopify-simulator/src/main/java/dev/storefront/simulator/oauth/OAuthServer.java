package dev.storefront.simulator.oauth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server side of Shopify's OAuth: the install grant (authorize, then code exchange, with expiring
 * offline tokens on request), refresh-token rotation and client credentials.
 */
public final class OAuthServer {

    private final Apps apps;
    private final Tokens tokens;
    private final Predicate<String> shopExists;

    public OAuthServer(Apps apps, Tokens tokens, Predicate<String> shopExists) {
        this.apps = apps;
        this.tokens = tokens;
        this.shopExists = shopExists;
    }

    /** The merchant approves at once (or declines with {@code approve=false}); returns the redirect location. */
    public String authorize(String shop, Map<String, String> query) {
        if (!shopExists.test(shop)) {
            throw new OAuthError(404, "shop_not_found", "There is no shop " + shop);
        }
        App app = apps.find(query.get("client_id"));
        if (app == null) {
            throw new OAuthError(400, "invalid_request", "Oauth error invalid_request: The client_id is invalid");
        }
        String redirectUri = query.get("redirect_uri");
        if (redirectUri == null || redirectUri.isBlank()) {
            throw new OAuthError(400, "invalid_request", "Oauth error invalid_request: The redirect_uri is missing");
        }
        String state = query.getOrDefault("state", "");
        if ("false".equals(query.get("approve"))) {
            return redirectUri + (redirectUri.contains("?") ? "&" : "?") + "error=access_denied&error_description="
                    + encode("The merchant declined the installation") + "&state=" + encode(state);
        }
        Set<String> scopes = scopes(query.get("scope"));
        Map<String, String> params = new TreeMap<>();
        params.put("code", tokens.issueCode(shop, app, scopes));
        params.put("host", Base64.getEncoder().encodeToString(("admin.shopify.com/store/" + shop.replace(".myshopify.com", ""))
                .getBytes(StandardCharsets.UTF_8)).replace("=", ""));
        params.put("shop", shop);
        params.put("state", state);
        params.put("timestamp", Long.toString(tokens.nowMillis() / 1000));
        String signed = canonical(params);
        return redirectUri + (redirectUri.contains("?") ? "&" : "?") + signed + "&hmac=" + hmacHex(app.clientSecret(), signed);
    }

    /** {@code POST /admin/oauth/access_token} with JSON or form parameters. */
    public Map<String, Object> accessToken(String shop, Map<String, String> params) {
        App app = apps.find(params.get("client_id"));
        if (app == null || !constantTimeEquals(app.clientSecret(), params.get("client_secret"))) {
            throw new OAuthError(401, "invalid_client", "Client authentication failed: unknown client or wrong secret");
        }
        String grant = params.getOrDefault("grant_type", "authorization_code");
        Map<String, Object> answer = new LinkedHashMap<>();
        switch (grant) {
            case "authorization_code": {
                Tokens.Code code = tokens.spendCode(params.get("code"), shop, app);
                if (code == null) {
                    throw new OAuthError(400, "invalid_request", "Oauth error invalid_request: The authorization code was not found or was already used");
                }
                boolean expiring = "1".equals(params.get("expiring"));
                AccessToken token = tokens.issue(shop, app, code.scopes(), expiring ? app.accessTokenTtlSeconds() : 0);
                answer.put("access_token", token.token());
                answer.put("scope", String.join(",", code.scopes()));
                if (expiring) {
                    answer.put("expires_in", app.accessTokenTtlSeconds());
                    answer.put("refresh_token", tokens.issueRefresh(shop, app, code.scopes()));
                    answer.put("refresh_token_expires_in", app.refreshTokenTtlSeconds());
                }
                return answer;
            }
            case "refresh_token": {
                Tokens.Refresh refresh = tokens.spendRefresh(params.get("refresh_token"), shop, app);
                if (refresh == null) {
                    throw new OAuthError(400, "invalid_grant", "The refresh token is invalid, expired or already used");
                }
                AccessToken token = tokens.issue(shop, app, refresh.scopes(), app.accessTokenTtlSeconds());
                answer.put("access_token", token.token());
                answer.put("scope", String.join(",", refresh.scopes()));
                answer.put("expires_in", app.accessTokenTtlSeconds());
                answer.put("refresh_token", tokens.issueRefresh(shop, app, refresh.scopes()));
                answer.put("refresh_token_expires_in", app.refreshTokenTtlSeconds());
                return answer;
            }
            case "client_credentials": {
                if (!shop.equals(app.ownerShop())) {
                    throw new OAuthError(400, "unauthorized_client", "Client credentials work only for an app on its own organization's shops");
                }
                Set<String> scopes = new LinkedHashSet<>(Arrays.asList("read_orders", "read_all_orders", "read_customers", "read_products", "read_checkouts"));
                AccessToken token = tokens.issue(shop, app, scopes, app.clientCredentialsTtlSeconds());
                answer.put("access_token", token.token());
                answer.put("scope", String.join(",", scopes));
                answer.put("expires_in", app.clientCredentialsTtlSeconds());
                return answer;
            }
            default:
                throw new OAuthError(400, "unsupported_grant_type", "Unsupported grant_type " + grant);
        }
    }

    private static Set<String> scopes(String scope) {
        Set<String> scopes = new LinkedHashSet<>();
        if (scope != null) {
            for (String part : scope.split(",")) {
                if (!part.isBlank()) {
                    scopes.add(part.trim());
                }
            }
        }
        return scopes;
    }

    /** Sorted by key, {@code k=v} joined by {@code &}, values percent-encoded with spaces as %20. */
    public static String canonical(Map<String, String> params) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> entry : new TreeMap<>(params).entrySet()) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(entry.getKey()).append('=').append(encode(entry.getValue()));
        }
        return out.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static String hmacHex(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean constantTimeEquals(String expected, String actual) {
        return actual != null && java.security.MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }
}
