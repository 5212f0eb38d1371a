package io.storefront.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.storefront.Api;
import io.storefront.IntegrationTest;
import io.storefront.WebSession;
import dev.storefront.simulator.ShopCredentials;
import dev.storefront.simulator.ShopSpec;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A checkout's recovery URL comes from the shop's data: only an https URL becomes a link on the dashboard. */
class RecoveryLinkTests extends IntegrationTest {

    private static final Pattern HREFS = Pattern.compile("href=\"([^\"]*)\"[^>]*>Recovery link");

    @Autowired
    JdbcClient jdbc;

    @Test
    void only_https_recovery_urls_are_rendered_as_links() {
        ShopCredentials shop = SIMULATOR.createShop(ShopSpec.of("links-" + UUID.randomUUID().toString().substring(0, 8)
                + ".myshopify.com").withCounts(0, 1, 0, 0));
        Api.Session owner = api().newUser();
        UUID store = api().connectStore(owner, shop.domain(), shop.accessToken(), shop.apiSecret());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Api.Response runs = api().get("/api/shopify/sync", owner, store);
            return runs.status() == 200 && !runs.json().isEmpty()
                    && runs.json().get(0).path("status").asString().equals("SUCCEEDED");
        });
        List<String> urls = List.of("javascript:alert(document.cookie)", " JavaScript:alert(1)", "data:text/html,hi",
                "http://shop.example/recover", "//evil.example/recover", "https://shop.example/recover?key=1");
        Instant created = Instant.now().minus(Duration.ofDays(2));
        for (int i = 0; i < urls.size(); i++) {
            jdbc.sql("""
                    insert into checkouts (tenant_id, shopify_id, token, email, created_at, updated_at, currency,
                                           total_price, abandoned_checkout_url)
                    values (?, ?, ?, ?, ?, ?, 'USD', 10.00, ?)""")
                    .params(store, 900_000L + i, "tok" + i, "buyer" + i + "@example.com",
                            Timestamp.from(created.plusSeconds(i)), Timestamp.from(created.plusSeconds(i)), urls.get(i))
                    .update();
        }

        String page = WebSession.signIn(api(), owner.email(), "correct horse battery staple")
                .get("/stores/" + store + "/dashboard").body();

        assertThat(page).contains("buyer0@example.com").contains("buyer5@example.com");
        Matcher links = HREFS.matcher(page);
        List<String> hrefs = new java.util.ArrayList<>();
        while (links.find()) {
            hrefs.add(links.group(1));
        }
        assertThat(hrefs).containsExactly("https://shop.example/recover?key=1");
        assertThat(page.toLowerCase(java.util.Locale.ROOT)).doesNotContain("javascript:").doesNotContain("data:text");
    }
}
