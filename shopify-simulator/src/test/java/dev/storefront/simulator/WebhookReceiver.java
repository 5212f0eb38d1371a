package dev.storefront.simulator;

import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** A test endpoint that records each webhook's raw bytes and headers, and fails on request. */
final class WebhookReceiver implements AutoCloseable {

    /** @param headerPrefix how the headers were spelled: {@code X-Shopify-} or {@code Shopify-} */
    record Received(String topic, String hmac, String webhookId, String eventId, String shopDomain, String apiVersion,
                    String triggeredAt, byte[] body, String headerPrefix) {
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> attemptsById = new ConcurrentHashMap<>();
    private final HttpServer server;
    volatile int failFirstAttempts;

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            var headers = exchange.getRequestHeaders();
            String prefix = headers.containsKey("X-Shopify-Topic") ? "X-Shopify-" : "Shopify-";
            String id = headers.getFirst(prefix + "Webhook-Id");
            int attempt = attemptsById.computeIfAbsent(id == null ? "none" : id, key -> new AtomicInteger()).incrementAndGet();
            received.add(new Received(headers.getFirst(prefix + "Topic"), headers.getFirst(prefix + "Hmac-Sha256"), id,
                    headers.getFirst(prefix + "Event-Id"), headers.getFirst(prefix + "Shop-Domain"),
                    headers.getFirst(prefix + "API-Version"), headers.getFirst(prefix + "Triggered-At"), body, prefix));
            exchange.sendResponseHeaders(attempt <= failFirstAttempts ? 500 : 200, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks";
    }

    List<Received> awaitAtLeast(int count, Predicate<Received> which) {
        return await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(25))
                .until(() -> received.stream().filter(which).toList(), matching -> matching.size() >= count);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
