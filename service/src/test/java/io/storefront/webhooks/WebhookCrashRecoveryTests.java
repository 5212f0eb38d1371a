package io.storefront.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.storefront.Api;
import io.storefront.ServiceProcess;
import io.storefront.TestDatabase;
import dev.storefront.simulator.ShopCredentials;
import dev.storefront.simulator.ShopSpec;
import dev.storefront.simulator.ShopifySimulator;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real process killed mid-burst ({@code destroyForcibly}, no shutdown hooks) and started again: every delivery
 * that was answered 200 is in the inbox and gets applied. The service runs from the test classpath, against the
 * tests' PostgreSQL.
 */
class WebhookCrashRecoveryTests {

    private static final int DELIVERIES = 3000;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final List<Process> processes = new ArrayList<>();
    private final ShopifySimulator simulator = ShopifySimulator.start(0).allowHttpLoopbackWebhooks(true);

    @AfterEach
    void stopProcesses() {
        processes.forEach(Process::destroyForcibly);
        simulator.close();
    }

    @Test
    void every_delivery_answered_200_is_applied_after_the_service_is_killed_mid_burst() throws Exception {
        int port = ServiceProcess.freePort();
        Path logs = Files.createTempDirectory("webhook-crash");
        // connecting proves the token against the shop; its first (empty) sync ends before the burst begins
        ShopCredentials shop = simulator.createShop(ShopSpec.of(
                "crash-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com").withCounts(0, 1, 0, 0));
        Map<String, String> env = Map.of("STOREFRONT_SHOPIFY_API_BASE_URL", simulator.baseUrl() + "/{shop}");
        Process first = ServiceProcess.start(processes, port, logs.resolve("first.log"), env);
        ServiceProcess.awaitReady(port, first);

        Api api = new Api(port);
        Api.Session owner = api.newUser();
        String domain = shop.domain();
        String secret = shop.apiSecret();
        UUID tenant = api.connectAndSync(owner, shop);

        Map<String, Long> accepted = new ConcurrentHashMap<>();
        AtomicInteger answered = new AtomicInteger();
        String template = new String(WebhookIntegrationTest.fixture("orders-create"), StandardCharsets.UTF_8);
        ExecutorService senders = Executors.newFixedThreadPool(16);
        for (int i = 0; i < DELIVERIES; i++) {
            long orderId = 7_000_000_000_000L + i;
            senders.execute(() -> {
                byte[] body = template.replace("\"id\":5829364019283", "\"id\":" + orderId)
                        .replace("\"id\":14001", "\"id\":" + (orderId + 1_000_000_000_000L)).getBytes(StandardCharsets.UTF_8);
                String webhookId = UUID.randomUUID().toString();
                if (post(port, tenant, domain, secret, webhookId, body) == 200) {
                    accepted.put(webhookId, orderId);
                    answered.incrementAndGet();
                }
            });
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (answered.get() < DELIVERIES / 3 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        senders.shutdown();
        assertThat(senders.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
        assertThat(accepted.size()).as("deliveries accepted before the kill").isGreaterThan(0).isLessThan(DELIVERIES);

        try (Connection db = database()) {
            assertThat(inboxIds(db, tenant)).as("every 200 is committed in the inbox").containsAll(accepted.keySet());
            long unapplied = pending(db, tenant);
            System.out.printf("killed with %d accepted, %d of them not yet applied%n", accepted.size(), unapplied);

            Process second = ServiceProcess.start(processes, port, logs.resolve("second.log"), env);
            ServiceProcess.awaitReady(port, second);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (pending(db, tenant) > 0 && System.nanoTime() < until) {
                Thread.sleep(200);
            }
            assertThat(pending(db, tenant)).as("deliveries left unapplied after restart").isZero();
            assertThat(appliedOrders(db, tenant)).containsAll(Set.copyOf(accepted.values()));
            assertThat(count(db, "select count(*) from webhook_deliveries where tenant_id = ? and status <> 'APPLIED'", tenant))
                    .isZero();
            second.destroy();
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("graceful shutdown").isTrue();
        }
    }

    private static int post(int port, UUID tenant, String domain, String secret, String webhookId, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/webhook/" + tenant))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("X-Shopify-Topic", "orders/create")
                .header("X-Shopify-Shop-Domain", domain)
                .header("X-Shopify-Webhook-Id", webhookId)
                .header("X-Shopify-Hmac-Sha256", WebhookSignature.signBase64(secret.getBytes(StandardCharsets.UTF_8), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException killed) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static Connection database() throws SQLException {
        TestDatabase.Connection db = TestDatabase.connection();
        return DriverManager.getConnection(db.url(), db.username(), db.password());
    }

    private static Set<String> inboxIds(Connection db, UUID tenant) throws SQLException {
        Set<String> ids = new java.util.HashSet<>();
        try (PreparedStatement query = db.prepareStatement("select webhook_id from webhook_deliveries where tenant_id = ?")) {
            query.setObject(1, tenant);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }

    private static Set<Long> appliedOrders(Connection db, UUID tenant) throws SQLException {
        Set<Long> ids = new java.util.HashSet<>();
        try (PreparedStatement query = db.prepareStatement("select shopify_id from orders where tenant_id = ?")) {
            query.setObject(1, tenant);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
        }
        return ids;
    }

    private static long pending(Connection db, UUID tenant) throws SQLException {
        return count(db, "select count(*) from webhook_deliveries where tenant_id = ? and status = 'PENDING'", tenant);
    }

    private static long count(Connection db, String sql, UUID tenant) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setObject(1, tenant);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

}
