package io.storefront;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import dev.storefront.simulator.ShopCredentials;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small real-HTTP client for tests: the service on its random port, JSON in and out. */
public final class Api {

    public record Response(int status, String body, HttpResponse<String> raw) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse("");
        }
    }

    public record Session(String token, UUID userId, String email) {}

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    public Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public String base() {
        return base;
    }

    /** Registers a fresh user with a unique email and a policy-compliant password. */
    public Session newUser() {
        String email = "user-" + UUID.randomUUID() + "@example.com";
        Response r = send("POST", "/api/auth/register", null, null,
                JSON.writeValueAsString(java.util.Map.of("email", email, "password", "correct horse battery staple")));
        if (r.status() != 201) {
            throw new IllegalStateException("registration failed: " + r.status() + " " + r.body());
        }
        JsonNode json = r.json();
        return new Session(json.get("token").asString(), UUID.fromString(json.get("user").get("id").asString()), email);
    }

    /** Connects a store with a legacy admin token; returns its tenant id. */
    public UUID connectStore(Session user, String domain, String token, String apiSecret) {
        Response r = send("POST", "/api/tenant", user.token(), null, JSON.writeValueAsString(java.util.Map.of(
                "name", domain, "shopifyDomain", domain, "shopifyToken", token, "apiSecret", apiSecret)));
        if (r.status() != 201) {
            throw new IllegalStateException("connect failed: " + r.status() + " " + r.body());
        }
        return UUID.fromString(r.json().get("id").asString());
    }

    /**
     * Connects a simulated shop (connecting proves its token against the shop) and waits until the store's first
     * sync has succeeded, so what a test sends next meets a settled store.
     */
    public UUID connectAndSync(Session user, ShopCredentials shop) {
        UUID tenant = connectStore(user, shop.domain(), shop.accessToken(), shop.apiSecret());
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Response runs = get("/api/shopify/sync", user, tenant);
            return runs.status() == 200 && !runs.json().isEmpty()
                    && runs.json().get(0).path("status").asString().equals("SUCCEEDED");
        });
        return tenant;
    }

    public Response get(String path, @Nullable Session user, @Nullable UUID tenant) {
        return send("GET", path, user == null ? null : user.token(), tenant, null);
    }

    public Response post(String path, @Nullable Session user, @Nullable UUID tenant, @Nullable Object body) {
        return send("POST", path, user == null ? null : user.token(), tenant,
                body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body));
    }

    public Response send(String method, String path, @Nullable String token, @Nullable UUID tenant, @Nullable String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (tenant != null) {
            request.header("X-Tenant-Id", tenant.toString());
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
