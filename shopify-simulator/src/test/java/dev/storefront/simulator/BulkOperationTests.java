package dev.storefront.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storefront.simulator.bulk.ShopBulkOperations;
import dev.storefront.simulator.store.Store;
import dev.storefront.simulator.store.StoreSpec;
import dev.storefront.simulator.store.StoreSummary;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class BulkOperationTests {

    static final String ORDERS_QUERY = """
            { orders { edges { node { id name createdAt updatedAt test
                totalPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
                customer { id }
                refunds { id createdAt totalRefundedSet { shopMoney { amount } } }
                lineItems { edges { node { id title quantity sku variant { id } originalUnitPriceSet { shopMoney { amount } } } } } } } } }
            """;

    static ShopifySimulator simulator;
    static ShopCredentials shop;
    static SimulatorHttpClient client;

    @BeforeAll
    static void start() {
        simulator = ShopifySimulator.start(0);
        shop = simulator.createShop(ShopSpec.of("bulk.myshopify.com").withCounts(80, 15, 500, 40).withSeed(3));
        client = new SimulatorHttpClient(simulator.baseUrl());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private JsonNode runAndWait(String query) throws InterruptedException {
        return runAndWait(query, "");
    }

    /** @param arguments more arguments of bulkOperationRunQuery, such as {@code , groupObjects: false} */
    private JsonNode runAndWait(String query, String arguments) throws InterruptedException {
        JsonNode run = client.graphql(shop.domain(), shop.accessToken(),
                "mutation($q: String!) { bulkOperationRunQuery(query: $q" + arguments + ") { bulkOperation { id status } userErrors { field message } } }",
                Map.of("q", query)).body().get("data").get("bulkOperationRunQuery");
        assertThat(run.get("userErrors")).isEmpty();
        String id = run.get("bulkOperation").get("id").asString();
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> client.graphql(shop.domain(), shop.accessToken(),
                                "{ currentBulkOperation { id status errorCode objectCount rootObjectCount fileSize url partialDataUrl createdAt completedAt } }")
                        .body().get("data").get("currentBulkOperation"),
                        current -> current.get("id").asString().equals(id) && current.get("status").asString().equals("COMPLETED"));
    }

    /** groupObjects defaults to true on 2025-10: each order's lines right after it; without, only somewhere after it. */
    @ParameterizedTest
    @CsvSource({"'', false", "', groupObjects: true', false", "', groupObjects: false', true"})
    void writes_orders_and_line_items_as_shopify_jsonl(String arguments, boolean someChildrenApart) throws InterruptedException {
        JsonNode operation = runAndWait(ORDERS_QUERY, arguments);
        StoreSummary summary = simulator.summary(shop.domain(), false);
        assertThat(operation.get("objectCount").isString()).isTrue();
        assertThat(operation.get("fileSize").isString()).isTrue();
        assertThat(Long.parseLong(operation.get("objectCount").asString())).isEqualTo(summary.orders() + summary.lineItems());

        String jsonl = client.get(operation.get("url").asString()).raw();
        assertThat(jsonl).contains("\"gid:\\/\\/shopify\\/Order\\/");
        assertThat(jsonl.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isEqualTo(Long.parseLong(operation.get("fileSize").asString()));
        String[] lines = jsonl.split("\n");
        Set<String> seenParents = new HashSet<>();
        Map<String, Integer> children = new HashMap<>();
        int orders = 0;
        boolean nonAdjacent = false;
        String previousParentLine = null;
        for (String line : lines) {
            JsonNode node = SimulatorHttpClient.JSON.readTree(line);
            if (node.has("__parentId")) {
                String parent = node.get("__parentId").asString();
                assertThat(seenParents).contains(parent);
                assertThat(node.get("id").asString()).startsWith("gid://shopify/LineItem/");
                children.merge(parent, 1, Integer::sum);
                nonAdjacent |= !parent.equals(previousParentLine);
            } else {
                orders++;
                String id = node.get("id").asString();
                seenParents.add(id);
                previousParentLine = id;
                assertThat(node.has("lineItems")).isFalse();
                assertThat(node.get("refunds").isArray()).isTrue();
                assertThat(node.get("totalPriceSet").get("shopMoney").get("amount").isString()).isTrue();
            }
        }
        assertThat(orders).isEqualTo(summary.orders());
        assertThat(children.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(summary.lineItems());
        assertThat(nonAdjacent).as("some children come after other parents, not right after their own").isEqualTo(someChildrenApart);
    }

    @Test
    void refuses_a_second_bulk_query_while_one_runs() throws InterruptedException {
        ShopCredentials big = simulator.createShop(ShopSpec.of("busy.myshopify.com").withCounts(200, 20, 20_000, 10));
        String mutation = "mutation($q: String!) { bulkOperationRunQuery(query: $q) { bulkOperation { id } userErrors { field message } } }";
        client.graphql(big.domain(), big.accessToken(), mutation, Map.of("q", ORDERS_QUERY));
        JsonNode second = client.graphql(big.domain(), big.accessToken(), mutation, Map.of("q", ORDERS_QUERY)).body()
                .get("data").get("bulkOperationRunQuery");
        assertThat(second.get("bulkOperation").isNull()).isTrue();
        assertThat(second.get("userErrors").get(0).get("message").asString())
                .startsWith("A bulk query operation for this app and shop is already in progress");
    }

    @Test
    void interprets_customer_product_and_checkout_queries() throws InterruptedException {
        StoreSummary summary = simulator.summary(shop.domain(), false);
        JsonNode customers = runAndWait("{ customers { edges { node { id email firstName numberOfOrders amountSpent { amount currencyCode } } } } }");
        assertThat(Long.parseLong(customers.get("objectCount").asString())).isEqualTo(summary.customers());
        JsonNode products = runAndWait("{ products { edges { node { id title productType variants { edges { node { id sku price } } } } } } }");
        assertThat(Long.parseLong(products.get("objectCount").asString())).isEqualTo(summary.products() + summary.variants());
        JsonNode checkouts = runAndWait("{ abandonedCheckouts { nodes { id createdAt abandonedCheckoutUrl lineItems { nodes { title quantity variant { id } } } } } }");
        String jsonl = client.get(checkouts.get("url").asString()).raw();
        assertThat(jsonl).contains("__parentId").contains("gid:\\/\\/shopify\\/AbandonedCheckout\\/");
    }

    @Test
    void same_seed_and_as_of_give_the_same_bulk_bytes() {
        Instant asOf = Instant.parse("2025-12-01T00:00:00Z");
        StoreSpec spec = new StoreSpec("same.myshopify.com", 99, asOf, 300, 40, 3000, 100, ZoneId.of("Europe/Berlin"), "EUR");
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        ShopBulkOperations.exportTo(Store.generate(spec), ORDERS_QUERY, first);
        ShopBulkOperations.exportTo(Store.generate(spec), ORDERS_QUERY, second);
        assertThat(first.size()).isGreaterThan(100_000);
        assertThat(first.toByteArray()).isEqualTo(second.toByteArray());
        ByteArrayOutputStream otherSeed = new ByteArrayOutputStream();
        ShopBulkOperations.exportTo(Store.generate(new StoreSpec("same.myshopify.com", 100, asOf, 300, 40, 3000, 100,
                ZoneId.of("Europe/Berlin"), "EUR")), ORDERS_QUERY, otherSeed);
        assertThat(otherSeed.toByteArray()).isNotEqualTo(first.toByteArray());
    }

    @Test
    void fails_with_access_denied_without_the_scope() throws InterruptedException {
        ShopCredentials limited = simulator.createShop(ShopSpec.of("noscope.myshopify.com").withCounts(5, 5, 5, 5)
                .withScopes(java.util.Set.of("read_products")));
        client.graphql(limited.domain(), limited.accessToken(),
                "mutation { bulkOperationRunQuery(query: \"{ customers { edges { node { id } } } }\") { bulkOperation { id } userErrors { message } } }");
        JsonNode current = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> client.graphql(limited.domain(), limited.accessToken(), "{ currentBulkOperation { status errorCode url } }")
                        .body().get("data").get("currentBulkOperation"), op -> op.get("status").asString().equals("FAILED"));
        assertThat(current.get("status").asString()).isEqualTo("FAILED");
        assertThat(current.get("errorCode").asString()).isEqualTo("ACCESS_DENIED");
    }

    @Test
    void rejects_queries_nested_deeper_than_two_levels_or_without_a_connection() {
        String mutation = "mutation($q: String!) { bulkOperationRunQuery(query: $q) { bulkOperation { id } userErrors { field message } } }";
        for (String bad : List.of("{ shop { name } }", "{ products { edges { node { variants { edges { node { lineItems { edges { node { id } } } } } } } } } }")) {
            ShopCredentials fresh = simulator.createShop(ShopSpec.of("bad" + Math.abs(bad.hashCode()) + ".myshopify.com").withCounts(5, 5, 5, 5));
            JsonNode answer = client.graphql(fresh.domain(), fresh.accessToken(), mutation, Map.of("q", bad)).body();
            assertThat(answer.get("data").get("bulkOperationRunQuery").get("userErrors")).isNotEmpty();
        }
    }
}
