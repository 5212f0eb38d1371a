package dev.storefront.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A test client speaking to the simulator over real HTTP, as the service will. */
final class SimulatorHttpClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    record Answer(int status, JsonNode body, String raw, HttpResponse<String> response) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String baseUrl;

    SimulatorHttpClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Answer graphql(String domain, String token, String query) {
        return graphql(domain, token, query, Map.of());
    }

    Answer graphql(String domain, String token, String query, Map<String, Object> variables) {
        return graphql("2025-10", domain, token, query, variables);
    }

    Answer graphql(String version, String domain, String token, String query, Map<String, Object> variables) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/" + domain + "/admin/api/" + version + "/graphql.json"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query, "variables", variables))));
        if (token != null) {
            request.header("X-Shopify-Access-Token", token);
        }
        return send(request.build());
    }

    Answer post(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String ? (String) body : JSON.writeValueAsString(body))).build());
    }

    Answer put(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    Answer get(String pathOrUrl) {
        return send(HttpRequest.newBuilder(URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : baseUrl + pathOrUrl)).GET().build());
    }

    Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = null;
            try {
                body = JSON.readTree(response.body());
            } catch (RuntimeException notJson) {
                // bulk files and HTML error pages are not one JSON document
            }
            return new Answer(response.statusCode(), body, response.body(), response);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
