package io.storefront.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The packaged service on the benchmark database, and the few API calls a benchmark makes to set up. */
final class Service implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    final JavaProcess process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String token;
    String email;
    static final String PASSWORD = "benchmark password 123";
    private static final String METRICS_TOKEN = "benchmark-metrics-token";

    private String baseUrl;

    private Service(JavaProcess process) {
        this.process = process;
        this.baseUrl = process.baseUrl();
    }

    static Service start(Database db, String shopifyBaseUrl, String heap) throws IOException, InterruptedException {
        return start(db, shopifyBaseUrl, heap, "service", Map.of());
    }

    /**
     * {@code log}: the name of its log under bench/target; {@code settings}: environment variables of this instance alone
     * (e.g. the broker intake's), over all others.
     */
    static Service start(Database db, String shopifyBaseUrl, String heap, String log, Map<String, String> settings)
            throws IOException, InterruptedException {
        int port = JavaProcess.freePort();
        Map<String, String> env = new HashMap<>();
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("SPRING_DATASOURCE_URL", db.jdbcUrl());
        env.put("SPRING_DATASOURCE_USERNAME", db.user);
        env.put("SPRING_DATASOURCE_PASSWORD", "");
        env.put("STOREFRONT_JWT_SECRET", "benchmark-secret-0123456789-abcdefghijklmnopqrstuvwxyz");
        env.put("STOREFRONT_ENCRYPTION_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
        env.put("STOREFRONT_DEMO", "false");
        env.put("STOREFRONT_PUBLIC_URL", "http://127.0.0.1:" + port);
        env.put("STOREFRONT_SHOPIFY_API_BASE_URL", shopifyBaseUrl);
        // one benchmark user makes thousands of dashboard calls: lift the per-user bucket, keep everything else
        env.put("STOREFRONT_RATE_LIMITS_USER_BURST", "1000000");
        env.put("STOREFRONT_RATE_LIMITS_USER_PER_MINUTE", "1000000");
        // the heap sampler and the sign-in page are anonymous calls from one loopback address
        env.put("STOREFRONT_RATE_LIMITS_ANONYMOUS_REQUESTS", "1000000");
        env.put("STOREFRONT_LOG_FORMAT", "");
        // the heap and throttle samplers read /actuator/metrics, which answers only this token
        env.put("STOREFRONT_METRICS_TOKEN", METRICS_TOKEN);
        // a benchmark run may tune the service like an operator would (e.g. STOREFRONT_WEBHOOKS_WORKERS)
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("STOREFRONT_") || name.startsWith("SPRING_DATASOURCE_HIKARI_")) {
                env.put(name, value);
            }
        });
        env.putAll(settings);
        JavaProcess process = JavaProcess.start(log,
                JavaProcess.repoRoot().resolve("service/target/storefront-insights.jar"),
                List.of("-Xmx" + heap, "-XX:+UseG1GC"), List.of(), env, port, "/actuator/health/readiness");
        return new Service(process);
    }

    String baseUrl() {
        return baseUrl;
    }

    /** Sends this client's calls through a load balancer in front of this and other instances from now on. */
    void routeThrough(String balancerUrl) {
        baseUrl = balancerUrl;
    }

    void register() throws IOException, InterruptedException {
        email = "bench-" + UUID.randomUUID() + "@example.com";
        JsonNode r = call("POST", "/api/auth/register", null, Map.of("email", email, "password", PASSWORD));
        token = r.get("token").asString();
    }

    /** Signs in as the owner of a store an earlier run made (every benchmark user has {@link #PASSWORD}). */
    void signIn(String ownerEmail) throws IOException, InterruptedException {
        email = ownerEmail;
        JsonNode r = call("POST", "/api/auth/login", null, Map.of("email", email, "password", PASSWORD));
        token = r.get("token").asString();
    }

    UUID connect(String domain, String accessToken, String apiSecret) throws IOException, InterruptedException {
        JsonNode r = call("POST", "/api/tenant", null, Map.of("name", domain, "shopifyDomain", domain,
                "shopifyToken", accessToken, "apiSecret", apiSecret));
        return UUID.fromString(r.get("id").asString());
    }

    JsonNode call(String method, String path, UUID tenant, Object body) throws IOException, InterruptedException {
        HttpResponse<String> r = send(method, path, tenant, body);
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " → " + r.statusCode() + " " + r.body());
        }
        return r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
    }

    HttpResponse<String> send(String method, String path, UUID tenant, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .header("Content-Type", "application/json");
        if (path.startsWith("/actuator/")) {
            request.header("Authorization", "Bearer " + METRICS_TOKEN);
        } else if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (tenant != null) {
            request.header("X-Tenant-Id", tenant.toString());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
