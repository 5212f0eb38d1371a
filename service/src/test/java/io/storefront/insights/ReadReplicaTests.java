package io.storefront.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.storefront.Api;
import io.storefront.web.FormSession;
import io.storefront.ServiceProcess;
import dev.storefront.simulator.ShopCredentials;
import dev.storefront.simulator.ShopSpec;
import dev.storefront.simulator.ShopifySimulator;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The insights read from a streaming replica ({@code STOREFRONT_READ_DATASOURCE_URL}): with the replica's replay
 * paused, an order committed on the primary stays out of the dashboard, which says how old its figures are; when
 * replay resumes, the order shows and the "as of" time moves past it. The service is a real process on a primary
 * and replica made by {@link StreamingReplica}.
 */
class ReadReplicaTests {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String JUNE = "startDate=2025-06-01&endDate=2025-06-30";

    private final List<Process> processes = new ArrayList<>();
    private final ShopifySimulator simulator = ShopifySimulator.start(0).allowHttpLoopbackWebhooks(true);

    @AfterEach
    void stopProcesses() {
        processes.forEach(Process::destroyForcibly);
        simulator.close();
    }

    @Test
    void serves_the_dashboard_from_the_replica_with_the_time_its_figures_are_as_of() throws Exception {
        assumeTrue(StreamingReplica.unavailable().isEmpty(), () -> StreamingReplica.unavailable().orElseThrow());
        try (StreamingReplica databases = StreamingReplica.start();
                Connection replica = DriverManager.getConnection(databases.replicaUrl(), "postgres", "")) {
            int port = ServiceProcess.freePort();
            Path logs = Files.createTempDirectory("read-replica-service");
            Process service = ServiceProcess.start(processes, port, logs.resolve("service.log"), Map.of(
                    "SPRING_DATASOURCE_URL", databases.primaryUrl(),
                    "SPRING_DATASOURCE_USERNAME", "postgres",
                    "SPRING_DATASOURCE_PASSWORD", "",
                    "STOREFRONT_READ_DATASOURCE_URL", databases.replicaUrl(),
                    "STOREFRONT_SHOPIFY_API_BASE_URL", simulator.baseUrl() + "/{shop}"));
            ServiceProcess.awaitReady(port, service);
            Api api = new Api(port);
            Api.Session owner = api.newUser();
            ShopCredentials shop = simulator.createShop(ShopSpec.of(
                    "replica-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com").withCounts(0, 1, 0, 0));
            String domain = shop.domain();
            String secret = shop.apiSecret();
            UUID tenant = api.connectAndSync(owner, shop);

            deliverOrder(port, tenant, domain, secret, 9_100_000_000_001L);
            JsonNode first = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> dashboard(api, owner, tenant), d -> d.path("totalOrders").asLong() == 1);
            assertThat(first.path("dataAsOf").isString()).as("a replica's figures carry their as-of time").isTrue();

            execute(replica, "select pg_wal_replay_pause()");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> paused(replica));
            Instant beforeSecondOrder = Instant.now();
            deliverOrder(port, tenant, domain, secret, 9_100_000_000_002L);
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> ordersOnPrimary(databases, tenant) == 2);

            JsonNode stale = dashboard(api, owner, tenant);
            assertThat(stale.path("totalOrders").asLong()).as("figures served by the paused replica").isEqualTo(1);
            Instant staleAsOf = Instant.parse(stale.path("dataAsOf").asString());
            assertThat(staleAsOf).isBefore(beforeSecondOrder);
            String page = FormSession.signedIn(api, owner)
                    .get("/stores/" + tenant + "/dashboard?range=custom&from=2025-06-01&to=2025-06-30").body();
            assertThat(page).contains("data-testid=\"data-as-of\"")
                    .contains(staleAsOf.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());

            execute(replica, "select pg_wal_replay_resume()");
            JsonNode caughtUp = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> dashboard(api, owner, tenant), d -> d.path("totalOrders").asLong() == 2);
            assertThat(Instant.parse(caughtUp.path("dataAsOf").asString())).isAfter(beforeSecondOrder);
        }
    }

    private static JsonNode dashboard(Api api, Api.Session owner, UUID tenant) {
        Api.Response response = api.get("/api/insights/dashboard?" + JUNE, owner, tenant);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static void deliverOrder(int port, UUID tenant, String domain, String secret, long orderId) throws Exception {
        byte[] body;
        try (InputStream in = ReadReplicaTests.class.getResourceAsStream("/io/storefront/webhooks/fixtures/orders-create.json")) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("\"id\":5829364019283", "\"id\":" + orderId)
                    .replace("\"id\":14001", "\"id\":" + (orderId + 1)).getBytes(StandardCharsets.UTF_8);
        }
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/webhook/" + tenant))
                .header("Content-Type", "application/json")
                .header("X-Shopify-Topic", "orders/create")
                .header("X-Shopify-Shop-Domain", domain)
                .header("X-Shopify-Webhook-Id", UUID.randomUUID().toString())
                .header("X-Shopify-Hmac-Sha256", Base64.getEncoder().encodeToString(hmac.doFinal(body)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        assertThat(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    private static long ordersOnPrimary(StreamingReplica databases, UUID tenant) throws SQLException {
        try (Connection primary = DriverManager.getConnection(databases.primaryUrl(), "postgres", "");
                Statement statement = primary.createStatement();
                ResultSet rows = statement.executeQuery("select count(*) from orders where tenant_id = '" + tenant + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static boolean paused(Connection replica) throws SQLException {
        try (Statement statement = replica.createStatement();
                ResultSet rows = statement.executeQuery("select pg_get_wal_replay_pause_state()")) {
            rows.next();
            return rows.getString(1).equals("paused");
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
