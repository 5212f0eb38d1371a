package io.storefront.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.storefront.Api;
import io.storefront.IntegrationTest;
import io.storefront.catalog.CatalogFixtures;
import io.storefront.tenants.StoreId;
import io.storefront.web.FormSession;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Hostile or garbled values in every kind of input: a 400 problem naming the field, never a 500, nothing stored. */
class ClientInputTests extends IntegrationTest {

    static final String NUL = "%00";

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

    static void assertNamesField(Api.Response r, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        List<String> fields = StreamSupport.stream(r.json().path("errors").spliterator(), false)
                .map(e -> e.path("field").asString()).toList();
        assertThat(fields).as(r.body()).contains(field);
    }

    @Test
    void a_nul_byte_in_any_query_parameter_is_a_400_naming_it() {
        for (String parameter : List.of("q", "status", "sort", "cursor", "updatedSince", "customer")) {
            assertNamesField(api.get("/api/shopify/orders?" + parameter + "=a" + NUL + "b", user, store.value()), parameter);
        }
        assertNamesField(api.get("/api/insights/dashboard?compare=previous" + NUL, user, store.value()), "compare");
        assertNamesField(api.get("/api/shopify/webhooks/deliveries?status=FAILED" + NUL, user, store.value()), "status");
        assertNamesField(api.get("/api/shopify/install?shop=a" + NUL + ".myshopify.com", user, null), "shop");
    }

    @Test
    void a_nul_byte_in_a_json_string_is_a_400_naming_the_field_and_changes_nothing() {
        String email = "nul-" + UUID.randomUUID() + "@example.com";
        assertNamesField(api.post("/api/auth/register", null, null,
                Map.of("email", email, "password", "correct horse\u0000battery")), "password");
        assertNamesField(api.post("/api/auth/register", null, null,
                Map.of("email", "a\u0000" + email, "password", "correct horse battery")), "email");
        assertNamesField(api.post("/api/auth/login", null, null,
                Map.of("email", user.email(), "password", "correct horse\u0000battery")), "password");
        assertThat(jdbc.sql("select count(*) from users where email like ?").param("%" + email).query(Long.class).single()).isZero();

        assertNamesField(api.post("/api/tenant", user, null, Map.of("name", "Shop\u0000", "shopifyDomain",
                "nul-shop.myshopify.com", "shopifyToken", "shpat_x", "apiSecret", "secret")), "name");
        assertNamesField(api.send("PATCH", "/api/tenant/" + store.value(), user.token(), null,
                "{\"name\":\"Renamed\\u0000\"}"), "name");
        assertNamesField(api.post("/api/shopify/sync", user, store.value(), Map.of("mode", "full\u0000")), "mode");
        assertThat(jdbc.sql("select name from tenants where id = ?").param(store.value()).query(String.class).single())
                .isEqualTo("Test");
        assertThat(jdbc.sql("select count(*) from tenants where owner_id = ?").param(user.userId()).query(Long.class).single())
                .isOne();
        assertThat(jdbc.sql("select count(*) from sync_runs where tenant_id = ?").param(store.value()).query(Long.class).single())
                .isZero();
    }

    @Test
    void a_nul_byte_in_a_web_form_field_is_a_400_naming_it_and_changes_nothing() {
        String email = "form-" + UUID.randomUUID() + "@example.com";
        assertNamesField(FormSession.anonymous(api).post("/signup",
                Map.of("email", email + "\u0000", "password", "correct horse battery")), "email");
        assertThat(jdbc.sql("select count(*) from users where email like ?").param(email + "%").query(Long.class).single()).isZero();

        FormSession web = FormSession.signedIn(api, user);
        assertNamesField(web.post("/stores", Map.of("name", "Form\u0000shop", "shopifyDomain", "form-shop.myshopify.com",
                "method", "token", "shopifyToken", "shpat_x", "apiSecret", "secret")), "name");
        assertNamesField(web.get("/stores/" + store.value() + "/dashboard?range=custom&from=2026-01-01" + NUL), "from");
        assertThat(jdbc.sql("select count(*) from tenants where owner_id = ?").param(user.userId()).query(Long.class).single())
                .isOne();
    }

    @Test
    void dates_beyond_what_postgresql_and_the_shop_zone_hold_are_a_400_naming_the_parameter() {
        assertNamesField(api.get("/api/shopify/orders?updatedSince=%2B300000-01-01T00:00:00Z", user, store.value()), "updatedSince");
        assertNamesField(api.get("/api/shopify/customers?createdSince=-5000-01-01T00:00:00Z", user, store.value()), "createdSince");
        for (String endpoint : List.of("dashboard", "customers", "products", "abandoned-carts")) {
            assertNamesField(api.get("/api/insights/" + endpoint + "?startDate=%2B999999999-12-31", user, store.value()), "startDate");
            assertNamesField(api.get("/api/insights/" + endpoint + "?startDate=2026-01-01&endDate=%2B10000-01-01", user,
                    store.value()), "endDate");
        }
        FormSession web = FormSession.signedIn(api, user);
        assertNamesField(web.get("/stores/" + store.value() + "/dashboard?range=custom&from=%2B999999999-12-31&to=2026-01-01"), "from");
        assertNamesField(web.get("/stores/" + store.value() + "/dashboard/orders-by-date.csv?range=custom&to=-999999999-01-01"), "to");
    }

    @Test
    void the_first_and_last_supported_days_are_answered() {
        assertThat(api.get("/api/shopify/orders?updatedSince=1900-01-01T00:00:00Z", user, store.value()).status()).isEqualTo(200);
        assertThat(api.get("/api/shopify/orders?createdSince=9999-12-31", user, store.value()).status()).isEqualTo(200);
        Api.Response dashboard = api.get("/api/insights/dashboard?startDate=9999-12-01&endDate=9999-12-31&compare=previous",
                user, store.value());
        assertThat(dashboard.status()).as(dashboard.body()).isEqualTo(200);
        assertThat(api.get("/api/insights/abandoned-carts?startDate=1900-01-01&endDate=1900-01-31", user, store.value()).status())
                .isEqualTo(200);
        Api.Response web = FormSession.signedIn(api, user)
                .get("/stores/" + store.value() + "/dashboard?range=custom&from=9999-12-01&to=9999-12-31");
        assertThat(web.status()).isEqualTo(200);
    }

    @Test
    void a_forged_or_garbled_cursor_is_a_400_naming_the_cursor() {
        for (String position : List.of(Long.MAX_VALUE + ":1", Long.MIN_VALUE + ":1", "1:2:3", "1", "x:y", "")) {
            assertNamesField(api.get("/api/shopify/orders?cursor=" + base64(position), user, store.value()), "cursor");
        }
        assertNamesField(api.get("/api/shopify/orders?cursor=%25%25%25", user, store.value()), "cursor");
        for (String position : List.of("+300000-01-01T00:00:00Z~1", "-300000-01-01T00:00:00Z~1", "2026-01-01T00:00:00Z~x", "~")) {
            assertNamesField(api.get("/api/insights/abandoned-carts?cursor=" + base64(position), user, store.value()), "cursor");
        }
    }

    @Test
    void the_error_path_asked_for_directly_is_a_404_problem() {
        for (Api.Response r : List.of(api.get("/error", null, null), api.get("/error", user, null),
                FormSession.signedIn(api, user).get("/error"), api.send("POST", "/error", null, null, "{}"))) {
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        }
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
