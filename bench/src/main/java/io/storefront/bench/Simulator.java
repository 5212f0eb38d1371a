package io.storefront.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The packaged Shopify simulator as its own process, driven through its {@code /_sim/} control API. */
final class Simulator implements AutoCloseable {

    record Shop(String domain, String accessToken, String apiSecret) {}

    private final JavaProcess process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Simulator(JavaProcess process) {
        this.process = process;
    }

    static Simulator start() throws IOException, InterruptedException {
        int port = JavaProcess.freePort();
        return new Simulator(JavaProcess.start("simulator",
                JavaProcess.repoRoot().resolve("shopify-simulator/target/shopify-simulator.jar"),
                List.of("-Xmx3g", "-XX:+UseParallelGC"), List.of("--port", Integer.toString(port), "--allow-http-loopback-webhooks"), Map.of(), port,
                "/_sim/health"));
    }

    /** The template the service's {@code STOREFRONT_SHOPIFY_API_BASE_URL} takes. */
    String apiBaseUrl() {
        return process.baseUrl() + "/{shop}";
    }

    Shop createShop(String domain, int orders, boolean throttle) throws IOException, InterruptedException {
        JsonNode created = call("POST", "/_sim/shops", Map.of("domain", domain, "seed", 7, "orders", orders,
                "customers", Math.max(10, orders / 5), "products", Math.max(5, Math.min(2000, orders / 200)),
                "checkouts", Math.max(1, orders / 20), "timezone", "America/Los_Angeles"));
        call("PUT", "/_sim/shops/" + domain + "/faults", Map.of("throttle", throttle));
        return new Shop(domain, created.get("accessToken").asString(), created.get("apiSecret").asString());
    }

    void activity(String domain, Map<String, Integer> changes) throws IOException, InterruptedException {
        call("POST", "/_sim/shops/" + domain + "/activity", changes);
    }

    JsonNode summary(String domain) throws IOException, InterruptedException {
        return call("GET", "/_sim/shops/" + domain + "/summary", null);
    }

    private JsonNode call(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(process.baseUrl() + path))
                .timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(Service.JSON.writeValueAsString(body)))
                .build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " → " + r.statusCode() + " " + r.body());
        }
        return Service.JSON.readTree(r.body());
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
