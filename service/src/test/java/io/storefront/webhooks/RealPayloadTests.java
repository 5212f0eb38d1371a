package io.storefront.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.storefront.Api;
import dev.storefront.simulator.Activity;
import dev.storefront.simulator.ShopSpec;
import dev.storefront.simulator.webhooks.HeaderNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Deliveries in the shapes Shopify really sends, and the ones that can never be applied. */
class RealPayloadTests extends WebhookIntegrationTest {

    @Autowired
    MeterRegistry meters;

    /**
     * orders/create bodies captured from a real development store (ryanpwaldon/bag-server, commit de34d745,
     * records/test-transaction-{USD,AUD}.js, as in fixtures/real-orders-create-*.json): an AUD shop whose buyer
     * paid 45.85 USD, and one paying in AUD. Every figure read must come out exactly, in shop money.
     */
    @Test
    void real_orders_captured_from_a_development_store_apply_exactly_in_shop_money() {
        Store store = connectStore();
        deliver(store, "orders/create", fixture("real-orders-create-USD"));
        deliver(store, "orders/create", fixture("real-orders-create-AUD"));
        awaitApplied(store);

        assertThat(status(store)).containsOnly("APPLIED");
        JsonNode usd = api().get("/api/shopify/orders/2998548365461", store.owner(), store.tenantId()).json();
        assertThat(usd.path("order").path("currency").asString()).isEqualTo("AUD");
        assertThat(usd.path("order").path("totalPrice").asString()).isEqualTo("60.33");
        assertThat(usd.path("order").path("presentmentCurrency").asString()).isEqualTo("USD");
        assertThat(usd.path("order").path("presentmentTotalPrice").asString()).isEqualTo("45.85");
        assertThat(usd.path("order").path("subtotalPrice").asString()).isEqualTo("45.62");
        assertThat(usd.path("order").path("totalTax").asString()).isEqualTo("4.56");
        assertThat(usd.path("order").path("totalRefunded").asString()).isEqualTo("0.00");
        assertThat(usd.path("order").path("customerId").asString()).isEqualTo("4206822293653");
        assertThat(usd.path("order").path("processedAt").asString()).isEqualTo("2020-12-26T21:18:45Z");
        assertThat(usd.path("order").path("test").asBoolean()).isTrue();
        assertThat(usd.path("lineItems").get(0).path("id").asString()).isEqualTo("6456910643349");
        assertThat(usd.path("lineItems").get(0).path("variantId").asString()).isEqualTo("37319198802069");
        assertThat(usd.path("lineItems").get(0).path("price").asString()).isEqualTo("45.62");
        JsonNode aud = api().get("/api/shopify/orders/2998557704341", store.owner(), store.tenantId()).json();
        assertThat(aud.path("order").path("totalPrice").asString()).isEqualTo("59.45");
        assertThat(aud.path("order").path("presentmentTotalPrice").asString()).isEqualTo("59.45");
    }

    // --- checkouts keyed the way Shopify keys them ---------------------------------------------------------------

    @Test
    void a_checkout_without_an_id_as_in_the_2026_07_sample_is_applied_under_the_id_its_name_carries() {
        Store store = connectStore();
        // Shopify's 2026-07 checkouts/create sample has no "id"; its name is "#" + the checkout's id
        ObjectNode body = json(fixture("checkouts-create"));
        body.remove("id");
        assertThat(body.path("name").asString()).isEqualTo("#981820079255243537");

        deliver(store, "checkouts/create", bytes(body));
        awaitApplied(store);

        assertThat(status(store)).containsOnly("APPLIED");
        assertThat(jdbc.sql("select token from checkouts where tenant_id = ? and shopify_id = 981820079255243537")
                .param(store.tenantId()).query(String.class).single()).isEqualTo("f00dfeedbeef");
    }

    @Test
    void a_checkout_known_by_its_token_alone_and_the_synced_abandoned_checkout_are_one_record_whichever_comes_first() {
        Store store = connectStore(ShopSpec.of(newDomain()).withCounts(0, 1, 0, 1));
        long id = jdbc.sql("select shopify_id from checkouts where tenant_id = ?").param(store.tenantId())
                .query(Long.class).single();
        String token = jdbc.sql("select token from checkouts where tenant_id = ?").param(store.tenantId())
                .query(String.class).single();
        assertThat(token).as("the token read from the synced recovery URL").isNotBlank();

        // synced first, then a token-only update: it lands on the synced row
        deliver(store, "checkouts/update", bytes(tokenOnlyCheckout(token, "later@example.com", Instant.now())));
        awaitApplied(store);
        assertThat(checkouts(store)).containsExactly(Map.entry(id, "later@example.com"));

        // delivered first (its row keyed by the token), then synced: the synced row replaces it
        jdbc.sql("delete from checkouts where tenant_id = ?").param(store.tenantId()).update();
        deliver(store, "checkouts/create", bytes(tokenOnlyCheckout(token, "early@example.com",
                Instant.now().plus(1, ChronoUnit.DAYS))));
        awaitApplied(store);
        assertThat(checkouts(store)).hasSize(1).allSatisfy((key, email) -> assertThat(key).isNegative());
        fullSync(store);
        assertThat(checkouts(store).keySet()).containsExactly(id);
    }

    @Test
    void checkout_line_items_carry_ids_and_money_as_strings_in_every_response() {
        Store store = connectStore(ShopSpec.of(newDomain()).withCounts(0, 1, 0, 1));
        deliver(store, "checkouts/create", fixture("checkouts-create"));
        awaitApplied(store);

        JsonNode one = api().get("/api/shopify/checkouts/30112233445566", store.owner(), store.tenantId()).json();
        assertThat(one.path("lineItems").get(0).path("variantId").isString()).isTrue();
        assertThat(one.path("lineItems").get(0).path("variantId").asString()).isEqualTo("44123456700001");
        assertThat(one.path("lineItems").get(0).path("price").isString()).isTrue();
        assertThat(one.path("lineItems").get(0).path("price").asString()).isEqualTo("42.00");

        JsonNode listed = api().get("/api/shopify/checkouts?limit=10", store.owner(), store.tenantId()).json().path("items");
        JsonNode carts = api().get("/api/insights/abandoned-carts?startDate=2025-01-01&endDate=2026-12-31",
                store.owner(), store.tenantId()).json().path("checkouts");
        assertThat(listed.size()).as("one synced by GraphQL, one delivered by webhook").isEqualTo(2);
        assertThat(carts.size()).isEqualTo(2);
        for (JsonNode checkout : List.of(listed.get(0), listed.get(1), carts.get(0), carts.get(1))) {
            assertThat(checkout.path("lineItems").isEmpty()).isFalse();
            checkout.path("lineItems").forEach(item -> {
                assertThat(item.path("variantId").isString()).as("variantId of %s", item).isTrue();
                assertThat(item.path("variantId").asString()).matches("[1-9][0-9]*");
                assertThat(item.path("price").isString()).as("price of %s", item).isTrue();
                assertThat(item.path("price").asString()).matches("[0-9]+\\.[0-9]{2,}");
            });
        }
    }

    @Test
    void v41_rewrites_line_items_stored_before_with_json_numbers() throws IOException {
        Store store = connectStore();
        jdbc.sql("""
                insert into checkouts (tenant_id, shopify_id, created_at, updated_at, line_items)
                values (?, 450789469, now(), now(), ?::jsonb)""").params(store.tenantId(), """
                [{"title":"IPod Nano - 8GB","quantity":1,"variantId":808950810,"price":199.0},
                 {"title":"Custom","quantity":2,"variantId":null,"price":"5.50"}]""").update();
        String migration = new String(getClass().getResourceAsStream("/db/migration/V41__checkout_tokens.sql")
                .readAllBytes(), StandardCharsets.UTF_8);

        jdbc.sql(migration.substring(migration.indexOf("update checkouts"))).update();

        JsonNode items = api().get("/api/shopify/checkouts/450789469", store.owner(), store.tenantId()).json()
                .path("lineItems");
        assertThat(items.get(0).path("variantId").isString()).isTrue();
        assertThat(items.get(0).path("variantId").asString()).isEqualTo("808950810");
        assertThat(items.get(0).path("price").asString()).isEqualTo("199.00");
        assertThat(items.get(0).path("price").isString()).isTrue();
        assertThat(items.get(1).path("variantId").isNull()).isTrue();
        assertThat(items.get(1).path("price").asString()).isEqualTo("5.50");
    }

    // --- deliveries that can never be applied ----------------------------------------------------------------------

    @Test
    void a_delivery_that_can_never_parse_is_failed_at_once_with_its_reason() {
        Store store = connectStore();
        deliver(store, "orders/create", "this is not JSON".getBytes(StandardCharsets.UTF_8));
        deliver(store, "checkouts/create", "{\"email\": \"no-key@example.com\"}".getBytes(StandardCharsets.UTF_8));
        deliver(store, "orders/create", "{\"id\": 1, \"not\": \"an order\"}".getBytes(StandardCharsets.UTF_8));
        deliver(store, "products/create", "[1, 2, 3]".getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(20)).until(() -> count(
                "select count(*) from webhook_deliveries where tenant_id = ? and status = 'FAILED'", store.tenantId()) == 4);

        JsonNode failed = api().get("/api/shopify/webhooks/deliveries?status=FAILED", store.owner(), store.tenantId())
                .json().path("deliveries");
        assertThat(failed.size()).isEqualTo(4);
        failed.forEach(delivery -> assertThat(delivery.path("attempts").asInt()).isEqualTo(1));
        assertThat(failed.findValuesAsString("lastError")).anySatisfy(e -> assertThat(e).contains("JSON"))
                .anySatisfy(e -> assertThat(e).contains("no id, name or token"))
                .anySatisfy(e -> assertThat(e).contains("created_at"))
                .anySatisfy(e -> assertThat(e).contains("not a JSON object"))
                .allSatisfy(e -> assertThat(e).as("no payload text in the reason").doesNotContain("this"));
    }

    @Test
    void a_topic_the_service_does_not_consume_is_kept_as_failed_and_counted_under_other() {
        Store store = connectStore();
        String invented = "invented/" + UUID.randomUUID();
        double before = received("other");

        deliver(store, "inventory_levels/update", "{}".getBytes(StandardCharsets.UTF_8));
        deliver(store, invented, "{}".getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(20)).until(() -> count(
                "select count(*) from webhook_deliveries where tenant_id = ? and status = 'FAILED' and attempts = 1",
                store.tenantId()) == 2);

        assertThat(received("other") - before).isEqualTo(2);
        assertThat(meters.find("storefront.webhooks.received").tag("topic", invented).counter()).isNull();
        assertThat(meters.find("storefront.webhooks.received").tag("topic", "inventory_levels/update").counter()).isNull();
        assertThat(api().get("/api/shopify/webhooks/deliveries?status=FAILED", store.owner(), store.tenantId()).json()
                .path("deliveries").findValuesAsString("lastError"))
                .allSatisfy(error -> assertThat(error).contains("not one this service consumes"));
    }

    // --- headers, and a store that is gone -------------------------------------------------------------------------

    @Test
    void accepts_shopifys_header_names_without_x() {
        Store store = connectStore();
        byte[] body = fixture("orders-create");
        String hmac = WebhookSignature.signBase64(store.secret().getBytes(StandardCharsets.UTF_8), body);

        HttpResponse<String> answer = post(store.intakeUrl(), body, Map.of("Shopify-Topic", "orders/create",
                "Shopify-Hmac-Sha256", hmac, "Shopify-Shop-Domain", store.domain(), "Shopify-Webhook-Id", "unprefixed-1",
                "Shopify-Api-Version", "2026-07", "Shopify-Event-Id", "event-1",
                "Shopify-Triggered-At", "2026-11-20T10:00:00Z"));
        awaitApplied(store);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(count("select count(*) from orders where tenant_id = ? and shopify_id = 5829364019283", store.tenantId()))
                .isEqualTo(1);
        assertThat(count("""
                select count(*) from webhook_deliveries where tenant_id = ? and webhook_id = 'unprefixed-1'
                   and api_version = '2026-07' and event_id = 'event-1' and triggered_at = '2026-11-20T10:00:00Z'""",
                store.tenantId())).isEqualTo(1);
    }

    @Test
    void an_event_delivery_without_a_webhook_id_is_kept_once_by_its_event_id_and_topic() {
        Store store = connectStore();
        byte[] body = fixture("products-create");
        String hmac = WebhookSignature.signBase64(store.secret().getBytes(StandardCharsets.UTF_8), body);
        // the header set of Shopify's event deliveries, as shopify-api-js reads them (WEBHOOK_HEADER_NAMES.events)
        Map<String, String> headers = Map.of("shopify-topic", "products/create", "shopify-hmac-sha256", hmac,
                "shopify-shop-domain", store.domain(), "shopify-api-version", "2026-07",
                "shopify-event-id", "event-7", "shopify-triggered-at", "2026-11-20T10:00:00Z");

        assertThat(post(store.intakeUrl(), body, headers).statusCode()).isEqualTo(200);
        assertThat(post(store.intakeUrl(), body, headers).statusCode()).isEqualTo(200);
        awaitApplied(store);

        assertThat(inboxRows(store)).isEqualTo(1);
        assertThat(status(store)).containsExactly("APPLIED");
        assertThat(count("select count(*) from products where tenant_id = ? and shopify_id = 8123456700001", store.tenantId()))
                .isEqualTo(1);
    }

    @Test
    void applies_what_the_simulator_sends_with_header_names_without_x() {
        Store store = connectStore();
        awaitSubscribed(store);
        SIMULATOR.webhookHeaders(store.domain(), HeaderNames.SHOPIFY);

        SIMULATOR.activity(store.domain(), Activity.newOrders(3));

        await().atMost(Duration.ofSeconds(20)).until(() ->
                count("select count(*) from orders where tenant_id = ?", store.tenantId()) == 3);
    }

    @Test
    void a_signed_delivery_for_a_store_deleted_a_moment_ago_is_refused_and_nothing_is_stored() {
        Store store = connectStore();
        assertThat(deliver(store, "products/create", fixture("products-create")).statusCode()).isEqualTo(200);
        awaitApplied(store);

        assertThat(api().send("DELETE", "/api/tenant/" + store.tenantId(), store.owner().token(), null, null).status())
                .isEqualTo(204);
        HttpResponse<String> late = deliver(store, "products/create", fixture("products-create"));

        assertThat(late.statusCode()).isEqualTo(401);
        assertThat(inboxRows(store)).isZero();
        assertThat(count("select count(*) from products where tenant_id = ?", store.tenantId())).isZero();
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private static ObjectNode tokenOnlyCheckout(String token, String email, Instant updatedAt) {
        ObjectNode body = json(fixture("checkouts-create"));
        body.remove("id");
        body.remove("name");
        body.put("token", token);
        body.put("email", email);
        body.put("updated_at", updatedAt.truncatedTo(ChronoUnit.SECONDS).toString());
        return body;
    }

    private Map<Long, String> checkouts(Store store) {
        Map<Long, String> checkouts = new java.util.HashMap<>();
        jdbc.sql("select shopify_id, coalesce(email, '(none)') from checkouts where tenant_id = ?").param(store.tenantId())
                .query(rs -> {
                    checkouts.put(rs.getLong(1), rs.getString(2));
                });
        return checkouts;
    }

    private List<String> status(Store store) {
        return jdbc.sql("select status from webhook_deliveries where tenant_id = ?").param(store.tenantId())
                .query(String.class).list();
    }

    private void fullSync(Store store) {
        Api.Response started = api().post("/api/shopify/sync", store.owner(), store.tenantId(), Map.of("mode", "full"));
        assertThat(started.status()).isEqualTo(202);
        String run = started.json().path("syncRunId").asString();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> api()
                .get("/api/shopify/sync/" + run, store.owner(), store.tenantId()).json().path("status").asString()
                .equals("SUCCEEDED"));
    }

    private double received(String topic) {
        Counter counter = meters.find("storefront.webhooks.received").tag("topic", topic).counter();
        return counter == null ? 0 : counter.count();
    }

    static ObjectNode json(byte[] body) {
        return (ObjectNode) RestPayloads.JSON.readTree(body);
    }

    static byte[] bytes(JsonNode body) {
        return RestPayloads.JSON.writeValueAsBytes(body);
    }

    private static HttpResponse<String> post(String url, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
