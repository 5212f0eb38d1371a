package io.storefront.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.storefront.Api;
import io.storefront.ServiceProcess;
import io.storefront.TestDatabase;
import dev.storefront.simulator.ShopCredentials;
import dev.storefront.simulator.ShopSpec;
import dev.storefront.simulator.ShopifySimulator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Broker intake against the local RabbitMQ (127.0.0.1:5672, guest/guest, {@code rabbitmqctl} usable by this user):
 * the broker is stopped and started again in the middle of a burst, with the service (a real process) running.
 * Senders behave like Shopify and send a delivery again until it is answered 200.
 */
class BrokerIntakeTests {

    private static final int DELIVERIES = 2000;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final List<Process> processes = new ArrayList<>();
    private final String queue = "storefront.webhooks.test-" + UUID.randomUUID();
    private final ShopifySimulator simulator = ShopifySimulator.start(0).allowHttpLoopbackWebhooks(true);

    @BeforeEach
    void needsTheLocalBroker() {
        assumeTrue(reachable(5672), "no RabbitMQ on 127.0.0.1:5672: broker intake is tested where one runs (CI)");
        assumeTrue(rabbitmqctl("await_startup"), "rabbitmqctl is missing or cannot control the local RabbitMQ (it needs root)");
    }

    @AfterEach
    void cleanUp() {
        processes.forEach(Process::destroyForcibly);
        simulator.close();
        rabbitmqctl("start_app");
        rabbitmqctl("await_startup");
        rabbitmqctl("delete_queue", queue);
    }

    @Test
    void applies_every_delivery_answered_200_exactly_once_across_a_broker_restart_mid_burst() throws Exception {
        int port = ServiceProcess.freePort();
        Path logs = Files.createTempDirectory("broker-intake");
        Process service = ServiceProcess.start(processes, port, logs.resolve("service.log"), Map.of(
                "STOREFRONT_WEBHOOKS_BROKER", "rabbitmq",
                "STOREFRONT_WEBHOOKS_RABBITMQ_QUEUE", queue,
                "SPRING_RABBITMQ_HOST", "127.0.0.1",
                "STOREFRONT_SHOPIFY_API_BASE_URL", simulator.baseUrl() + "/{shop}"));
        ServiceProcess.awaitReady(port, service);
        Api api = new Api(port);
        Api.Session owner = api.newUser();
        ShopCredentials shop = simulator.createShop(ShopSpec.of(
                "broker-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com").withCounts(0, 1, 0, 0));
        String domain = shop.domain();
        String secret = shop.apiSecret();
        UUID tenant = api.connectAndSync(owner, shop);

        Map<String, Long> accepted = new ConcurrentHashMap<>();
        AtomicInteger refused = new AtomicInteger();
        String template = new String(WebhookIntegrationTest.fixture("orders-create"), StandardCharsets.UTF_8);
        ExecutorService senders = Executors.newFixedThreadPool(16);
        for (int i = 0; i < DELIVERIES; i++) {
            long orderId = 8_000_000_000_000L + i;
            senders.execute(() -> {
                byte[] body = order(template, orderId);
                String webhookId = UUID.randomUUID().toString();
                long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (System.nanoTime() < giveUp) {
                    int status = post(port, tenant, domain, secret, webhookId, body).statusCode();
                    if (status == 200) {
                        accepted.put(webhookId, orderId);
                        return;
                    }
                    refused.incrementAndGet();
                }
            });
        }
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(5))
                .until(() -> accepted.size() >= DELIVERIES / 3);
        assertThat(rabbitmqctl("stop_app")).isTrue();
        String unconfirmed = UUID.randomUUID().toString();
        HttpResponse<String> whileDown = post(port, tenant, domain, secret, unconfirmed, order(template, 1L));
        assertThat(rabbitmqctl("start_app")).isTrue();
        senders.shutdown();
        assertThat(senders.awaitTermination(180, TimeUnit.SECONDS)).isTrue();

        assertThat(whileDown.statusCode()).as("answer while the broker is down").isEqualTo(503);
        assertThat(whileDown.body()).contains("intake-unavailable");
        assertThat(accepted).as("every delivery answered 200 in the end").hasSize(DELIVERIES);
        assertThat(refused.get()).as("deliveries refused while the broker restarted").isPositive();
        try (Connection db = database()) {
            Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> count(db, "select count(*) from webhook_deliveries where tenant_id = ? and status = 'APPLIED'", tenant)
                            >= DELIVERIES);
            Map<String, Long> rows = inboxRows(db, tenant);
            assertThat(rows).as("inbox rows per webhook id: every 200 once, the unconfirmed one never")
                    .containsOnlyKeys(accepted.keySet()).allSatisfy((id, copies) -> assertThat(copies).isOne());
            assertThat(count(db, "select count(*) from webhook_deliveries where tenant_id = ? and status <> 'APPLIED'", tenant))
                    .isZero();
            assertThat(count(db, "select count(*) from orders where tenant_id = ?", tenant)).isEqualTo(DELIVERIES);
            assertThat(count(db, "select count(*) from orders where tenant_id = ? and shopify_id = 1", tenant)).isZero();
        }
    }

    private static byte[] order(String template, long orderId) {
        return template.replace("\"id\":5829364019283", "\"id\":" + orderId)
                .replace("\"id\":14001", "\"id\":" + (orderId + 1_000_000_000_000L)).getBytes(StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> post(int port, UUID tenant, String domain, String secret, String webhookId,
            byte[] body) {
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
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("the service did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean reachable(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean rabbitmqctl(String... args) {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl", "-q"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Connection database() throws SQLException {
        TestDatabase.Connection db = TestDatabase.connection();
        return DriverManager.getConnection(db.url(), db.username(), db.password());
    }

    private static Map<String, Long> inboxRows(Connection db, UUID tenant) throws SQLException {
        Map<String, Long> rows = new HashMap<>();
        try (PreparedStatement query = db.prepareStatement(
                "select webhook_id, count(*) from webhook_deliveries where tenant_id = ? group by webhook_id")) {
            query.setObject(1, tenant);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString(1), result.getLong(2));
                }
            }
        }
        return rows;
    }

    private static long count(Connection db, String sql, UUID tenant) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setObject(1, tenant);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
