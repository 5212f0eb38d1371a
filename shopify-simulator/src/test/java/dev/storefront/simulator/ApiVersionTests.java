package dev.storefront.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Each request path's version gets that version's contract, as on Shopify. */
class ApiVersionTests {

    static ShopifySimulator simulator;
    static ShopCredentials shop;
    static SimulatorHttpClient client;

    @BeforeAll
    static void start() {
        simulator = ShopifySimulator.start(0);
        shop = simulator.createShop(ShopSpec.of("versions.myshopify.com").withCounts(30, 5, 200, 5).withSeed(5));
        client = new SimulatorHttpClient(simulator.baseUrl());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private JsonNode graphql(String version, String query) {
        return client.graphql(version, shop.domain(), shop.accessToken(), query, Map.of()).body();
    }

    @Test
    void bulk_operation_by_id_and_the_bulk_operations_list_exist_from_2026_01_only() {
        String id = graphql("2026-01", "mutation { bulkOperationRunQuery(query: \"{ customers { edges { node { id } } } }\") { bulkOperation { id } userErrors { code } } }")
                .get("data").get("bulkOperationRunQuery").get("bulkOperation").get("id").asString();

        JsonNode old = graphql("2025-10", "{ bulkOperation(id: \"" + id + "\") { id } }");
        assertThat(old.has("data")).isFalse();
        assertThat(old.get("errors").get(0).get("message").asString()).contains("bulkOperation");

        assertThat(graphql("2026-01", "{ bulkOperation(id: \"" + id + "\") { id } }").get("data").get("bulkOperation").get("id").asString())
                .isEqualTo(id);
        assertThat(graphql("2026-01", "{ bulkOperations(first: 5, query: \"operation_type:query\") { nodes { id } } }")
                .get("data").get("bulkOperations").get("nodes").get(0).get("id").asString()).isEqualTo(id);
        assertThat(graphql("2025-10", "{ bulkOperations(first: 5) { nodes { id } } }").has("data")).isFalse();
    }

    @Test
    void abandoned_checkout_by_id_is_not_served_because_shopify_has_no_such_field() {
        assertThat(graphql("2025-10", "{ abandonedCheckout(id: \"gid://shopify/AbandonedCheckout/1\") { id } }").get("errors")).isNotEmpty();
    }

    @Test
    void a_second_bulk_query_is_refused_with_the_operation_in_progress_code() {
        ShopCredentials busy = simulator.createShop(ShopSpec.of("busy-versions.myshopify.com").withCounts(200, 20, 20_000, 10));
        String mutation = "mutation($q: String!) { bulkOperationRunQuery(query: $q) { bulkOperation { id } userErrors { field message code } } }";
        Map<String, Object> variables = Map.of("q", "{ orders { edges { node { id lineItems { edges { node { id } } } } } } }");
        client.graphql(busy.domain(), busy.accessToken(), mutation, variables);
        JsonNode second = client.graphql(busy.domain(), busy.accessToken(), mutation, variables).body().get("data").get("bulkOperationRunQuery");
        assertThat(second.get("userErrors").get(0).get("code").asString()).isEqualTo("OPERATION_IN_PROGRESS");
    }

    @Test
    void customers_answer_the_replacements_of_their_deprecated_email_and_phone() {
        JsonNode customer = graphql("2025-10", "{ customers(first: 1) { nodes { email phone defaultEmailAddress { emailAddress } defaultPhoneNumber { phoneNumber } } } }")
                .get("data").get("customers").get("nodes").get(0);
        assertThat(customer.get("defaultEmailAddress").get("emailAddress").asString()).isEqualTo(customer.get("email").asString());
        assertThat(customer.get("defaultPhoneNumber").isNull()).isEqualTo(customer.get("phone").isNull());
        assertThat(graphql("2026-01", "{ shop { plan { publicDisplayName } } }").get("data").get("shop").get("plan")
                .get("publicDisplayName").asString()).isEqualTo("Shopify");
    }

    @Test
    void records_every_document_a_shop_was_sent_with_its_version() {
        graphql("2026-01", "{ shop { name } }");
        assertThat(simulator.documentsReceived(shop.domain()))
                .anyMatch(received -> received.version().equals("2026-01") && received.document().equals("{ shop { name } }"));
    }
}
