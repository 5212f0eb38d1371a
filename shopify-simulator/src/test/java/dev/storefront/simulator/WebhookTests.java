package dev.storefront.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storefront.simulator.webhooks.HeaderNames;
import dev.storefront.simulator.webhooks.WebhookSender;
import java.io.IOException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WebhookTests {

    /** Payloads in the format Shopify documents for each topic (values invented, shapes Shopify's). */
    static final String FIXTURES = "/fixtures/webhooks/";

    ShopifySimulator simulator;
    ShopCredentials shop;
    SimulatorHttpClient client;
    WebhookReceiver receiver;

    @BeforeEach
    void start() {
        simulator = ShopifySimulator.start(0).allowHttpLoopbackWebhooks(true);
        shop = simulator.createShop(ShopSpec.of("hooks.myshopify.com").withCounts(60, 12, 300, 20).withTimezone("America/Los_Angeles"));
        client = new SimulatorHttpClient(simulator.baseUrl());
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
        simulator.close();
    }

    private void subscribe(String topic, boolean legacyCallbackUrl) {
        String field = legacyCallbackUrl ? "callbackUrl" : "uri";
        JsonNode answer = client.graphql(shop.domain(), shop.accessToken(),
                "mutation { webhookSubscriptionCreate(topic: " + topic + ", webhookSubscription: {" + field + ": \"" + receiver.url()
                        + "\", format: JSON}) { webhookSubscription { id topic uri } userErrors { field message } } }").body();
        assertThat(answer.get("data").get("webhookSubscriptionCreate").get("userErrors")).isEmpty();
    }

    private static boolean signedBy(String secret, WebhookReceiver.Received delivery) {
        byte[] expected = WebhookSender.hmac(secret, delivery.body()).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, delivery.hmac().getBytes(StandardCharsets.UTF_8));
    }

    private String createError(String address) {
        JsonNode errors = client.graphql(shop.domain(), shop.accessToken(),
                "mutation { webhookSubscriptionCreate(topic: ORDERS_CREATE, webhookSubscription: {uri: \"" + address
                        + "\"}) { webhookSubscription { id } userErrors { field message } } }").body()
                .get("data").get("webhookSubscriptionCreate").get("userErrors");
        return errors.isEmpty() ? null : errors.get(0).get("message").asString();
    }

    @Test
    void callback_addresses_must_be_https_with_plain_http_only_on_loopback_when_allowed() {
        assertThat(createError("http://hooks.example.com/in")).isEqualTo("Address protocol http:// is not supported");
        assertThat(createError("https://hooks.example.com/in")).isNull();
        assertThat(createError("http://127.0.0.1:9/in")).isNull();
        simulator.allowHttpLoopbackWebhooks(false);
        try {
            assertThat(createError("http://127.0.0.1:9/other")).isEqualTo("Address protocol http:// is not supported");
            assertThat(createError("http://localhost:9/other")).isEqualTo("Address protocol http:// is not supported");
        } finally {
            simulator.allowHttpLoopbackWebhooks(true);
        }
    }

    @Test
    void delivers_signed_rest_payloads_with_every_shopify_header() throws InterruptedException {
        subscribe("ORDERS_CREATE", false);
        subscribe("CUSTOMERS_CREATE", true);
        simulator.activity(shop.domain(), Activity.newOrders(20));
        List<WebhookReceiver.Received> orders = receiver.awaitAtLeast(20, r -> r.topic().equals("orders/create"));
        assertThat(orders).hasSize(20);
        for (WebhookReceiver.Received delivery : orders) {
            assertThat(signedBy(shop.apiSecret(), delivery)).isTrue();
            assertThat(delivery.shopDomain()).isEqualTo(shop.domain());
            assertThat(delivery.apiVersion()).isEqualTo("2025-10");
            assertThat(delivery.webhookId()).isNotBlank();
            assertThat(delivery.eventId()).isNotBlank();
            assertThat(delivery.triggeredAt()).isNotBlank();
            JsonNode body = SimulatorHttpClient.JSON.readTree(delivery.body());
            assertThat(body.get("id").isIntegralNumber()).isTrue();
            assertThat(body.get("admin_graphql_api_id").asString()).isEqualTo("gid://shopify/Order/" + body.get("id").asString());
            assertThat(body.get("total_price").asString()).matches("\\d+\\.\\d\\d");
            assertThat(body.get("created_at").asString()).matches(".*[-+]0[78]:00$");
        }
        assertThat(orders.stream().map(WebhookReceiver.Received::webhookId).distinct().count()).isEqualTo(20);
        assertThat(orders.stream().anyMatch(r -> SimulatorHttpClient.JSON.readTree(r.body()).get("customer").isNull())
                || orders.stream().allMatch(r -> SimulatorHttpClient.JSON.readTree(r.body()).get("customer").isObject())).isTrue();
        assertThat(receiver.awaitAtLeast(1, r -> r.topic().equals("customers/create"))).isNotEmpty();
    }

    @Test
    void spells_the_headers_without_x_when_the_shop_is_set_to() throws InterruptedException {
        subscribe("ORDERS_CREATE", false);
        simulator.activity(shop.domain(), Activity.newOrders(1));
        assertThat(receiver.awaitAtLeast(1, r -> r.topic().equals("orders/create")).get(0).headerPrefix())
                .isEqualTo("X-Shopify-");

        simulator.webhookHeaders(shop.domain(), HeaderNames.SHOPIFY);
        simulator.activity(shop.domain(), Activity.newOrders(1));
        WebhookReceiver.Received unprefixed = receiver.awaitAtLeast(1, r -> r.headerPrefix().equals("Shopify-")).get(0);
        assertThat(unprefixed.topic()).isEqualTo("orders/create");
        assertThat(signedBy(shop.apiSecret(), unprefixed)).isTrue();
        assertThat(unprefixed.shopDomain()).isEqualTo(shop.domain());
        assertThat(unprefixed.webhookId()).isNotBlank();
        assertThat(unprefixed.eventId()).isNotBlank();
        assertThat(unprefixed.apiVersion()).isEqualTo("2025-10");
        assertThat(unprefixed.triggeredAt()).isNotBlank();
    }

    @Test
    void payload_keys_and_types_match_the_recorded_shopify_samples() throws Exception {
        for (String topic : List.of("ORDERS_CREATE", "CUSTOMERS_CREATE", "PRODUCTS_UPDATE", "CHECKOUTS_CREATE", "ORDERS_DELETE")) {
            subscribe(topic, false);
        }
        simulator.activity(shop.domain(), new Activity(30, 0, 3, 5, 0, 0, 1));
        WebhookReceiver.Received order = receiver.awaitAtLeast(30, r -> r.topic().equals("orders/create")).stream()
                .filter(r -> SimulatorHttpClient.JSON.readTree(r.body()).get("customer").isObject()).findFirst().orElseThrow();
        assertSameShape("orders-create.json", order.body());
        assertSameShape("customers-create.json", receiver.awaitAtLeast(1, r -> r.topic().equals("customers/create")).get(0).body());
        assertSameShape("products-create.json", receiver.awaitAtLeast(1, r -> r.topic().equals("products/update")).get(0).body());
        assertSameShape("checkouts-create.json", receiver.awaitAtLeast(1, r -> r.topic().equals("checkouts/create")).get(0).body());
        assertSameShape("orders-delete.json", receiver.awaitAtLeast(1, r -> r.topic().equals("orders/delete")).get(0).body());
    }

    private static void assertSameShape(String fixture, byte[] body) throws IOException {
        JsonNode expected;
        try (var in = WebhookTests.class.getResourceAsStream(FIXTURES + fixture)) {
            expected = SimulatorHttpClient.JSON.readTree(in.readAllBytes());
        }
        JsonNode actual = SimulatorHttpClient.JSON.readTree(body);
        List<String> differences = new ArrayList<>();
        compare("", expected, actual, differences);
        assertThat(differences).as(fixture).isEmpty();
    }

    /** Same keys everywhere; same JSON type where both sides have a value (a sample's null says nothing of the type). */
    private static void compare(String path, JsonNode expected, JsonNode actual, List<String> differences) {
        if (expected.isNull() || actual.isNull()) {
            return;
        }
        if (expected.isObject()) {
            if (!actual.isObject()) {
                differences.add(path + " should be an object");
                return;
            }
            Set<String> expectedKeys = new TreeSet<>(expected.propertyNames());
            Set<String> actualKeys = new TreeSet<>(actual.propertyNames());
            if (!expectedKeys.equals(actualKeys)) {
                Set<String> missing = new TreeSet<>(expectedKeys);
                missing.removeAll(actualKeys);
                Set<String> extra = new TreeSet<>(actualKeys);
                extra.removeAll(expectedKeys);
                differences.add(path + " missing " + missing + " extra " + extra);
            }
            for (String key : expectedKeys) {
                if (actual.has(key)) {
                    compare(path + "." + key, expected.get(key), actual.get(key), differences);
                }
            }
        } else if (expected.isArray()) {
            if (!actual.isArray()) {
                differences.add(path + " should be an array");
            } else if (!expected.isEmpty() && !actual.isEmpty()) {
                compare(path + "[0]", expected.get(0), actual.get(0), differences);
            }
        } else if (expected.getNodeType() != actual.getNodeType()) {
            differences.add(path + " should be " + expected.getNodeType() + " but is " + actual.getNodeType());
        }
    }

    @Test
    void retries_a_failed_delivery_with_the_same_webhook_id() throws InterruptedException {
        simulator.faults(shop.domain(), new Faults(true, null, null, 0, 0, 0, false, 0, 50L));
        receiver.failFirstAttempts = 2;
        subscribe("ORDERS_CREATE", false);
        simulator.activity(shop.domain(), Activity.newOrders(1));
        List<WebhookReceiver.Received> attempts = receiver.awaitAtLeast(3, r -> r.topic().equals("orders/create"));
        assertThat(attempts).hasSize(3);
        assertThat(attempts.stream().map(WebhookReceiver.Received::webhookId).distinct()).hasSize(1);
        assertThat(attempts.get(0).body()).isEqualTo(attempts.get(2).body());
        // the receiver records the third attempt before the sender counts it delivered
        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.deliveries(shop.domain()).delivered() == 1);
        assertThat(simulator.deliveries(shop.domain()).retried()).isEqualTo(2);
    }

    @Test
    void removes_a_subscription_whose_deliveries_fail_every_retry() throws InterruptedException {
        simulator.faults(shop.domain(), new Faults(true, null, null, 0, 0, 0, false, 0, 5L));
        receiver.failFirstAttempts = 100;
        subscribe("ORDERS_CREATE", false);
        simulator.activity(shop.domain(), Activity.newOrders(1));
        assertThat(receiver.awaitAtLeast(9, r -> r.topic().equals("orders/create"))).hasSize(9);
        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.deliveries(shop.domain()).abandoned() > 0);
        assertThat(simulator.deliveries(shop.domain()).abandoned()).isEqualTo(1);
        assertThat(client.graphql(shop.domain(), shop.accessToken(), "{ webhookSubscriptions(first: 5) { nodes { id } } }").body()
                .get("data").get("webhookSubscriptions").get("nodes")).isEmpty();
    }

    @Test
    void sends_duplicates_with_the_same_webhook_id_when_asked() throws InterruptedException {
        simulator.faults(shop.domain(), new Faults(true, null, null, 0, 0, 1.0, true, 0, null));
        subscribe("ORDERS_CREATE", false);
        simulator.activity(shop.domain(), Activity.newOrders(5));
        List<WebhookReceiver.Received> deliveries = receiver.awaitAtLeast(10, r -> r.topic().equals("orders/create"));
        assertThat(deliveries).hasSize(10);
        assertThat(deliveries.stream().map(WebhookReceiver.Received::webhookId).distinct()).hasSize(5);
    }

    @Test
    void lists_and_deletes_subscriptions() {
        subscribe("ORDERS_CREATE", false);
        subscribe("ORDERS_UPDATED", false);
        JsonNode list = client.graphql(shop.domain(), shop.accessToken(),
                "{ webhookSubscriptions(first: 10) { edges { node { id topic uri format } } } }").body().get("data").get("webhookSubscriptions").get("edges");
        assertThat(list).hasSize(2);
        String id = list.get(0).get("node").get("id").asString();
        JsonNode deleted = client.graphql(shop.domain(), shop.accessToken(),
                "mutation { webhookSubscriptionDelete(id: \"" + id + "\") { deletedWebhookSubscriptionId userErrors { message } } }").body();
        assertThat(deleted.get("data").get("webhookSubscriptionDelete").get("deletedWebhookSubscriptionId").asString()).isEqualTo(id);
        assertThat(client.graphql(shop.domain(), shop.accessToken(), "{ webhookSubscriptions(first: 10) { nodes { id } } }").body()
                .get("data").get("webhookSubscriptions").get("nodes")).hasSize(1);
    }

    @Test
    void fires_refunds_cancellations_deletions_compliance_and_uninstall() throws Exception {
        for (String topic : List.of("REFUNDS_CREATE", "ORDERS_CANCELLED", "ORDERS_DELETE", "PRODUCTS_DELETE", "CUSTOMERS_DELETE",
                "CHECKOUTS_DELETE", "CHECKOUTS_UPDATE", "APP_UNINSTALLED")) {
            subscribe(topic, false);
        }
        simulator.activity(shop.domain(), new Activity(0, 0, 0, 2, 2, 2, 4));
        JsonNode refund = SimulatorHttpClient.JSON.readTree(receiver.awaitAtLeast(2, r -> r.topic().equals("refunds/create")).get(0).body());
        assertThat(refund.get("refund_line_items").get(0).get("subtotal").isNumber()).isTrue();
        assertThat(receiver.awaitAtLeast(2, r -> r.topic().equals("orders/cancelled"))).hasSize(2);
        JsonNode deleted = SimulatorHttpClient.JSON.readTree(receiver.awaitAtLeast(1, r -> r.topic().equals("orders/delete")).get(0).body());
        assertThat(deleted.propertyNames()).containsExactly("id");
        assertThat(receiver.awaitAtLeast(1, r -> r.topic().equals("products/delete"))).isNotEmpty();
        assertThat(receiver.awaitAtLeast(1, r -> r.topic().equals("checkouts/delete"))).isNotEmpty();
        assertThat(receiver.awaitAtLeast(1, r -> r.topic().equals("checkouts/update"))).isNotEmpty();
        assertThat(receiver.awaitAtLeast(1, r -> r.topic().equals("customers/delete"))).isNotEmpty();

        assertThat(client.post("/_sim/shops/" + shop.domain() + "/compliance", Map.of("topic", "customers/redact", "address", receiver.url())).status()).isEqualTo(202);
        client.post("/_sim/shops/" + shop.domain() + "/compliance", Map.of("topic", "shop/redact", "address", receiver.url()));
        client.post("/_sim/shops/" + shop.domain() + "/compliance", Map.of("topic", "customers/data_request", "address", receiver.url()));
        JsonNode redact = SimulatorHttpClient.JSON.readTree(receiver.awaitAtLeast(1, r -> r.topic().equals("customers/redact")).get(0).body());
        assertThat(new HashSet<>(redact.propertyNames())).isEqualTo(Set.of("shop_id", "shop_domain", "customer", "orders_to_redact"));
        assertSameShape("customers-redact.json", receiver.awaitAtLeast(1, r -> r.topic().equals("customers/redact")).get(0).body());
        assertSameShape("shop-redact.json", receiver.awaitAtLeast(1, r -> r.topic().equals("shop/redact")).get(0).body());
        assertSameShape("customers-data_request.json", receiver.awaitAtLeast(1, r -> r.topic().equals("customers/data_request")).get(0).body());

        assertThat(client.post("/_sim/shops/" + shop.domain() + "/uninstall", Map.of()).status()).isEqualTo(200);
        JsonNode uninstalled = SimulatorHttpClient.JSON.readTree(receiver.awaitAtLeast(1, r -> r.topic().equals("app/uninstalled")).get(0).body());
        assertThat(uninstalled.get("myshopify_domain").asString()).isEqualTo(shop.domain());
        assertSameShape("app-uninstalled.json", receiver.awaitAtLeast(1, r -> r.topic().equals("app/uninstalled")).get(0).body());
        assertThat(client.graphql(shop.domain(), shop.accessToken(), "{ shop { name } }").status()).isEqualTo(401);
    }

    @Test
    void notifies_bulk_operations_finish() throws InterruptedException {
        subscribe("BULK_OPERATIONS_FINISH", false);
        client.graphql(shop.domain(), shop.accessToken(),
                "mutation { bulkOperationRunQuery(query: \"{ customers { edges { node { id } } } }\") { bulkOperation { id } userErrors { message } } }");
        JsonNode finish = SimulatorHttpClient.JSON.readTree(receiver.awaitAtLeast(1, r -> r.topic().equals("bulk_operations/finish")).get(0).body());
        assertThat(finish.get("status").asString()).isEqualTo("completed");
        assertThat(finish.get("type").asString()).isEqualTo("query");
        assertThat(finish.get("admin_graphql_api_id").asString()).startsWith("gid://shopify/BulkOperation/");
    }
}
