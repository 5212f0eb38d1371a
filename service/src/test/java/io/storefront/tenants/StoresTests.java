package io.storefront.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import io.storefront.Api;
import io.storefront.IntegrationTest;
import dev.storefront.simulator.ShopCredentials;
import dev.storefront.simulator.ShopSpec;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class StoresTests extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    private static String domain() {
        return "shop-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
    }

    /** A simulated shop: connecting verifies the token against it. */
    private static ShopCredentials shop() {
        return SIMULATOR.createShop(ShopSpec.of(domain()).withCounts(0, 1, 0, 0));
    }

    private UUID connect(Api.Session user) {
        ShopCredentials shop = shop();
        return api().connectStore(user, shop.domain(), shop.accessToken(), shop.apiSecret());
    }

    @Test
    void connects_a_store_with_credentials_encrypted_and_never_returned() {
        Api.Session user = api().newUser();
        ShopCredentials shop = shop();
        String domain = shop.domain();
        Api.Response r = api().post("/api/tenant", user, null, Map.of("name", "Acme", "shopifyDomain", domain.toUpperCase(),
                "shopifyToken", shop.accessToken(), "apiSecret", "app-secret-5678"));

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("shopifyDomain").asString()).isEqualTo(domain);
        assertThat(r.json().get("connectionType").asString()).isEqualTo("ADMIN_TOKEN");
        assertThat(r.body()).doesNotContain(shop.accessToken()).doesNotContain("app-secret-5678");
        byte[] stored = jdbc.sql("select access_token_enc from tenants where shop_domain = ?").param(domain)
                .query(byte[].class).single();
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(shop.accessToken());

        Api.Response list = api().get("/api/tenant", user, null);
        assertThat(list.json()).hasSize(1);
        assertThat(list.body()).doesNotContain(shop.accessToken()).doesNotContain("app-secret");
    }

    @Test
    void validates_the_domain_and_refuses_a_shop_its_owner_connected_already() {
        Api.Session user = api().newUser();
        Api.Response bad = api().post("/api/tenant", user, null, Map.of("name", "Acme", "shopifyDomain", "acme.example.com",
                "shopifyToken", "shpat_x", "apiSecret", "s"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).get("field").asString()).isEqualTo("shopifyDomain");

        Api.Response noSecret = api().post("/api/tenant", user, null, Map.of("name", "Acme", "shopifyDomain", domain(),
                "shopifyToken", "shpat_x"));
        assertThat(noSecret.status()).isEqualTo(400);
        assertThat(noSecret.json().get("errors").get(0).get("field").asString()).isEqualTo("apiSecret");

        ShopCredentials shop = shop();
        api().connectStore(user, shop.domain(), shop.accessToken(), shop.apiSecret());
        Api.Response twice = api().post("/api/tenant", user, null, Map.of("name", "Mine", "shopifyDomain", shop.domain(),
                "shopifyToken", shop.accessToken(), "apiSecret", shop.apiSecret()));
        assertThat(twice.status()).isEqualTo(409);
    }

    @Test
    void one_user_can_never_see_change_or_delete_another_users_store() {
        Api.Session alice = api().newUser();
        Api.Session bob = api().newUser();
        UUID store = connect(alice);

        assertThat(api().get("/api/tenant", bob, null).json()).isEmpty();
        assertThat(api().get("/api/tenant/" + store, bob, null).status()).isEqualTo(404);
        assertThat(api().send("PATCH", "/api/tenant/" + store, bob.token(), null, "{\"name\":\"mine now\"}").status()).isEqualTo(404);
        assertThat(api().send("DELETE", "/api/tenant/" + store, bob.token(), null, null).status()).isEqualTo(404);

        Api.Response mine = api().get("/api/tenant/" + store, alice, null);
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json().get("name").asString()).isNotEqualTo("mine now");
    }

    @Test
    void renames_and_deletes_a_store_with_all_of_its_data() {
        Api.Session user = api().newUser();
        UUID store = connect(user);
        UUID other = connect(api().newUser());
        for (UUID tenant : List.of(store, other)) {
            catalogRows(tenant);
        }

        Api.Response renamed = api().send("PATCH", "/api/tenant/" + store, user.token(), null, "{\"name\":\"Renamed\"}");
        assertThat(renamed.json().get("name").asString()).isEqualTo("Renamed");

        assertThat(api().send("DELETE", "/api/tenant/" + store, user.token(), null, null).status()).isEqualTo(204);
        for (String table : STORE_TABLES) {
            // the catalog and rollup tables have no foreign key to tenants: the deletion trigger (R__store_deletion.sql) removes them
            assertThat(rows(table, store)).as(table).isZero();
            assertThat(rows(table, other)).as(table).isPositive();
        }
        assertThat(api().get("/api/tenant/" + store, user, null).status()).isEqualTo(404);
    }

    private static final List<String> STORE_TABLES = List.of("customers", "products", "product_variants", "orders",
            "order_items", "refunds", "checkouts", "insights_sales_days", "insights_product_days",
            "insights_product_months", "insights_product_periods", "insights_customer_days", "insights_first_orders");

    /** A customer, a product with a variant, an order of it with a refund, a checkout; the triggers add rollups. */
    private void catalogRows(UUID tenant) {
        jdbc.sql("insert into customers (tenant_id, shopify_id, email, updated_at) values (?, 1, 'c@example.com', now())")
                .param(tenant).update();
        jdbc.sql("insert into products (tenant_id, shopify_id, title, updated_at) values (?, 2, 'Mug', now())")
                .param(tenant).update();
        jdbc.sql("insert into product_variants (tenant_id, shopify_id, product_id, price) values (?, 3, 2, 12.00)")
                .param(tenant).update();
        jdbc.sql("""
                insert into orders (tenant_id, shopify_id, customer_id, created_at, updated_at, processed_at, currency,
                                    total_price)
                values (?, 4, 1, now(), now(), now(), 'EUR', 24.00)""").param(tenant).update();
        jdbc.sql("""
                insert into order_items (tenant_id, shopify_id, order_id, product_id, title, quantity, price)
                values (?, 5, 4, 2, 'Mug', 2, 12.00)""").param(tenant).update();
        jdbc.sql("insert into refunds (tenant_id, shopify_id, order_id, created_at, amount) values (?, 6, 4, now(), 12.00)")
                .param(tenant).update();
        jdbc.sql("insert into checkouts (tenant_id, shopify_id, created_at, updated_at) values (?, 7, now(), now())")
                .param(tenant).update();
    }

    private long rows(String table, UUID tenant) {
        return jdbc.sql("select count(*) from " + table + " where tenant_id = ?").param(tenant).query(Long.class).single();
    }
}
