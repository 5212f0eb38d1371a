package io.storefront.webhooks;

import static org.awaitility.Awaitility.await;

import io.storefront.Api;
import io.storefront.IntegrationTest;
import dev.storefront.simulator.ShopCredentials;
import dev.storefront.simulator.ShopSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * What the webhook tests share: a store connected to a real simulated shop (whose app secret signs its
 * webhooks and whose Admin API holds its subscriptions), hand-signed deliveries, and the inbox's figures.
 */
abstract class WebhookIntegrationTest extends IntegrationTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A connected store: its tenant id, owner, domain, Admin API token and the secret its webhooks are signed with. */
    record Store(UUID tenantId, Api.Session owner, String domain, String token, String secret) {

        String intakeUrl() {
            return PUBLIC_URL + "/api/webhook/" + tenantId;
        }
    }

    /** A subscription as the shop's Admin API lists it. */
    record Subscription(String id, String topic, String uri) {}

    @Autowired
    JdbcClient jdbc;

    /**
     * An empty simulated shop (one product, nothing else), connected with its legacy admin token and app secret:
     * what the tests then hold arrived by webhook, and the first sync's snapshot has nothing to add or remove.
     */
    Store connectStore() {
        return connectStore(ShopSpec.of(newDomain()).withCounts(0, 1, 0, 0));
    }

    /** Connects the shop and waits for the first full sync, so it cannot race the deliveries a test sends. */
    Store connectStore(ShopSpec spec) {
        ShopCredentials shop = SIMULATOR.createShop(spec);
        Api.Session owner = api().newUser();
        UUID tenant = api().connectStore(owner, shop.domain(), shop.accessToken(), shop.apiSecret());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Api.Response runs = api().get("/api/shopify/sync", owner, tenant);
            return runs.status() == 200 && !runs.json().isEmpty()
                    && runs.json().get(0).path("status").asString().equals("SUCCEEDED");
        });
        return new Store(tenant, owner, shop.domain(), shop.accessToken(), shop.apiSecret());
    }

    static String newDomain() {
        return "wh-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
    }

    /** Connecting subscribes in the background; this waits until the shop has every topic subscribed. */
    void awaitSubscribed(Store store) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> subscriptions(store).size() == WebhookTopics.SUBSCRIBED.size());
    }

    /** {@code webhookSubscriptions(first: 100)} over the shop's real Admin GraphQL API. */
    static List<Subscription> subscriptions(Store store) {
        JsonNode data = adminGraphql(store, "{ webhookSubscriptions(first: 100) { edges { node { id topic uri } } } }",
                Map.of());
        List<Subscription> subscriptions = new ArrayList<>();
        for (JsonNode edge : data.path("webhookSubscriptions").path("edges")) {
            JsonNode node = edge.path("node");
            subscriptions.add(new Subscription(node.path("id").asString(), node.path("topic").asString(),
                    node.path("uri").asString()));
        }
        return subscriptions;
    }

    static void subscribe(Store store, String graphqlTopic, String uri) {
        JsonNode result = adminGraphql(store, """
                mutation create($topic: WebhookSubscriptionTopic!, $uri: String!) {
                  webhookSubscriptionCreate(topic: $topic, webhookSubscription: {uri: $uri, format: JSON}) {
                    webhookSubscription { id } userErrors { field message }
                  }
                }""", Map.of("topic", graphqlTopic, "uri", uri)).path("webhookSubscriptionCreate");
        if (!result.path("userErrors").isEmpty()) {
            throw new IllegalStateException("subscription refused: " + result.path("userErrors"));
        }
    }

    static void unsubscribe(Store store, String subscriptionId) {
        JsonNode result = adminGraphql(store, """
                mutation delete($id: ID!) {
                  webhookSubscriptionDelete(id: $id) { deletedWebhookSubscriptionId userErrors { field message } }
                }""", Map.of("id", subscriptionId)).path("webhookSubscriptionDelete");
        if (!result.path("userErrors").isEmpty()) {
            throw new IllegalStateException("deletion refused: " + result.path("userErrors"));
        }
    }

    static JsonNode adminGraphql(Store store, String query, Map<String, Object> variables) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(SIMULATOR.adminGraphqlUrl(store.domain(), "2025-10")))
                .timeout(Duration.ofSeconds(10))
                .header("X-Shopify-Access-Token", store.token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(
                        Map.of("query", query, "variables", variables))))
                .build();
        JsonNode answer = Api.JSON.readTree(send(request).body());
        if (answer.has("errors")) {
            throw new IllegalStateException("Admin API errors: " + answer.path("errors"));
        }
        return answer.path("data");
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
        return deliver(store, topic, body, UUID.randomUUID().toString());
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
        return send(request.build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
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

    void awaitApplied(Store store) {
        await().atMost(Duration.ofSeconds(20)).until(() -> unfinished(store) == 0);
    }
}
