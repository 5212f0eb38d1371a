package io.storefront.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.storefront.Api;
import io.storefront.IntegrationTest;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The pages' chain over plain HTTP: assets, cookies, CSRF and ownership, without a browser. */
class PageSecurityTests extends IntegrationTest {

    static final Pattern ASSET = Pattern.compile("(?:href|src)=\"(/(?:static|webjars)/[^\"]+)\"");

    @Test
    void assets_have_content_hashed_urls_and_a_long_cache_life() {
        Api.Response signIn = api().get("/signin", null, null);
        assertThat(signIn.status()).isEqualTo(200);
        Matcher m = ASSET.matcher(signIn.body());
        List<String> assets = m.results().map(r -> r.group(1)).toList();
        assertThat(assets).anyMatch(a -> a.matches("/static/app-[0-9a-f]{32}\\.css"))
                .anyMatch(a -> a.matches("/static/app-[0-9a-f]{32}\\.js"));
        for (String asset : assets) {
            Api.Response response = api().get(asset, null, null);
            assertThat(response.status()).as(asset).isEqualTo(200);
            assertThat(response.header("Cache-Control")).as(asset).contains("max-age=31536000");
        }
        assertThat(api().get("/webjars/echarts/dist/echarts.min.js", null, null).status()).isEqualTo(200);
    }

    @Test
    void pages_need_a_session_and_forms_need_the_csrf_token() {
        Api.Response stores = api().get("/stores", null, null);
        assertThat(stores.status()).isEqualTo(302);
        assertThat(stores.header("Location")).endsWith("/signin");

        Api.Response forged = api().send("POST", "/signup", null, null, null);
        assertThat(forged.status()).isEqualTo(403);
    }

    @Test
    void the_session_cookie_is_http_only_and_same_site_lax() {
        Api.Response signIn = api().get("/signin", null, null);
        String cookie = signIn.raw().headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax");
    }

    @Test
    void the_json_api_still_answers_bearer_callers_without_a_session() {
        Api.Session user = api().newUser();
        Api.Response list = api().get("/api/tenant", user, null);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.raw().headers().allValues("Set-Cookie")).isEmpty();
        assertThat(api().get("/api/tenant/" + UUID.randomUUID(), null, null).status()).isEqualTo(401);
    }
}
