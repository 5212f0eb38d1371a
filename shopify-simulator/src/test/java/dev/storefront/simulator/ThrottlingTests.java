package dev.storefront.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ThrottlingTests {

    ShopifySimulator simulator;
    ShopCredentials shop;
    SimulatorHttpClient client;

    @BeforeEach
    void start() {
        simulator = ShopifySimulator.start(0);
        shop = simulator.createShop(ShopSpec.of("throttle.myshopify.com").withCounts(50, 10, 300, 10));
        client = new SimulatorHttpClient(simulator.baseUrl());
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void every_response_carries_the_cost_extension_with_floats_for_the_bucket() {
        SimulatorHttpClient.Answer answer = client.graphql(shop.domain(), shop.accessToken(), "{ orders(first: 10) { nodes { id name } } }");
        JsonNode cost = answer.body().get("extensions").get("cost");
        assertThat(cost.get("requestedQueryCost").asInt()).isEqualTo(12);
        assertThat(cost.get("actualQueryCost").asInt()).isEqualTo(12);
        assertThat(cost.get("throttleStatus").get("maximumAvailable").isDouble()).isTrue();
        assertThat(cost.get("throttleStatus").get("maximumAvailable").asDouble()).isEqualTo(2000.0);
        assertThat(cost.get("throttleStatus").get("restoreRate").asDouble()).isEqualTo(100.0);
        assertThat(answer.raw()).contains("\"maximumAvailable\":2000.0");
        assertThat(client.graphql(shop.domain(), shop.accessToken(), "{ shop { name } }").body().get("extensions").get("cost")
                .get("requestedQueryCost").asInt()).isEqualTo(1);
    }

    @Test
    void refunds_the_difference_between_requested_and_actual_cost() {
        JsonNode cost = client.graphql(shop.domain(), shop.accessToken(),
                "{ customers(first: 100, query: \"id:1\") { nodes { id } } }").body().get("extensions").get("cost");
        assertThat(cost.get("requestedQueryCost").asInt()).isEqualTo(102);
        assertThat(cost.get("actualQueryCost").asInt()).isEqualTo(2);
        assertThat(cost.get("throttleStatus").get("currentlyAvailable").asLong()).isGreaterThanOrEqualTo(1997);
    }

    @Test
    void answers_throttled_with_no_data_when_the_bucket_is_drained_and_restores_over_time() {
        simulator.faults(shop.domain(), new Faults(true, 250, 50.0, 0, 0, 0, false, 0, null));
        String query = "{ orders(first: 100) { nodes { id } } }";
        SimulatorHttpClient.Answer first = client.graphql(shop.domain(), shop.accessToken(), query);
        SimulatorHttpClient.Answer second = client.graphql(shop.domain(), shop.accessToken(), query);
        SimulatorHttpClient.Answer throttled = client.graphql(shop.domain(), shop.accessToken(), query);
        assertThat(first.body().get("data")).isNotNull();
        assertThat(second.body().get("data")).isNotNull();
        assertThat(throttled.status()).isEqualTo(200);
        assertThat(throttled.body().has("data")).isFalse();
        assertThat(throttled.body().get("errors").get(0).get("extensions").get("code").asString()).isEqualTo("THROTTLED");
        assertThat(throttled.body().get("errors").get(0).get("message").asString()).isEqualTo("Throttled");
        JsonNode cost = throttled.body().get("extensions").get("cost");
        assertThat(cost.get("actualQueryCost").isNull()).isTrue();
        assertThat(cost.get("throttleStatus").get("currentlyAvailable").asLong()).isLessThan(102);
        // 50 points a second restore the bucket to the query's cost within about two seconds
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> client.graphql(shop.domain(), shop.accessToken(), query).body().get("data") != null);
    }

    @Test
    void refuses_queries_above_the_single_query_maximum() {
        JsonNode body = client.graphql(shop.domain(), shop.accessToken(),
                "{ orders(first: 250) { nodes { id lineItems(first: 10) { nodes { id } } } } }").body();
        assertThat(body.has("data")).isFalse();
        assertThat(body.get("errors").get(0).get("extensions").get("code").asString()).isEqualTo("MAX_COST_EXCEEDED");
        assertThat(body.get("extensions").get("cost").get("requestedQueryCost").asInt()).isGreaterThan(1000);
    }

    @Test
    void plans_set_bucket_size_and_restore_rate() {
        ShopCredentials plus = simulator.createShop(ShopSpec.of("plus.myshopify.com").withCounts(5, 5, 5, 5).withPlan("plus"));
        JsonNode status = client.graphql(plus.domain(), plus.accessToken(), "{ shop { plan { displayName } } }").body()
                .get("extensions").get("cost").get("throttleStatus");
        assertThat(status.get("maximumAvailable").asDouble()).isEqualTo(20000.0);
        assertThat(status.get("restoreRate").asDouble()).isEqualTo(1000.0);
    }
}
