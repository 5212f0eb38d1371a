package io.storefront.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.storefront.Api;
import io.storefront.IntegrationTest;
import io.storefront.web.FormSession;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class AccountsTests extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    private static String email() {
        return "someone-" + UUID.randomUUID() + "@example.com";
    }

    @Test
    void registers_with_a_bcrypt_hash_and_returns_a_working_token() {
        String email = email();
        Api.Response r = api().post("/api/auth/register", null, null, Map.of("email", email, "password", "a long enough secret"));

        assertThat(r.status()).isEqualTo(201);
        JsonNode body = r.json();
        assertThat(body.get("user").get("email").asString()).isEqualTo(email);
        String hash = jdbc.sql("select password_hash from users where email = ?").param(email).query(String.class).single();
        assertThat(hash).startsWith("$2a$10$").doesNotContain("a long enough secret");

        String token = body.get("token").asString();
        assertThat(api().send("GET", "/api/tenant", token, null, null).status()).isEqualTo(200);
        assertThat(api().send("GET", "/api/tenant", token + "x", null, null).status()).isEqualTo(401);
    }

    @Test
    void a_taken_email_is_409_whatever_its_case() {
        String email = email();
        assertThat(api().post("/api/auth/register", null, null, Map.of("email", email, "password", "a long enough secret")).status())
                .isEqualTo(201);
        Api.Response again = api().post("/api/auth/register", null, null,
                Map.of("email", email.toUpperCase(), "password", "another long secret"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void enforces_the_password_policy_with_field_errors() {
        String email = email();
        Api.Response shortOne = api().post("/api/auth/register", null, null, Map.of("email", email, "password", "short"));
        assertThat(shortOne.status()).isEqualTo(400);
        assertThat(shortOne.json().get("errors").get(0).get("field").asString()).isEqualTo("password");

        Api.Response isEmail = api().post("/api/auth/register", null, null, Map.of("email", email, "password", email));
        assertThat(isEmail.status()).isEqualTo(400);

        Api.Response badEmail = api().post("/api/auth/register", null, null, Map.of("email", "not-an-email", "password", "a long enough secret"));
        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(badEmail.json().get("errors").get(0).get("field").asString()).isEqualTo("email");
        assertThat(jdbc.sql("select count(*) from users where email = ?").param(email).query(Long.class).single()).isZero();
    }

    @Test
    void login_answers_the_same_for_an_unknown_email_and_a_wrong_password() {
        String email = email();
        api().post("/api/auth/register", null, null, Map.of("email", email, "password", "a long enough secret"));

        Api.Response ok = api().post("/api/auth/login", null, null, Map.of("email", email, "password", "a long enough secret"));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("token").asString()).isNotBlank();

        Api.Response wrong = api().post("/api/auth/login", null, null, Map.of("email", email, "password", "a wrong secret!!"));
        Api.Response unknown = api().post("/api/auth/login", null, null, Map.of("email", email(), "password", "a wrong secret!!"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo(unknown.body());
    }

    @Test
    void brute_force_on_one_account_is_cut_off_with_retry_after() {
        String email = email();
        int status = 0;
        Api.Response last = null;
        for (int i = 0; i < 11; i++) {
            last = api().post("/api/auth/login", null, null, Map.of("email", email, "password", "guess number " + i));
            status = last.status();
        }
        assertThat(status).isEqualTo(429);
        assertThat(Long.parseLong(last.header("Retry-After"))).isPositive();
        assertThat(last.json().get("type").asString()).isEqualTo("/problems/rate-limited");
    }

    @Test
    void passwords_are_capped_at_72_utf8_bytes_counting_multibyte_characters() {
        String atLimit = "Grüße aus Köln 🙂 " + "é".repeat(24) + "!";
        assertThat(atLimit.getBytes(StandardCharsets.UTF_8)).hasSize(72);
        String email = email();
        assertThat(api().post("/api/auth/register", null, null, Map.of("email", email, "password", atLimit)).status())
                .isEqualTo(201);
        assertThat(api().post("/api/auth/login", null, null, Map.of("email", email, "password", atLimit)).status())
                .isEqualTo(200);

        String oneByteOver = atLimit.substring(0, atLimit.length() - 1) + "é"; // a 2-byte character where 1 byte is left
        assertThat(oneByteOver.getBytes(StandardCharsets.UTF_8)).hasSize(73);
        for (String tooLong : List.of(oneByteOver, "a1b2c3d4".repeat(16))) {
            String other = email();
            Api.Response refused = api().post("/api/auth/register", null, null, Map.of("email", other, "password", tooLong));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("password");
            assertThat(refused.json().get("detail").asString()).contains("72 bytes");
            assertThat(jdbc.sql("select count(*) from users where email = ?").param(other).query(Long.class).single()).isZero();
        }
        Api.Response login = api().post("/api/auth/login", null, null, Map.of("email", email, "password", atLimit + "é"));
        assertThat(login.status()).isEqualTo(401);
    }

    @Test
    void the_web_forms_refuse_a_password_over_72_bytes_without_an_error_page() {
        String email = email();
        Api.Response signUp = FormSession.anonymous(api()).post("/signup", Map.of("email", email, "password", "ü".repeat(40)));
        assertThat(signUp.status()).isEqualTo(200);
        assertThat(signUp.body()).contains("72 bytes");
        Api.Session user = api().newUser();
        Api.Response signIn = FormSession.anonymous(api()).post("/signin", Map.of("email", user.email(), "password", "ü".repeat(40)));
        assertThat(signIn.status()).isEqualTo(302);
        assertThat(signIn.header("Location")).endsWith("/signin?error");
    }
}
