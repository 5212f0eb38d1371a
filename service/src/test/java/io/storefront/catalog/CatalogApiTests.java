package io.storefront.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.storefront.Api;
import io.storefront.IntegrationTest;
import io.storefront.tenants.StoreId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class CatalogApiTests extends IntegrationTest {

    static final long BIG_ID = 9_007_199_254_740_993L; // 2^53 + 1: a double would make it ...992

    @Autowired CatalogWriter writer;
    @Autowired JdbcClient jdbc;

    Api api;
    Api.Session user;
    StoreId store;

    @BeforeEach
    void store() {
        api = api();
        user = api.newUser();
        store = CatalogFixtures.newStore(jdbc, user.userId());
    }

    @Test
    void returns_an_order_with_its_line_items_and_refunds_with_exact_ids_and_money() {
        writer.upsertOrders(store, List.of(new OrderRecord(BIG_ID, "#1001", "ann@example.com", BIG_ID + 2,
                Instant.parse("2025-11-01T10:00:00Z"), Instant.parse("2025-11-01T11:00:00Z"), Instant.parse("2025-11-01T10:00:00Z"),
                null, false, "PARTIALLY_REFUNDED", "EUR", "USD", new BigDecimal("145.0"), new BigDecimal("140"), BigDecimal.ZERO,
                new BigDecimal("5.00"), new BigDecimal("10.5"), new BigDecimal("160.12"),
                List.of(new LineItemRecord(BIG_ID + 1, 7L, 8L, "Hat", "HAT", 2, new BigDecimal("70"), new BigDecimal("70.00"))),
                List.of(new RefundRecord(BIG_ID + 3, Instant.parse("2025-11-02T10:00:00Z"), new BigDecimal("10.5"))))));

        Api.Response response = api.get("/api/shopify/orders/" + BIG_ID, user, store.value());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("\"id\":\"9007199254740993\"", "\"customerId\":\"9007199254740995\"",
                "\"totalPrice\":\"145.00\"", "\"totalRefunded\":\"10.50\"");
        JsonNode json = response.json();
        assertThat(json.path("lineItems").get(0).path("id").asString()).isEqualTo("9007199254740994");
        assertThat(json.path("lineItems").get(0).path("price").asString()).isEqualTo("70.00");
        assertThat(json.path("refunds").get(0).path("amount").asString()).isEqualTo("10.50");
    }

    @Test
    void pages_through_every_customer_once_with_the_opaque_cursor() {
        List<CustomerRecord> customers = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            customers.add(new CustomerRecord(i, "c" + i + "@example.com", "C", "" + i, null, "ENABLED", "", 0, BigDecimal.ZERO,
                    "EUR", Instant.parse("2025-11-01T10:00:00Z"), Instant.parse("2025-11-01T10:00:00Z"))); // same updated_at
        }
        writer.upsertCustomers(store, customers);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Api.Response page = api.get("/api/shopify/customers?limit=3" + (cursor == null ? "" : "&cursor=" + cursor), user, store.value());
            assertThat(page.status()).isEqualTo(200);
            page.json().path("items").forEach(item -> seen.add(item.path("id").asString()));
            JsonNode next = page.json().path("nextCursor");
            cursor = next.isNull() ? null : next.asString();
        } while (cursor != null);

        assertThat(seen).containsExactlyInAnyOrder("1", "2", "3", "4", "5", "6", "7");
    }

    @Test
    void filters_orders_by_customer_status_and_text() {
        Instant t = Instant.parse("2025-11-01T10:00:00Z");
        writer.upsertOrders(store, List.of(
                new OrderRecord(1, "#1", "ann@example.com", 5L, t, t, t, null, false, "PAID", "EUR", "EUR", BigDecimal.TEN,
                        null, null, null, null, null, List.of(), List.of()),
                new OrderRecord(2, "#2", "bob@example.com", 6L, t, t, t, null, false, "REFUNDED", "EUR", "EUR", BigDecimal.TEN,
                        null, null, null, null, null, List.of(), List.of())));

        assertThat(ids(api.get("/api/shopify/orders?customer=5", user, store.value()))).containsExactly("1");
        assertThat(ids(api.get("/api/shopify/orders?status=refunded", user, store.value()))).containsExactly("2");
        assertThat(ids(api.get("/api/shopify/orders?q=ann", user, store.value()))).containsExactly("1");
    }

    @Test
    void answers_404_for_an_unknown_resource_and_400_for_bad_parameters() {
        Api.Response unknown = api.get("/api/shopify/widgets", user, store.value());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).contains("application/problem+json");

        assertThat(api.get("/api/shopify/orders?limit=251", user, store.value()).status()).isEqualTo(400);
        assertThat(api.get("/api/shopify/orders?updatedSince=yesterday", user, store.value()).status()).isEqualTo(400);
        assertThat(api.get("/api/shopify/orders?cursor=bogus", user, store.value()).status()).isEqualTo(400);
        assertThat(api.get("/api/shopify/orders?sort=price", user, store.value()).status()).isEqualTo(400);
        assertThat(api.get("/api/shopify/orders/abc", user, store.value()).status()).isEqualTo(400);
        assertThat(api.get("/api/shopify/orders/42", user, store.value()).status()).isEqualTo(404);
    }

    @Test
    void never_shows_another_users_store() {
        writer.upsertOrders(store, List.of(new OrderRecord(1, "#1", null, null, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH,
                null, false, "PAID", "EUR", null, BigDecimal.ONE, null, null, null, null, null, List.of(), List.of())));
        Api.Session stranger = api.newUser();

        assertThat(api.get("/api/shopify/orders", stranger, store.value()).status()).isEqualTo(404);
        assertThat(api.get("/api/shopify/orders/1", stranger, store.value()).status()).isEqualTo(404);
    }

    private static List<String> ids(Api.Response response) {
        assertThat(response.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().path("items").forEach(item -> ids.add(item.path("id").asString()));
        return ids;
    }
}
