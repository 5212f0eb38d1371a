package io.storefront.shopify;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The token endpoint of a shop ({@code POST https://{shop}/admin/oauth/access_token}) for the three grants a store
 * connection uses in 2026, and the authorize URL of the public-app install.
 */
@Component
public class ShopifyOAuth {

    /** Shopify refused the grant (bad code, revoked refresh token, wrong client secret...). */
    public static final class GrantRefused extends RuntimeException {
        public GrantRefused(String message) {
            super(message);
        }
    }

    private final String baseUrlTemplate;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ShopifyOAuth(@Value("${storefront.shopify.api-base-url:https://{shop}}") String baseUrlTemplate, JsonMapper json) {
        this.baseUrlTemplate = baseUrlTemplate;
        this.json = json;
    }

    public String shopBase(String shopDomain) {
        return baseUrlTemplate.replace("{shop}", shopDomain).replaceAll("/+$", "");
    }

    public URI authorizeUrl(String shopDomain, String clientId, String scopes, String redirectUri, String state) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", clientId);
        query.put("scope", scopes);
        query.put("redirect_uri", redirectUri);
        query.put("state", state);
        return URI.create(shopBase(shopDomain) + "/admin/oauth/authorize?" + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("&")));
    }

    /** Exchanges an install's code for an expiring offline token plus refresh token ({@code expiring=1}). */
    public AccessGrant exchangeCode(String shopDomain, String clientId, String clientSecret, String code) {
        return grant(shopDomain, Map.of("client_id", clientId, "client_secret", clientSecret, "code", code,
                "expiring", "1"));
    }

    public AccessGrant refresh(String shopDomain, String clientId, String clientSecret, String refreshToken) {
        return grant(shopDomain, Map.of("client_id", clientId, "client_secret", clientSecret,
                "grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    public AccessGrant clientCredentials(String shopDomain, String clientId, String clientSecret) {
        return grant(shopDomain, Map.of("client_id", clientId, "client_secret", clientSecret,
                "grant_type", "client_credentials"));
    }

    private AccessGrant grant(String shopDomain, Map<String, String> body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(shopBase(shopDomain) + "/admin/oauth/access_token"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ShopifyUnreachable("Shopify's token endpoint could not be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShopifyUnreachable("interrupted while asking Shopify for a token");
        }
        if (response.statusCode() >= 500) {
            throw new ShopifyUnreachable("Shopify's token endpoint answered " + response.statusCode());
        }
        if (response.statusCode() != 200) {
            throw new GrantRefused("Shopify refused the token request (HTTP " + response.statusCode() + ")");
        }
        JsonNode node = json.readTree(response.body());
        if (!node.hasNonNull("access_token")) {
            throw new GrantRefused("Shopify's token answer had no access_token");
        }
        return new AccessGrant(node.get("access_token").asString(), node.path("scope").asString(""),
                seconds(node, "expires_in"), node.hasNonNull("refresh_token") ? node.get("refresh_token").asString() : null,
                seconds(node, "refresh_token_expires_in"));
    }

    private static Duration seconds(JsonNode node, String field) {
        return node.hasNonNull(field) ? Duration.ofSeconds(node.get(field).asLong()) : null;
    }

    /** The token endpoint did not answer usefully: worth retrying later, not a reason to disconnect. */
    public static final class ShopifyUnreachable extends RuntimeException {
        public ShopifyUnreachable(String message) {
            super(message);
        }
    }
}
