package io.storefront.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.storefront.Api;
import io.storefront.ServiceProcess;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service as it runs in production, a child process: a small unauthenticated figure of its own and a metrics
 * token, with the Prometheus registry a test context does not export.
 */
class ServiceSecurityProcessTests {

    private static final int FIGURE = 8;
    private static final String METRICS_TOKEN = "process-metrics-token-0123456789";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final List<Process> PROCESSES = new ArrayList<>();
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        port = ServiceProcess.freePort();
        Path logs = Files.createTempDirectory("sign-in-limits");
        Process service = ServiceProcess.start(PROCESSES, port, logs.resolve("service.log"),
                Map.of("STOREFRONT_RATE_LIMITS_ANONYMOUS_REQUESTS", Integer.toString(FIGURE),
                        "STOREFRONT_METRICS_TOKEN", METRICS_TOKEN));
        ServiceProcess.awaitReady(port, service);
    }

    @AfterAll
    static void stop() {
        PROCESSES.forEach(Process::destroyForcibly);
    }

    private static final HttpClient BROWSER = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return BROWSER.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder json(String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private static HttpRequest.Builder signInForm(String csrf, int attempt) {
        // a different email each time, so the per-email bucket never decides
        String body = "_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8) + "&email=guess" + attempt
                + "%40example.com&password=" + URLEncoder.encode("not the password " + attempt, StandardCharsets.UTF_8);
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/signin"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    /** (Refusals without the token: OperationsEndpointsTests; a scrape spends nothing of the address's figure.) */
    @Test
    void prometheus_is_scraped_with_the_metrics_token_whatever_the_addresss_budget() throws Exception {
        HttpClient scraper = HttpClient.newHttpClient();
        URI prometheus = URI.create("http://127.0.0.1:" + port + "/actuator/prometheus");
        HttpResponse<String> scraped = scraper.send(HttpRequest.newBuilder(prometheus)
                .header("Authorization", "Bearer " + METRICS_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.body()).contains("jvm_memory_used_bytes");
    }

    /**
     * The unauthenticated figure per address (docs/configuration.md) covers every way of trying credentials: the sign-in form,
     * and JSON login and registration even when the caller sends a valid bearer token.
     */
    @Test
    void sign_in_form_posts_and_logins_with_a_valid_bearer_token_all_spend_from_the_addresss_bucket() throws Exception {
        String email = "limited-" + UUID.randomUUID() + "@example.com";
        String credentials = Api.JSON.writeValueAsString(Map.of("email", email, "password", "correct horse battery staple"));
        List<Integer> statuses = new ArrayList<>();

        HttpResponse<String> registered = send(json("/api/auth/register", credentials, null));
        statuses.add(registered.statusCode());
        String token = Api.JSON.readTree(registered.body()).get("token").asString();
        HttpResponse<String> form = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/signin")));
        statuses.add(form.statusCode());
        Matcher csrf = CSRF.matcher(form.body());
        assertThat(csrf.find()).isTrue();
        for (int attempt = 0; attempt < 3; attempt++) {
            statuses.add(send(signInForm(csrf.group(1), attempt)).statusCode());
        }
        statuses.add(send(json("/api/auth/login", credentials, token)).statusCode());
        statuses.add(send(json("/api/auth/register", Api.JSON.writeValueAsString(Map.of("email",
                "other-" + UUID.randomUUID() + "@example.com", "password", "correct horse battery staple")), token))
                .statusCode());
        statuses.add(send(json("/api/auth/login", credentials, token)).statusCode());
        assertThat(statuses).containsExactly(201, 200, 302, 302, 302, 200, 201, 200);

        // the figure is spent: the next try, signed in or not, form or JSON, is refused
        HttpResponse<String> login = send(json("/api/auth/login", credentials, token));
        assertThat(login.statusCode()).isEqualTo(429);
        assertThat(login.headers().firstValue("Retry-After")).isPresent();
        assertThat(send(signInForm(csrf.group(1), 9)).statusCode()).isEqualTo(429);

        // a metrics scrape is not an anonymous call: it still gets through
        HttpResponse<String> scrape = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/actuator/prometheus")).header("Authorization", "Bearer " + METRICS_TOKEN));
        assertThat(scrape.statusCode()).isEqualTo(200);

        // the caller's own bucket is untouched: their signed-in calls still work
        HttpResponse<String> stores = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/tenant"))
                .header("Authorization", "Bearer " + token));
        assertThat(stores.statusCode()).isEqualTo(200);
    }
}
