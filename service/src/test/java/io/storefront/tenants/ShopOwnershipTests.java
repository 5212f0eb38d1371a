package io.storefront.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import io.storefront.Api;
import io.storefront.IntegrationTest;
import io.storefront.WebSession;
import dev.storefront.simulator.ShopCredentials;
import dev.storefront.simulator.ShopSpec;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Who may hold a shop: credentials Shopify accepts for it, never a claim alone (docs/store-ownership.md). */
class ShopOwnershipTests extends IntegrationTest {

    private static final String PASSWORD = "correct horse battery staple";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Tenants tenants;

    @Autowired
    StoreCredentials credentials;

    private static ShopCredentials newShop(String prefix) {
        return SIMULATOR.createShop(ShopSpec.of(prefix + "-" + UUID.randomUUID().toString().substring(0, 8)
                + ".myshopify.com").withCounts(0, 1, 0, 0));
    }

    private Api.Response connect(Api.Session user, String domain, String token, String secret) {
        return api().post("/api/tenant", user, null, Map.of("name", "Mine", "shopifyDomain", domain,
                "shopifyToken", token, "apiSecret", secret));
    }

    private UUID ownerOf(String domain) {
        return jdbc.sql("select owner_id from tenants where shop_domain = ?").param(domain).query(UUID.class).single();
    }

    private long stores(String domain) {
        return jdbc.sql("select count(*) from tenants where shop_domain = ?").param(domain).query(Long.class).single();
    }

    @Test
    void a_made_up_token_claims_no_shop_and_answers_alike_whether_the_shop_is_a_customer_or_not() {
        ShopCredentials free = newShop("free");
        ShopCredentials held = newShop("held");
        Api.Session owner = api().newUser();
        api().connectStore(owner, held.domain(), held.accessToken(), held.apiSecret());
        Api.Session squatter = api().newUser();

        Api.Response onFree = connect(squatter, free.domain(), "shpat_made_up", "whatever");
        Api.Response onHeld = connect(squatter, held.domain(), "shpat_made_up", "whatever");

        assertThat(onFree.status()).isEqualTo(400);
        assertThat(onFree.json().get("errors").get(0).get("field").asString()).isEqualTo("shopifyToken");
        assertThat(onHeld.status()).isEqualTo(400);
        assertThat(onHeld.body().replace(held.domain(), "SHOP")).isEqualTo(onFree.body().replace(free.domain(), "SHOP"));
        assertThat(stores(free.domain())).isZero();
        assertThat(ownerOf(held.domain())).isEqualTo(owner.userId());
        // a real token of another shop proves nothing about this one
        ShopCredentials elsewhere = newShop("elsewhere");
        assertThat(connect(squatter, free.domain(), elsewhere.accessToken(), "s").status()).isEqualTo(400);
        assertThat(stores(free.domain())).isZero();

        // the real owner of the free shop is not blocked by the failed claim
        assertThat(connect(api().newUser(), free.domain(), free.accessToken(), free.apiSecret()).status()).isEqualTo(201);
    }

    @Test
    void a_verified_duplicate_is_told_another_account_holds_the_shop_while_that_accounts_access_works() {
        ShopCredentials shop = newShop("dup");
        Api.Session first = api().newUser();
        UUID store = api().connectStore(first, shop.domain(), shop.accessToken(), shop.apiSecret());

        Api.Response again = connect(first, shop.domain(), shop.accessToken(), shop.apiSecret());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("type").asString()).endsWith("store-exists");

        Api.Response other = connect(api().newUser(), shop.domain(), shop.accessToken(), shop.apiSecret());
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.json().get("type").asString()).endsWith("store-held-by-another-account");
        assertThat(other.body()).contains("Connect with Shopify");
        assertThat(ownerOf(shop.domain())).isEqualTo(first.userId());
        assertThat(api().get("/api/tenant/" + store, first, null).status()).isEqualTo(200);
    }

    @Test
    void a_claim_whose_credentials_shopify_refuses_gives_way_to_a_verified_connection_and_its_account_is_told() {
        ShopCredentials shop = newShop("squat");
        Api.Session squatter = api().newUser();
        // a claim stored before connections were verified: a made-up token, still ACTIVE
        UUID squat = UUID.randomUUID();
        tenants.insert(new Tenants.NewTenant(squat, squatter.userId(), "Squat", shop.domain(), ConnectionType.ADMIN_TOKEN,
                credentials.seal(squat, "access_token", "shpat_made_up"), credentials.seal(squat, "api_secret", "x"),
                null, null, null, null, null));

        Api.Session realOwner = api().newUser();
        Api.Response connected = connect(realOwner, shop.domain(), shop.accessToken(), shop.apiSecret());

        assertThat(connected.status()).isEqualTo(201);
        assertThat(connected.json().get("id").asString()).isEqualTo(squat.toString());
        assertThat(connected.json().get("status").asString()).isEqualTo("ACTIVE");
        assertThat(ownerOf(shop.domain())).isEqualTo(realOwner.userId());
        assertThat(api().get("/api/tenant", squatter, null).json()).isEmpty();
        Api.Response told = api().get("/api/tenant/transfers", squatter, null);
        assertThat(told.json()).hasSize(1);
        assertThat(told.json().get(0).get("shopDomain").asString()).isEqualTo(shop.domain());
        assertThat(api().get("/api/tenant/transfers", realOwner, null).json()).isEmpty();
    }

    @Test
    void a_new_admin_token_for_a_connected_store_is_checked_against_the_shop_too() {
        ShopCredentials shop = newShop("patch");
        ShopCredentials elsewhere = newShop("patch-other");
        Api.Session owner = api().newUser();
        UUID store = api().connectStore(owner, shop.domain(), shop.accessToken(), shop.apiSecret());
        byte[] before = jdbc.sql("select access_token_enc from tenants where id = ?").param(store).query(byte[].class).single();

        for (String token : new String[] {"shpat_made_up", elsewhere.accessToken()}) {
            Api.Response r = api().send("PATCH", "/api/tenant/" + store, owner.token(), null,
                    Api.JSON.writeValueAsString(Map.of("shopifyToken", token, "apiSecret", "s")));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("shopifyToken");
        }
        assertThat(jdbc.sql("select access_token_enc from tenants where id = ?").param(store).query(byte[].class).single())
                .isEqualTo(before);
    }

    @Test
    void the_web_connect_form_verifies_the_token_and_has_the_json_apis_field_limits() {
        ShopCredentials shop = newShop("form");
        Api.Session user = api().newUser();
        WebSession web = WebSession.signIn(api(), user.email(), PASSWORD);

        HttpResponse<String> madeUp = web.submit("/stores/new", "/stores", Map.of("shopifyDomain", shop.domain(),
                "method", "token", "shopifyToken", "shpat_made_up", "apiSecret", "s", "name", "Mine"));
        assertThat(madeUp.statusCode()).isEqualTo(200);
        assertThat(madeUp.body()).contains("id=\"shopifyToken-error\"").contains("Shopify refused this access token");

        HttpResponse<String> longName = web.submit("/stores/new", "/stores", Map.of("shopifyDomain", shop.domain(),
                "method", "token", "shopifyToken", shop.accessToken(), "apiSecret", shop.apiSecret(),
                "name", "n".repeat(201)));
        assertThat(longName.statusCode()).isEqualTo(200);
        assertThat(longName.body()).contains("id=\"name-error\"").contains("At most 200 characters");
        HttpResponse<String> longSecret = web.submit("/stores/new", "/stores", Map.of("shopifyDomain", shop.domain(),
                "method", "token", "shopifyToken", shop.accessToken(), "apiSecret", "s".repeat(513), "name", "Mine"));
        assertThat(longSecret.body()).contains("id=\"apiSecret-error\"");
        assertThat(stores(shop.domain())).isZero();

        Api.Response json = api().post("/api/tenant", user, null, Map.of("name", "n".repeat(201),
                "shopifyDomain", shop.domain(), "shopifyToken", shop.accessToken(), "apiSecret", shop.apiSecret()));
        assertThat(json.status()).isEqualTo(400);
        assertThat(json.json().get("errors").get(0).get("field").asString()).isEqualTo("name");

        HttpResponse<String> ok = web.submit("/stores/new", "/stores", Map.of("shopifyDomain", shop.domain(),
                "method", "token", "shopifyToken", shop.accessToken(), "apiSecret", shop.apiSecret(), "name", "Mine"));
        assertThat(ok.statusCode()).isEqualTo(302);
        assertThat(ownerOf(shop.domain())).isEqualTo(user.userId());
    }
}
