package dev.storefront.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.simulator.oauth.OAuthServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OAuthTests {

    static final String REDIRECT = "https://app.example.com/auth/callback";

    ShopifySimulator simulator;
    ShopCredentials shop;
    SimulatorHttpClient client;

    @BeforeEach
    void start() {
        simulator = ShopifySimulator.start(0);
        shop = simulator.createShop(ShopSpec.of("oauth.myshopify.com").withCounts(10, 5, 20, 5));
        client = new SimulatorHttpClient(simulator.baseUrl());
        assertThat(client.post("/_sim/apps", Map.of("clientId", "public-app", "clientSecret", "s3cret with space")).status()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private Map<String, String> authorize(String extra) {
        SimulatorHttpClient.Answer answer = client.get("/" + shop.domain() + "/admin/oauth/authorize?client_id=public-app"
                + "&scope=read_orders,read_customers&redirect_uri=" + REDIRECT + "&state=nonce%20123" + extra);
        assertThat(answer.status()).isEqualTo(302);
        String location = answer.response().headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT + "?");
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return params;
    }

    private JsonNode exchange(Map<String, String> body) {
        return client.post("/" + shop.domain() + "/admin/oauth/access_token", body).body();
    }

    @Test
    void authorize_redirects_with_a_verifiable_hmac() {
        Map<String, String> params = authorize("");
        assertThat(params.keySet()).containsExactlyInAnyOrder("code", "hmac", "host", "shop", "state", "timestamp");
        assertThat(params.get("shop")).isEqualTo(shop.domain());
        assertThat(params.get("state")).isEqualTo("nonce 123");
        String hmac = params.remove("hmac");
        String message = OAuthServer.canonical(params);
        assertThat(message).contains("state=nonce%20123");
        assertThat(hmac).isEqualTo(OAuthServer.hmacHex("s3cret with space", message)).matches("[0-9a-f]{64}");
    }

    @Test
    void declining_redirects_with_access_denied() {
        SimulatorHttpClient.Answer answer = client.get("/" + shop.domain() + "/admin/oauth/authorize?client_id=public-app&scope=read_orders"
                + "&redirect_uri=" + REDIRECT + "&state=x&approve=false");
        assertThat(answer.response().headers().firstValue("Location").orElseThrow()).contains("error=access_denied");
    }

    @Test
    void exchanges_a_code_once_for_an_expiring_token_and_refreshes_it() {
        String code = authorize("").get("code");
        JsonNode token = exchange(Map.of("client_id", "public-app", "client_secret", "s3cret with space", "code", code, "expiring", "1"));
        assertThat(token.get("access_token").asString()).startsWith("shpat_");
        assertThat(token.get("scope").asString()).isEqualTo("read_orders,read_customers");
        assertThat(token.get("expires_in").asLong()).isEqualTo(3600);
        assertThat(token.get("refresh_token_expires_in").asLong()).isEqualTo(90L * 86_400);
        assertThat(client.graphql(shop.domain(), token.get("access_token").asString(), "{ shop { name } }").status()).isEqualTo(200);

        SimulatorHttpClient.Answer reused = client.post("/" + shop.domain() + "/admin/oauth/access_token",
                Map.of("client_id", "public-app", "client_secret", "s3cret with space", "code", code));
        assertThat(reused.status()).isEqualTo(400);

        JsonNode refreshed = exchange(Map.of("client_id", "public-app", "client_secret", "s3cret with space",
                "grant_type", "refresh_token", "refresh_token", token.get("refresh_token").asString()));
        assertThat(refreshed.get("access_token").asString()).isNotEqualTo(token.get("access_token").asString());
        assertThat(refreshed.get("refresh_token").asString()).isNotEqualTo(token.get("refresh_token").asString());
        SimulatorHttpClient.Answer rotatedAway = client.post("/" + shop.domain() + "/admin/oauth/access_token", Map.of("client_id", "public-app",
                "client_secret", "s3cret with space", "grant_type", "refresh_token", "refresh_token", token.get("refresh_token").asString()));
        assertThat(rotatedAway.status()).isEqualTo(400);
    }

    @Test
    void exchanges_a_code_from_a_form_body_for_a_non_expiring_token() {
        String code = authorize("").get("code");
        SimulatorHttpClient.Answer answer = client.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/" + shop.domain() + "/admin/oauth/access_token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("client_id=public-app&client_secret=s3cret+with+space&code=" + code)).build());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().propertyNames()).containsExactlyInAnyOrder("access_token", "scope");
    }

    @Test
    void issues_client_credentials_tokens_for_the_shops_own_app() {
        JsonNode token = exchange(Map.of("client_id", shop.clientId(), "client_secret", shop.clientSecret(), "grant_type", "client_credentials"));
        assertThat(token.get("expires_in").asLong()).isEqualTo(86_399);
        assertThat(client.graphql(shop.domain(), token.get("access_token").asString(), "{ orders(first: 1) { nodes { id } } }").body()
                .get("data").get("orders").get("nodes")).hasSize(1);
        SimulatorHttpClient.Answer wrongSecret = client.post("/" + shop.domain() + "/admin/oauth/access_token",
                Map.of("client_id", shop.clientId(), "client_secret", "nope", "grant_type", "client_credentials"));
        assertThat(wrongSecret.status()).isEqualTo(401);
    }

    @Test
    void an_expired_token_answers_401() {
        TestClock clock = new TestClock(Instant.now());
        try (ShopifySimulator timed = ShopifySimulator.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), clock)) {
            SimulatorHttpClient timedClient = new SimulatorHttpClient(timed.baseUrl());
            ShopCredentials shortLived = timed.createShop(ShopSpec.of("short.myshopify.com").withCounts(5, 5, 5, 5).withTokenLifetimes(1, 60, 1));
            JsonNode token = timedClient.post("/" + shortLived.domain() + "/admin/oauth/access_token",
                    Map.of("client_id", shortLived.clientId(), "client_secret", shortLived.clientSecret(), "grant_type", "client_credentials")).body();
            assertThat(token.get("expires_in").asLong()).isEqualTo(1);
            clock.advance(Duration.ofMillis(999));
            assertThat(timedClient.graphql(shortLived.domain(), token.get("access_token").asString(), "{ shop { name } }").status()).isEqualTo(200);
            clock.advance(Duration.ofMillis(1));
            assertThat(timedClient.graphql(shortLived.domain(), token.get("access_token").asString(), "{ shop { name } }").status()).isEqualTo(401);
        }
    }

    @Test
    void a_token_works_only_on_its_own_shop() {
        ShopCredentials other = simulator.createShop(ShopSpec.of("other.myshopify.com").withCounts(5, 5, 5, 5));
        assertThat(client.graphql(shop.domain(), other.accessToken(), "{ shop { name } }").status()).isEqualTo(401);
    }
}
