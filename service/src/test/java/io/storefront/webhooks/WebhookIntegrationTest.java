package io.storefront.webhooks;

import io.storefront.Api;
import io.storefront.IntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The webhook tests' one application context: the service on a fixed free port (so that its public URL, which
 * subscriptions point at, is known before it starts) and Shopify's Admin API served by {@link FakeShopify}.
 */
abstract class WebhookIntegrationTest extends IntegrationTest {

    static final FakeShopify SHOPIFY = new FakeShopify();
    static final int PORT = freePort();
    static final String PUBLIC_URL = "http://127.0.0.1:" + PORT;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A connected store: its tenant id, owner, domain and the app secret its webhooks are signed with. */
    record Store(UUID tenantId, Api.Session owner, String domain, String secret) {}

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void webhookProperties(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("storefront.public-url", () -> PUBLIC_URL);
        registry.add("storefront.shopify.api-base-url", () -> SHOPIFY.baseUrl() + "/{shop}");
        registry.add("storefront.shopify.max-attempts", () -> 2);
        registry.add("storefront.webhooks.poll-interval", () -> "100ms");
    }

    Store connectStore() {
        Api.Session owner = api().newUser();
        String domain = "wh-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
        String secret = "shpss_" + UUID.randomUUID().toString().replace("-", "");
        UUID tenant = api().connectStore(owner, domain, "shpat_" + UUID.randomUUID().toString().replace("-", ""), secret);
        return new Store(tenant, owner, domain, secret);
    }

    static byte[] fixture(String name) {
        try (InputStream in = WebhookIntegrationTest.class.getResourceAsStream("fixtures/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String fixtureText(String name) {
        return new String(fixture(name), StandardCharsets.UTF_8);
    }

    /** A delivery as Shopify sends it, signed with the store's secret. */
    HttpResponse<String> deliver(Store store, String topic, byte[] body) {
        return deliver(store.tenantId().toString(), store.domain(), topic, body, UUID.randomUUID().toString(),
                WebhookSignature.signBase64(store.secret().getBytes(StandardCharsets.UTF_8), body));
    }

    HttpResponse<String> deliver(Store store, String topic, byte[] body, String webhookId) {
        return deliver(store.tenantId().toString(), store.domain(), topic, body, webhookId,
                WebhookSignature.signBase64(store.secret().getBytes(StandardCharsets.UTF_8), body));
    }

    static HttpResponse<String> deliver(String tenant, String domain, String topic, byte[] body, String webhookId,
            @Nullable String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(PUBLIC_URL + "/api/webhook/" + tenant))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Shopify-Topic", topic)
                .header("X-Shopify-Shop-Domain", domain)
                .header("X-Shopify-API-Version", "2025-10")
                .header("X-Shopify-Webhook-Id", webhookId)
                .header("X-Shopify-Event-Id", UUID.randomUUID().toString())
                .header("X-Shopify-Triggered-At", "2026-11-20T10:00:00.123456789Z")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header("X-Shopify-Hmac-Sha256", signature);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    long inboxRows(Store store) {
        return count("select count(*) from webhook_deliveries where tenant_id = ?", store.tenantId());
    }

    long unfinished(Store store) {
        return count("select count(*) from webhook_deliveries where tenant_id = ? and status = 'PENDING'", store.tenantId());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
