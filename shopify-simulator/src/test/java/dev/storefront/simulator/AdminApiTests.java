package dev.storefront.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.simulator.store.StoreSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AdminApiTests {

    static final String SHOP = "acme.myshopify.com";
    static ShopifySimulator simulator;
    static ShopCredentials credentials;
    static SimulatorHttpClient client;

    @BeforeAll
    static void start() {
        simulator = ShopifySimulator.start(0);
        credentials = simulator.createShop(ShopSpec.of(SHOP).withSeed(7).withCounts(120, 30, 700, 60)
                .withAsOf(Instant.now().minusSeconds(3600)));
        client = new SimulatorHttpClient(simulator.baseUrl());
        simulator.faults(SHOP, new Faults(false, null, null, 0, 0, 0, false, 0, null));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void answers_401_without_a_token_or_with_a_wrong_one() {
        assertThat(client.graphql(SHOP, null, "{ shop { name } }").status()).isEqualTo(401);
        SimulatorHttpClient.Answer wrong = client.graphql(SHOP, "shpat_nope", "{ shop { name } }");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body().get("errors").asString()).contains("Invalid API key or access token");
    }

    @Test
    void answers_the_shop_query_with_shopify_field_names() {
        JsonNode shop = client.graphql(SHOP, credentials.accessToken(),
                "{ shop { name email myshopifyDomain currencyCode ianaTimezone plan { displayName } } }").body().get("data").get("shop");
        assertThat(shop.get("myshopifyDomain").asString()).isEqualTo(SHOP);
        assertThat(shop.get("currencyCode").asString()).isEqualTo("USD");
        assertThat(shop.get("ianaTimezone").asString()).isEqualTo("America/New_York");
        assertThat(shop.get("plan").get("displayName").asString()).isEqualTo("Shopify");
    }

    @Test
    void pagination_walks_every_order_exactly_once_forward_and_backward() {
        StoreSummary summary = simulator.summary(SHOP, true);
        List<String> forward = walk("orders", "first", "after", "pageInfo { hasNextPage endCursor }", false);
        assertThat(forward).hasSize(summary.orders()).doesNotHaveDuplicates();
        Set<String> expected = new HashSet<>();
        summary.orderIds().forEach(id -> expected.add("gid://shopify/Order/" + id));
        assertThat(new HashSet<>(forward)).isEqualTo(expected);

        List<String> backward = walk("orders", "last", "before", "pageInfo { hasPreviousPage startCursor }", false);
        assertThat(backward).hasSize(summary.orders());
        List<String> reversed = new ArrayList<>(backward);
        java.util.Collections.reverse(reversed);
        assertThat(reversed).isEqualTo(forward);

        List<String> reverseSort = walk("orders", "first", "after", "pageInfo { hasNextPage endCursor }", true);
        List<String> forwardReversed = new ArrayList<>(forward);
        java.util.Collections.reverse(forwardReversed);
        assertThat(reverseSort).isEqualTo(forwardReversed);
    }

    @Test
    void pagination_walks_customers_products_and_checkouts_exactly_once() {
        StoreSummary summary = simulator.summary(SHOP, false);
        assertThat(walk("customers", "first", "after", "pageInfo { hasNextPage endCursor }", false)).hasSize(summary.customers()).doesNotHaveDuplicates();
        assertThat(walk("products", "first", "after", "pageInfo { hasNextPage endCursor }", false)).hasSize(summary.products()).doesNotHaveDuplicates();
        assertThat(walk("abandonedCheckouts", "first", "after", "pageInfo { hasNextPage endCursor }", false))
                .hasSize(summary.abandonedCheckouts()).doesNotHaveDuplicates();
    }

    private List<String> walk(String connection, String size, String cursorArg, String pageInfo, boolean reverse) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 1000; page++) {
            String args = size + ": 37, sortKey: UPDATED_AT" + (reverse ? ", reverse: true" : "")
                    + (cursor == null ? "" : ", " + cursorArg + ": \"" + cursor + "\"");
            if (connection.equals("abandonedCheckouts")) {
                args = args.replace("UPDATED_AT", "CREATED_AT");
            }
            JsonNode data = client.graphql(SHOP, credentials.accessToken(),
                    "{ " + connection + "(" + args + ") { edges { cursor node { id } } " + pageInfo + " } }").body().get("data").get(connection);
            List<String> pageIds = new ArrayList<>();
            for (JsonNode edge : data.get("edges")) {
                pageIds.add(edge.get("node").get("id").asString());
            }
            if (size.equals("last")) {
                java.util.Collections.reverse(pageIds);
            }
            ids.addAll(pageIds);
            boolean more = size.equals("first") ? data.get("pageInfo").get("hasNextPage").asBoolean() : data.get("pageInfo").get("hasPreviousPage").asBoolean();
            if (!more) {
                break;
            }
            cursor = size.equals("first") ? data.get("pageInfo").get("endCursor").asString() : data.get("pageInfo").get("startCursor").asString();
        }
        return ids;
    }

    @Test
    void query_filters_on_updated_at_and_created_at() {
        JsonNode all = client.graphql(SHOP, credentials.accessToken(),
                "{ orders(first: 250, sortKey: UPDATED_AT, reverse: true) { nodes { updatedAt createdAt } } }").body().get("data").get("orders").get("nodes");
        String pivot = all.get(40).get("updatedAt").asString();
        JsonNode newer = client.graphql(SHOP, credentials.accessToken(),
                "{ orders(first: 250, sortKey: UPDATED_AT, query: \"updated_at:>'" + pivot + "'\") { nodes { updatedAt createdAt } } }")
                .body().get("data").get("orders").get("nodes");
        assertThat(newer.size()).isBetween(1, 40);
        for (JsonNode order : newer) {
            assertThat(Instant.parse(order.get("updatedAt").asString())).isAfter(Instant.parse(pivot));
        }
        String createdPivot = all.get(100).get("createdAt").asString();
        JsonNode window = client.graphql(SHOP, credentials.accessToken(),
                "{ orders(first: 250, query: \"updated_at:>'" + all.get(200).get("updatedAt").asString() + "' AND created_at:<='" + createdPivot + "'\") { nodes { updatedAt createdAt } } }")
                .body().get("data").get("orders").get("nodes");
        assertThat(window.size()).isPositive();
        for (JsonNode order : window) {
            assertThat(Instant.parse(order.get("createdAt").asString())).isBeforeOrEqualTo(Instant.parse(createdPivot));
            assertThat(Instant.parse(order.get("updatedAt").asString())).isAfter(Instant.parse(all.get(200).get("updatedAt").asString()));
        }
    }

    @Test
    void orders_carry_money_bags_line_items_refunds_and_ids_beyond_two_to_the_53() {
        List<JsonNode> orders = new ArrayList<>();
        String after = null;
        for (int page = 0; page < 10; page++) {
            JsonNode connection = client.graphql(SHOP, credentials.accessToken(), """
                query($after: String) { orders(first: 10, after: $after, sortKey: CREATED_AT) { pageInfo { endCursor } nodes {
                    id name email createdAt updatedAt processedAt cancelledAt test currencyCode presentmentCurrencyCode displayFinancialStatus
                    totalPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
                    subtotalPriceSet { shopMoney { amount } } totalRefundedSet { shopMoney { amount } }
                    customer { id }
                    lineItems(first: 5) { nodes { id title quantity sku variant { id } product { id }
                        originalUnitPriceSet { shopMoney { amount } } discountedUnitPriceSet { shopMoney { amount } } } }
                    refunds { id createdAt totalRefundedSet { shopMoney { amount } } } } } }
                """, after == null ? Map.of() : Map.of("after", after)).body().get("data").get("orders");
            connection.get("nodes").forEach(orders::add);
            after = connection.get("pageInfo").get("endCursor").asString();
        }
        assertThat(orders).hasSize(100);
        boolean guest = false;
        boolean otherCurrency = false;
        for (JsonNode order : orders) {
            long id = Long.parseLong(order.get("id").asString().substring("gid://shopify/Order/".length()));
            assertThat(id).isGreaterThan(1L << 53);
            assertThat(order.get("totalPriceSet").get("shopMoney").get("amount").isString()).isTrue();
            assertThat(order.get("totalPriceSet").get("shopMoney").get("amount").asString()).matches("\\d+\\.\\d{1,2}");
            assertThat(order.get("createdAt").asString()).endsWith("Z");
            assertThat(order.get("lineItems").get("nodes").size()).isBetween(1, 4);
            guest |= order.get("customer").isNull();
            otherCurrency |= !order.get("presentmentCurrencyCode").asString().equals("USD");
        }
        assertThat(guest).isTrue();
        assertThat(otherCurrency).isTrue();
    }

    @Test
    void node_and_nodes_find_records_by_global_id() {
        StoreSummary summary = simulator.summary(SHOP, true);
        String order = "gid://shopify/Order/" + summary.orderIds().get(summary.orderIds().size() - 1);
        String customer = "gid://shopify/Customer/" + summary.customerIds().get(0);
        JsonNode data = client.graphql(SHOP, credentials.accessToken(),
                "query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Order { name } ... on Customer { email } } }",
                Map.of("ids", List.of(order, customer, "gid://shopify/Order/1"))).body().get("data").get("nodes");
        assertThat(data.get(0).get("id").asString()).isEqualTo(order);
        assertThat(data.get(0).get("name").asString()).startsWith("#");
        assertThat(data.get(1).get("email").asString()).contains("@");
        assertThat(data.get(2).isNull()).isTrue();
        JsonNode single = client.graphql(SHOP, credentials.accessToken(), "{ node(id: \"" + customer + "\") { __typename id } }").body();
        assertThat(single.get("data").get("node").get("__typename").asString()).isEqualTo("Customer");
    }

    @Test
    void orders_older_than_sixty_days_are_hidden_without_read_all_orders() {
        ShopCredentials limited = simulator.createShop(ShopSpec.of("limited.myshopify.com").withCounts(50, 10, 400, 10)
                .withScopes(Set.of("read_orders", "read_customers", "read_products")));
        JsonNode orders = client.graphql("limited.myshopify.com", limited.accessToken(),
                "{ orders(first: 250, sortKey: CREATED_AT) { nodes { createdAt } } }").body().get("data").get("orders").get("nodes");
        assertThat(orders.size()).isPositive().isLessThan(simulator.summary("limited.myshopify.com", false).orders());
        Instant limit = Instant.now().minusSeconds(60L * 86_400 + 60);
        for (JsonNode order : orders) {
            assertThat(Instant.parse(order.get("createdAt").asString())).isAfter(limit);
        }
    }

    @Test
    void pages_nested_line_items_with_cursors() {
        JsonNode order = client.graphql(SHOP, credentials.accessToken(),
                "{ orders(first: 50) { nodes { id lineItems(first: 5) { nodes { id } } } } }").body().get("data").get("orders").get("nodes")
                .valueStream().filter(node -> node.get("lineItems").get("nodes").size() >= 3).findFirst().orElseThrow();
        String query = "query($id: ID!, $after: String) { order(id: $id) { lineItems(first: 1, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } } }";
        List<String> ids = new ArrayList<>();
        String after = null;
        do {
            Map<String, Object> variables = new java.util.HashMap<>();
            variables.put("id", order.get("id").asString());
            variables.put("after", after);
            JsonNode page = client.graphql(SHOP, credentials.accessToken(), query, variables).body().get("data").get("order").get("lineItems");
            ids.add(page.get("edges").get(0).get("node").get("id").asString());
            after = page.get("pageInfo").get("hasNextPage").asBoolean() ? page.get("pageInfo").get("endCursor").asString() : null;
        } while (after != null);
        List<String> all = new ArrayList<>();
        order.get("lineItems").get("nodes").forEach(node -> all.add(node.get("id").asString()));
        assertThat(ids).isEqualTo(all);
    }

    @Test
    void rejects_pages_larger_than_250() {
        JsonNode body = client.graphql(SHOP, credentials.accessToken(), "{ customers(first: 251) { nodes { id } } }").body();
        assertThat(body.get("errors")).isNotNull();
    }
}
