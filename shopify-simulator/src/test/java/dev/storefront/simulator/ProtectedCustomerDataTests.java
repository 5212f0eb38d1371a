package dev.storefront.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A shop whose app Shopify has not approved for protected customer data. */
class ProtectedCustomerDataTests {

    static ShopifySimulator simulator;
    static ShopCredentials shop;
    static SimulatorHttpClient client;

    @BeforeAll
    static void start() {
        simulator = ShopifySimulator.start(0);
        shop = simulator.createShop(ShopSpec.of("unapproved.myshopify.com").withCounts(30, 5, 100, 5).withCustomerDataApproved(false));
        client = new SimulatorHttpClient(simulator.baseUrl());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void names_emails_and_phones_come_back_null() {
        JsonNode customer = client.graphql(shop.domain(), shop.accessToken(), "{ customers(first: 1) { nodes { id email firstName lastName"
                + " phone defaultEmailAddress { emailAddress } defaultPhoneNumber { phoneNumber } numberOfOrders } } }")
                .body().get("data").get("customers").get("nodes").get(0);
        for (String field : new String[] {"email", "firstName", "lastName", "phone", "defaultEmailAddress", "defaultPhoneNumber"}) {
            assertThat(customer.get(field).isNull()).as(field).isTrue();
        }
        assertThat(customer.get("id").asString()).startsWith("gid://shopify/Customer/");
        assertThat(client.graphql(shop.domain(), shop.accessToken(), "{ orders(first: 5) { nodes { email } } }").body()
                .get("data").get("orders").get("nodes")).allMatch(order -> order.get("email").isNull());
    }

    @Test
    void a_bulk_query_selecting_them_fails_access_denied_and_one_without_them_completes() throws InterruptedException {
        assertThat(bulk("{ orders { edges { node { id customer { id email } } } } }").get("errorCode").asString()).isEqualTo("ACCESS_DENIED");
        JsonNode without = bulk("{ customers { edges { node { id numberOfOrders } } } }");
        assertThat(without.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(without.get("objectCount").asString()).isEqualTo("30");
    }

    private JsonNode bulk(String query) throws InterruptedException {
        String id = client.graphql(shop.domain(), shop.accessToken(),
                "mutation($q: String!) { bulkOperationRunQuery(query: $q) { bulkOperation { id } userErrors { message } } }", Map.of("q", query))
                .body().get("data").get("bulkOperationRunQuery").get("bulkOperation").get("id").asString();
        for (int i = 0; i < 400; i++) {
            JsonNode operation = client.graphql(shop.domain(), shop.accessToken(),
                    "query($id: ID!) { node(id: $id) { ... on BulkOperation { status errorCode objectCount } } }", Map.of("id", id))
                    .body().get("data").get("node");
            if (!operation.get("status").asString().equals("CREATED") && !operation.get("status").asString().equals("RUNNING")) {
                return operation;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("bulk operation " + id + " did not finish");
    }
}
