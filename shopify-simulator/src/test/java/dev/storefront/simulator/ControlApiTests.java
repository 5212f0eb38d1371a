package dev.storefront.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ControlApiTests {

    static ShopifySimulator simulator;
    static SimulatorHttpClient client;

    @BeforeAll
    static void start() {
        simulator = ShopifySimulator.start(0);
        client = new SimulatorHttpClient(simulator.baseUrl());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void health_answers() {
        assertThat(client.get("/_sim/health").body().get("status").asString()).isEqualTo("ok");
    }

    @Test
    void creates_a_shop_and_returns_its_credentials() {
        SimulatorHttpClient.Answer created = client.post("/_sim/shops", Map.of("domain", "ctl.myshopify.com", "seed", 5, "orders", 300,
                "customers", 50, "products", 10, "checkouts", 20, "timezone", "Europe/Paris", "currency", "EUR", "plan", "advanced",
                "asOf", "2025-12-01T00:00:00Z"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().propertyNames()).containsExactlyInAnyOrder("domain", "accessToken", "apiSecret", "clientId", "clientSecret");
        String token = created.body().get("accessToken").asString();
        JsonNode answer = client.graphql("ctl.myshopify.com", token, "{ shop { currencyCode ianaTimezone } }").body();
        assertThat(answer.get("data").get("shop").get("currencyCode").asString()).isEqualTo("EUR");
        assertThat(answer.get("extensions").get("cost").get("throttleStatus").get("maximumAvailable").asDouble()).isEqualTo(4000.0);

        JsonNode summary = client.get("/_sim/shops/ctl.myshopify.com/summary").body();
        assertThat(summary.get("orders").asInt()).isEqualTo(300);
        assertThat(summary.get("customers").asInt()).isEqualTo(50);
        assertThat(summary.get("ordersTotalPrice").asString()).matches("\\d+\\.\\d\\d");

        JsonNode events = client.post("/_sim/shops/ctl.myshopify.com/activity", Map.of("orders", 5, "refunds", 1)).body();
        assertThat(events.get("events").get("orders/create").asInt()).isEqualTo(5);
        assertThat(client.get("/_sim/shops/ctl.myshopify.com/summary").body().get("orders").asInt()).isEqualTo(305);
        assertThat(client.get("/_sim/shops/ctl.myshopify.com/deliveries").body().has("sent")).isTrue();
        assertThat(client.post("/_sim/shops", Map.of("domain", "ctl.myshopify.com")).status()).isEqualTo(409);
    }

    @Test
    void answers_bad_control_input_with_a_json_400() {
        for (Object body : List.of(Map.of("domain", "nope"), Map.of("orders", 5), Map.of("domain", "x.myshopify.com", "orders", "many"),
                Map.of("domain", "x.myshopify.com", "plan", "gold"), Map.of("domain", "x.myshopify.com", "colour", "red"),
                Map.of("domain", "x.myshopify.com", "asOf", "yesterday"), "[1,2]", "{not json")) {
            SimulatorHttpClient.Answer answer = client.post("/_sim/shops", body);
            assertThat(answer.status()).as(body.toString()).isEqualTo(400);
            assertThat(answer.body().get("error").asString()).as(body.toString()).isNotBlank().doesNotContain("Exception");
        }
        assertThat(client.post("/_sim/shops/missing.myshopify.com/activity", Map.of("orders", 1)).status()).isEqualTo(404);
        simulator.createShop(ShopSpec.of("faulty.myshopify.com").withCounts(5, 5, 5, 5));
        assertThat(client.put("/_sim/shops/faulty.myshopify.com/faults", Map.of("errorRate", 2)).status()).isEqualTo(400);
        assertThat(client.post("/_sim/shops/faulty.myshopify.com/activity", Map.of("orders", -1)).status()).isEqualTo(400);
    }

    @Test
    void injects_server_errors_and_dropped_connections() {
        ShopCredentials shop = simulator.createShop(ShopSpec.of("flaky.myshopify.com").withCounts(5, 5, 5, 5));
        assertThat(client.put("/_sim/shops/flaky.myshopify.com/faults", Map.of("errorRate", 1.0)).status()).isEqualTo(200);
        assertThat(client.graphql(shop.domain(), shop.accessToken(), "{ shop { name } }").status()).isIn(502, 503);
        client.put("/_sim/shops/flaky.myshopify.com/faults", Map.of("dropConnectionRate", 1.0));
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.adminGraphqlUrl(shop.domain(), "2025-10")))
                .header("X-Shopify-Access-Token", shop.accessToken()).POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ shop { name } }\"}")).build();
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.io.IOException.class);
        client.put("/_sim/shops/flaky.myshopify.com/faults", Map.of("latencyMs", 200));
        long started = System.nanoTime();
        assertThat(client.graphql(shop.domain(), shop.accessToken(), "{ shop { name } }").status()).isEqualTo(200);
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(200);
    }
}
