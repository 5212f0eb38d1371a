package io.storefront.tenants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.storefront.Api;
import io.storefront.IntegrationTest;
import io.storefront.WebSession;
import io.storefront.shopify.OAuthCallbackSignature;
import io.storefront.shopify.ShopifySession;
import dev.storefront.simulator.ShopCredentials;
import dev.storefront.simulator.ShopSpec;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The three ways to connect a store, end to end over HTTP against the simulator's OAuth server. */
class ConnectionFlowsTests extends IntegrationTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Autowired
    Stores stores;

    @Autowired
    JdbcClient jdbc;

    private static String domain(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
    }

    /** Asks the simulated shop's Admin API for its name with a token: 200 while the token is valid. */
    private static int adminStatus(String shop, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(SIMULATOR.adminGraphqlUrl(shop, "2025-10")))
                .header("X-Shopify-Access-Token", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ shop { name } }\"}")).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static long count(JdbcClient jdbc, String shop) {
        return jdbc.sql("select count(*) from tenants where shop_domain = ?").param(shop).query(Long.class).single();
    }

    @Test
    void client_credentials_get_a_token_at_connect_and_a_new_one_before_each_expiry() throws Exception {
        ShopCredentials shop = SIMULATOR.createShop(ShopSpec.of(domain("cc")).withCounts(5, 2, 5, 1)
                .withTokenLifetimes(3600, 90L * 86_400, 3));
        Api.Session user = api().newUser();
        Api.Response connected = api().post("/api/tenant", user, null, Map.of("name", "CC", "shopifyDomain", shop.domain(),
                "clientId", shop.clientId(), "clientSecret", shop.clientSecret()));
        assertThat(connected.status()).isEqualTo(201);
        assertThat(connected.json().get("connectionType").asString()).isEqualTo("CLIENT_CREDENTIALS");
        StoreId store = new StoreId(UUID.fromString(connected.json().get("id").asString()));

        String first = stores.session(store).accessToken();
        assertThat(adminStatus(shop.domain(), first)).isEqualTo(200);
        String current = first;
        for (int expiry = 0; expiry < 3; expiry++) {
            String before = current;
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !stores.session(store).accessToken().equals(before));
            current = stores.session(store).accessToken();
            assertThat(adminStatus(shop.domain(), current)).isEqualTo(200);
        }
        assertThat(current).isNotEqualTo(first);
        await().atMost(Duration.ofSeconds(5)).until(() -> adminStatus(shop.domain(), first) == 401);
    }

    @Test
    void a_long_sync_renews_its_expiring_token_several_times_and_still_ends_exact() throws Exception {
        ShopCredentials shop = SIMULATOR.createShop(ShopSpec.of(domain("long")).withCounts(30, 5, 120, 10)
                .withTokenLifetimes(3600, 90L * 86_400, 2));
        // every Admin API answer takes 700 ms: the sync outlives many 2-second tokens
        SIMULATOR.faults(shop.domain(), new dev.storefront.simulator.Faults(true, null, null, 0, 700, 0, false, 0, null));
        Api.Session user = api().newUser();
        Api.Response connected = api().post("/api/tenant", user, null, Map.of("name", "Long", "shopifyDomain", shop.domain(),
                "clientId", shop.clientId(), "clientSecret", shop.clientSecret()));
        UUID tenant = UUID.fromString(connected.json().get("id").asString());
        StoreId store = new StoreId(tenant);

        java.util.Set<String> tokensSeen = new java.util.HashSet<>();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).until(() -> {
            tokensSeen.add(stores.session(store).accessToken());
            var runs = api().get("/api/shopify/sync", user, tenant).json();
            return runs.size() > 0 && runs.get(0).get("status").asString().matches("SUCCEEDED|FAILED");
        });
        var run = api().get("/api/shopify/sync", user, tenant).json().get(0);
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(tokensSeen).hasSizeGreaterThanOrEqualTo(3);
        long orders = jdbc.sql("select count(*) from orders where tenant_id = ?").param(tenant).query(Long.class).single();
        assertThat(orders).isEqualTo(SIMULATOR.summary(shop.domain(), false).orders());
        SIMULATOR.faults(shop.domain(), dev.storefront.simulator.Faults.NONE);
    }

    @Test
    void refused_client_credentials_store_nothing() {
        ShopCredentials shop = SIMULATOR.createShop(ShopSpec.of(domain("ccbad")).withCounts(1, 1, 1, 0));
        Api.Response r = api().post("/api/tenant", api().newUser(), null, Map.of("name", "CC",
                "shopifyDomain", shop.domain(), "clientId", shop.clientId(), "clientSecret", "wrong-secret"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("clientSecret");
        assertThat(r.body()).doesNotContain("wrong-secret");
        assertThat(count(jdbc, shop.domain())).isZero();
    }

    /** An install driven as a browser would: our redirect, Shopify's approval, Shopify's redirect back. */
    private record Install(String cookie, Map<String, String> callback) {}

    private Install beginInstall(Api.Session user, String shop) throws Exception {
        Api.Response install = api().get("/api/shopify/install?shop=" + shop, user, null);
        assertThat(install.status()).isEqualTo(302);
        String authorize = install.header("Location");
        assertThat(authorize).startsWith(SIMULATOR.baseUrl() + "/" + shop + "/admin/oauth/authorize?");
        String cookie = install.header("Set-Cookie").split(";", 2)[0];
        HttpResponse<Void> approved = HTTP.send(HttpRequest.newBuilder(URI.create(authorize)).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(approved.statusCode()).isEqualTo(302);
        String back = approved.headers().firstValue("Location").orElseThrow();
        assertThat(back).startsWith(PUBLIC_URL + "/api/shopify/callback?");
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : URI.create(back).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return new Install(cookie, query);
    }

    private HttpResponse<String> callback(Map<String, String> query, String cookie) throws IOException, InterruptedException {
        String raw = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(PUBLIC_URL + "/api/shopify/callback?" + raw));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void oauth_install_links_the_store_to_the_user_and_refreshes_its_expiring_token() throws Exception {
        ShopCredentials shop = SIMULATOR.createShop(ShopSpec.of(domain("oauth")).withCounts(5, 2, 5, 1));
        Api.Session user = api().newUser();
        Install install = beginInstall(user, shop.domain());

        HttpResponse<String> done = callback(install.callback(), install.cookie());
        assertThat(done.statusCode()).isEqualTo(302);
        Api.Response mine = api().get("/api/tenant", user, null);
        assertThat(mine.json()).hasSize(1);
        assertThat(mine.json().get(0).get("connectionType").asString()).isEqualTo("OAUTH");
        assertThat(mine.body()).doesNotContain("shpat_").doesNotContain("refresh");
        StoreId store = new StoreId(UUID.fromString(mine.json().get(0).get("id").asString()));

        String first = stores.session(store).accessToken();
        assertThat(adminStatus(shop.domain(), first)).isEqualTo(200);
        String before = first;
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> !stores.session(store).accessToken().equals(before));
        String renewed = stores.session(store).accessToken();
        assertThat(adminStatus(shop.domain(), renewed)).isEqualTo(200);
        byte[] refreshStored = jdbc.sql("select refresh_token_enc from tenants where id = ?").param(store.value())
                .query(byte[].class).single();
        assertThat(refreshStored).isNotEmpty();

        // the replayed callback is refused and changes nothing
        HttpResponse<String> replay = callback(install.callback(), install.cookie());
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(replay.body()).contains("install-refused");
    }

    @Test
    void an_install_of_a_shop_another_account_holds_moves_it_and_tells_both_accounts() throws Exception {
        ShopCredentials shop = SIMULATOR.createShop(ShopSpec.of(domain("moved")).withCounts(1, 1, 1, 0));
        Api.Session previous = api().newUser();
        UUID store = api().connectStore(previous, shop.domain(), shop.accessToken(), shop.apiSecret());
        Api.Session installer = api().newUser();

        Install install = beginInstall(installer, shop.domain());
        HttpResponse<String> done = callback(install.callback(), install.cookie());

        assertThat(done.statusCode()).isEqualTo(302);
        String landing = done.headers().firstValue("Location").orElseThrow();
        assertThat(landing).isEqualTo("/stores/" + store + "?connected&transferred");
        assertThat(WebSession.signIn(api(), installer.email(), PASSWORD).get(landing).body())
                .contains("data-testid=\"store-moved-here\"").contains("connected to another Storefront Insights account");
        assertThat(api().get("/api/tenant", installer, null).json().get(0).get("id").asString()).isEqualTo(store.toString());

        assertThat(api().get("/api/tenant", previous, null).json()).isEmpty();
        var told = api().get("/api/tenant/transfers", previous, null).json();
        assertThat(told).hasSize(1);
        assertThat(told.get(0).get("shopDomain").asString()).isEqualTo(shop.domain());
        assertThat(told.get(0).get("reason").asString()).contains("installed the app from another account");
        assertThat(WebSession.signIn(api(), previous.email(), PASSWORD).get("/stores").body())
                .contains("data-testid=\"store-transferred\"").contains(shop.domain());

        // installing again on one's own store moves nothing and says nothing
        Install again = beginInstall(installer, shop.domain());
        assertThat(callback(again.callback(), again.cookie()).headers().firstValue("Location").orElseThrow())
                .isEqualTo("/stores/" + store + "?connected");
        assertThat(api().get("/api/tenant/transfers", installer, null).json()).isEmpty();
    }

    @Test
    void tampered_foreign_unbound_or_unknown_callbacks_are_refused_with_nothing_stored() throws Exception {
        ShopCredentials shop = SIMULATOR.createShop(ShopSpec.of(domain("evil")).withCounts(1, 1, 1, 0));
        ShopCredentials other = SIMULATOR.createShop(ShopSpec.of(domain("other")).withCounts(1, 1, 1, 0));
        Api.Session user = api().newUser();

        Install tampered = beginInstall(user, shop.domain());
        Map<String, String> changed = new LinkedHashMap<>(tampered.callback());
        changed.put("code", changed.get("code") + "x");
        assertThat(callback(changed, tampered.cookie()).statusCode()).isEqualTo(400);

        Install foreign = beginInstall(user, shop.domain());
        Map<String, String> otherShop = new LinkedHashMap<>(foreign.callback());
        otherShop.put("shop", other.domain());
        otherShop.put("hmac", OAuthCallbackSignature.sign(otherShop, PUBLIC_APP_SECRET)); // validly signed, wrong shop
        assertThat(callback(otherShop, foreign.cookie()).statusCode()).isEqualTo(400);

        Install wrongState = beginInstall(user, shop.domain());
        Map<String, String> state = new LinkedHashMap<>(wrongState.callback());
        state.put("state", "not-the-state-we-issued");
        state.put("hmac", OAuthCallbackSignature.sign(state, PUBLIC_APP_SECRET));
        assertThat(callback(state, wrongState.cookie()).statusCode()).isEqualTo(400);

        Install otherBrowser = beginInstall(user, shop.domain());
        assertThat(callback(otherBrowser.callback(), null).statusCode()).isEqualTo(400);
        assertThat(callback(otherBrowser.callback(), "si_install=someone-elses").statusCode()).isEqualTo(400);

        assertThat(count(jdbc, shop.domain())).isZero();
        assertThat(count(jdbc, other.domain())).isZero();
        assertThat(api().get("/api/tenant", user, null).json()).isEmpty();
    }

    @Test
    void an_uninstalled_app_makes_renewal_fail_and_the_store_need_reconnecting() throws Exception {
        ShopCredentials shop = SIMULATOR.createShop(ShopSpec.of(domain("gone")).withCounts(1, 1, 1, 0));
        Api.Session user = api().newUser();
        Install install = beginInstall(user, shop.domain());
        assertThat(callback(install.callback(), install.cookie()).statusCode()).isEqualTo(302);
        StoreId store = new StoreId(UUID.fromString(api().get("/api/tenant", user, null).json().get(0).get("id").asString()));
        ShopifySession session = stores.session(store);

        SIMULATOR.uninstall(shop.domain());
        assertThat(adminStatus(shop.domain(), session.accessToken())).isEqualTo(401);
        assertThat(session.tokens().renewAfterRejection(session.accessToken())).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            var summary = api().get("/api/tenant", user, null).json().get(0);
            return !summary.get("status").asString().equals("ACTIVE");
        });
        var summary = api().get("/api/tenant", user, null).json().get(0);
        assertThat(summary.get("statusReason").asString()).isNotBlank();
    }
}
