package io.storefront.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.storefront.Api;
import io.storefront.IntegrationTest;
import org.junit.jupiter.api.Test;

class ErrorsTests extends IntegrationTest {

    private static void assertProblem(Api.Response r, int status) {
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("status").asInt()).isEqualTo(status);
        assertThat(r.json().get("title").asString()).isNotBlank();
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("at io.").doesNotContain("SQL");
    }

    @Test
    void malformed_json_is_a_400_problem() {
        assertProblem(api().send("POST", "/api/auth/register", null, null, "{\"email\": "), 400);
        assertProblem(api().send("POST", "/api/auth/login", null, null, "[1,2,3]"), 400);
    }

    @Test
    void unknown_route_is_404_and_wrong_method_405() {
        Api.Session user = api().newUser();
        assertProblem(api().send("GET", "/api/no-such-thing", user.token(), null, null), 404);
        assertProblem(api().send("PUT", "/api/auth/login", null, null, "{}"), 405);
    }

    @Test
    void a_body_over_one_mebibyte_is_413() {
        String big = "{\"email\":\"" + "a".repeat(1024 * 1024) + "\",\"password\":\"x\"}";
        assertProblem(api().send("POST", "/api/auth/register", null, null, big), 413);
    }

    @Test
    void missing_or_bad_tokens_are_401_problems() {
        assertProblem(api().send("GET", "/api/tenant", null, null, null), 401);
        assertProblem(api().send("GET", "/api/tenant", "not.a.jwt", null, null), 401);
    }

    @Test
    void security_headers_are_set() {
        Api.Response r = api().send("GET", "/actuator/health", null, null, null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(r.header("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
        assertThat(r.header("X-Request-Id")).isNotBlank();
    }

    @Test
    void health_readiness_includes_the_database_and_openapi_is_served() {
        Api.Response readiness = api().send("GET", "/actuator/health/readiness", null, null, null);
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
        Api.Response docs = api().send("GET", "/v3/api-docs", null, null, null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/auth/register").contains("/api/tenant");
    }
}
