package io.storefront.webhooks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The webhook-subscription part of Shopify's Admin GraphQL API, in-process, until the simulator serves it on
 * this branch: {@code webhookSubscriptions}, {@code webhookSubscriptionCreate}, {@code webhookSubscriptionDelete}.
 */
final class FakeShopify implements AutoCloseable {

    record Subscription(String id, String topic, String uri) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final Map<String, List<Subscription>> subscriptions = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(1000);

    FakeShopify() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String shop = exchange.getRequestURI().getPath().split("/")[1];
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            byte[] answer = JSON.writeValueAsBytes(answer(shop, request.path("query").asString(), request.path("variables")));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Subscription> of(String shop) {
        synchronized (this) {
            return List.copyOf(subscriptions.getOrDefault(shop, List.of()));
        }
    }

    synchronized Subscription add(String shop, String topic, String uri) {
        Subscription subscription = new Subscription("gid://shopify/WebhookSubscription/" + ids.incrementAndGet(), topic, uri);
        subscriptions.computeIfAbsent(shop, s -> new ArrayList<>()).add(subscription);
        return subscription;
    }

    private synchronized ObjectNode answer(String shop, String query, JsonNode variables) {
        ObjectNode answer = JSON.createObjectNode();
        ObjectNode data = answer.putObject("data");
        List<Subscription> mine = subscriptions.computeIfAbsent(shop, s -> new ArrayList<>());
        if (query.contains("webhookSubscriptionCreate")) {
            Subscription created = add(shop, variables.path("topic").asString(), variables.path("uri").asString());
            ObjectNode result = data.putObject("webhookSubscriptionCreate");
            result.set("webhookSubscription", JSON.valueToTree(created));
            result.putArray("userErrors");
        } else if (query.contains("webhookSubscriptionDelete")) {
            String id = variables.path("id").asString();
            mine.removeIf(s -> s.id().equals(id));
            ObjectNode result = data.putObject("webhookSubscriptionDelete");
            result.put("deletedWebhookSubscriptionId", id);
            result.putArray("userErrors");
        } else if (query.contains("webhookSubscriptions")) {
            ObjectNode page = data.putObject("webhookSubscriptions");
            var edges = page.putArray("edges");
            mine.forEach(s -> edges.addObject().set("node", JSON.valueToTree(s)));
            page.putObject("pageInfo").put("hasNextPage", false).putNull("endCursor");
        } else {
            answer.remove("data");
            answer.putArray("errors").addObject().put("message", "not served by FakeShopify");
        }
        return answer;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
