package io.storefront.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.storefront.Api;
import io.storefront.ServiceProcess;
import io.storefront.TestDatabase;
import dev.storefront.simulator.Activity;
import dev.storefront.simulator.Faults;
import dev.storefront.simulator.ShopCredentials;
import dev.storefront.simulator.ShopSpec;
import dev.storefront.simulator.ShopifySimulator;
import dev.storefront.simulator.store.StoreSummary;
import dev.storefront.simulator.webhooks.DeliveryStats;
import java.io.IOException;
import java.math.BigDecimal;
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
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The scale-out proof: three real service processes on one PostgreSQL behind haproxy with the repository's
 * {@code deploy/haproxy.cfg}. A full sync of a 100,000-order shop (-Dscale.orders to change it) loses the
 * instance running it to {@code kill -9} half-way and is finished by another; then a burst of at least 5,000
 * signed deliveries from the simulator loses one instance half-way too. The data equals the simulator's ground
 * truth and every delivery is applied exactly once. Heavy: runs only with {@code ./test -Pscale}.
 */
@Tag("scale")
class ScaleOutTests {

    private static final int INSTANCES = 3;
    private static final int ORDERS = Integer.getInteger("scale.orders", 100_000);
    private static final Duration STARTUP = Duration.ofMinutes(8);

    private final List<Process> processes = new ArrayList<>();
    private final ShopifySimulator simulator = ShopifySimulator.start(0).allowHttpLoopbackWebhooks(true);
    private final int balancerPort = ServiceProcess.freePort();
    private final int[] ports = new int[INSTANCES];
    private final Process[] instances = new Process[INSTANCES];
    private Path dir;

    @BeforeEach
    void startCluster(@TempDir Path dir) throws Exception {
        Path haproxy = haproxy();
        Assumptions.assumeTrue(haproxy != null,
                "haproxy is not installed (apt-get install haproxy; .ci/run installs it): the scale-out proof needs a real load balancer");
        this.dir = dir;
        for (int i = 0; i < INSTANCES; i++) {
            ports[i] = ServiceProcess.freePort();
            start(i);
        }
        // the repository's configuration, on this run's free ports
        String config = Files.readString(Path.of("..", "deploy", "haproxy.cfg")).replace("127.0.0.1:8080", "127.0.0.1:" + balancerPort);
        for (int i = 0; i < INSTANCES; i++) {
            config = config.replace("127.0.0.1:" + (8081 + i), "127.0.0.1:" + ports[i]);
        }
        Path cfg = Files.writeString(dir.resolve("haproxy.cfg"), config);
        processes.add(new ProcessBuilder(haproxy.toString(), "-db", "-f", cfg.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start());
        // three JVMs starting at once on two shared cores take minutes
        for (int i = 0; i < INSTANCES; i++) {
            ServiceProcess.awaitReady(ports[i], instances[i], STARTUP);
        }
        ServiceProcess.awaitReady(balancerPort, processes.get(processes.size() - 1));
    }

    @AfterEach
    void stopCluster() {
        processes.forEach(Process::destroyForcibly);
        simulator.close();
    }

    @Test
    void three_instances_behind_haproxy_lose_one_mid_sync_and_one_mid_burst_and_end_with_the_shops_data() throws Exception {
        Api api = new Api(balancerPort);
        ShopCredentials shop = simulator.createShop(ShopSpec.of("scale-" + UUID.randomUUID().toString().substring(0, 8)
                + ".myshopify.com").withCounts(ORDERS / 5, 200, ORDERS, ORDERS / 20));
        Api.Session user = api.newUser();
        UUID tenant = api.connectStore(user, shop.domain(), shop.accessToken(), shop.apiSecret());

        // the full sync: kill -9 the instance running it once it is into the orders
        String[] owner = new String[1];
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() -> {
            owner[0] = string("select owner from sync_runs where tenant_id = ? and status = 'RUNNING' "
                    + "and coalesce((counts->>'orders')::bigint, 0) > 0", tenant);
            return owner[0] != null;
        });
        int syncing = instanceOf(owner[0]);
        instances[syncing].destroyForcibly().waitFor();
        JsonNode run = awaitSyncFinished(api, user, tenant);
        assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(string("select owner from sync_runs where tenant_id = ?", tenant)).isNotEqualTo(owner[0]);
        assertSameData(tenant, simulator.summary(shop.domain(), true));
        start(syncing);
        ServiceProcess.awaitReady(ports[syncing], instances[syncing], STARTUP);

        // the burst: signed deliveries through the balancer, one instance killed half-way
        await().atMost(Duration.ofSeconds(60)).until(() -> count("select count(*) from webhooks where tenant_id = ?", tenant)
                == WebhookTopics.SUBSCRIBED.size());
        simulator.faults(shop.domain(), new Faults(true, null, null, 0, 0, 0, false, 0, 200L));
        long before = count("select count(*) from webhook_deliveries where tenant_id = ?", tenant);
        List<String> fired = simulator.activity(shop.domain(), new Activity(1_750, 125, 25, 625, 0, 0, 0));
        assertThat(fired.size()).isGreaterThanOrEqualTo(5_000);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50)).until(() ->
                count("select count(*) from webhook_deliveries where tenant_id = ?", tenant) - before > fired.size() / 3);
        int victim = (syncing + 1) % INSTANCES;
        instances[victim].destroyForcibly().waitFor();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() ->
                simulator.deliveries(shop.domain()).pending() == 0
                        && count("select count(*) from webhook_deliveries where tenant_id = ? and status = 'PENDING'", tenant) == 0);

        DeliveryStats stats = simulator.deliveries(shop.domain());
        assertThat(stats.abandoned()).as("deliveries given up after every retry").isZero();
        long delivered = count("select count(*) from webhook_deliveries where tenant_id = ?", tenant) - before;
        assertThat(delivered).as("one inbox row per webhook").isEqualTo(fired.size());
        assertThat(count("select count(*) from webhook_deliveries where tenant_id = ? and status <> 'APPLIED'", tenant)).isZero();
        assertThat(count("select count(distinct webhook_id) from webhook_deliveries where tenant_id = ?", tenant) - before)
                .isEqualTo(fired.size());
        assertSameData(tenant, simulator.summary(shop.domain(), true));
    }

    private void start(int i) throws IOException {
        instances[i] = ServiceProcess.start(processes, ports[i], dir.resolve("instance-" + (i + 1) + "-" + System.nanoTime() + ".log"), Map.of(
                "STOREFRONT_SHOPIFY_API_BASE_URL", simulator.baseUrl() + "/{shop}",
                "STOREFRONT_PUBLIC_URL", "http://127.0.0.1:" + balancerPort,
                "STOREFRONT_WEBHOOKS_REGISTER_ON_CONNECT", "true",
                "STOREFRONT_SYNC_STALE_AFTER", "4s",
                "STOREFRONT_SYNC_RECOVERY_INTERVAL", "1s"));
    }

    /** The instance a sync run's owner names ({@code pid@uuid}). */
    private int instanceOf(String owner) {
        long pid = Long.parseLong(owner.substring(0, owner.indexOf('@')));
        for (int i = 0; i < INSTANCES; i++) {
            if (instances[i].pid() == pid) {
                return i;
            }
        }
        throw new AssertionError("no instance has pid " + pid);
    }

    private static JsonNode awaitSyncFinished(Api api, Api.Session user, UUID tenant) {
        JsonNode[] latest = new JsonNode[1];
        await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Api.Response runs = api.get("/api/shopify/sync", user, tenant);
            if (runs.status() != 200 || runs.json().isEmpty()) {
                return false;
            }
            latest[0] = runs.json().get(0);
            String status = latest[0].path("status").asString();
            return status.equals("SUCCEEDED") || status.equals("FAILED");
        });
        return latest[0];
    }

    private static void assertSameData(UUID tenant, StoreSummary shop) throws SQLException {
        assertThat(ids("orders", tenant)).containsExactlyInAnyOrderElementsOf(shop.orderIds());
        assertThat(ids("customers", tenant)).containsExactlyInAnyOrderElementsOf(shop.customerIds());
        assertThat(ids("checkouts", tenant)).containsExactlyInAnyOrderElementsOf(shop.checkoutIds());
        assertThat(ids("products", tenant)).containsExactlyInAnyOrderElementsOf(shop.productIds());
        assertThat(count("select count(*) from order_items where tenant_id = ?", tenant)).isEqualTo(shop.lineItems());
        assertThat(count("select count(*) from refunds where tenant_id = ?", tenant)).isEqualTo(shop.refunds());
        assertThat(decimal("select coalesce(sum(total_price), 0) from orders where tenant_id = ?", tenant))
                .isEqualByComparingTo(shop.ordersTotalPrice());
        assertThat(decimal("select coalesce(sum(total_refunded), 0) from orders where tenant_id = ?", tenant))
                .isEqualByComparingTo(shop.ordersTotalRefunded());
        assertThat(count("select count(*) from orders where tenant_id = ? and cancelled_at is not null", tenant))
                .isEqualTo(shop.cancelledOrders());
    }

    private static List<Long> ids(String table, UUID tenant) throws SQLException {
        List<Long> ids = new ArrayList<>();
        query("select shopify_id from " + table + " where tenant_id = ?", tenant, rs -> ids.add(rs.getLong(1)));
        return ids;
    }

    private static long count(String sql, UUID tenant) throws SQLException {
        long[] n = new long[1];
        query(sql, tenant, rs -> n[0] = rs.getLong(1));
        return n[0];
    }

    private static BigDecimal decimal(String sql, UUID tenant) throws SQLException {
        BigDecimal[] n = new BigDecimal[1];
        query(sql, tenant, rs -> n[0] = rs.getBigDecimal(1));
        return n[0];
    }

    private static String string(String sql, UUID tenant) throws SQLException {
        String[] value = new String[1];
        query(sql, tenant, rs -> value[0] = rs.getString(1));
        return value[0];
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private static void query(String sql, UUID tenant, Row row) throws SQLException {
        TestDatabase.Connection db = TestDatabase.connection();
        try (Connection connection = DriverManager.getConnection(db.url(), db.username(), db.password());
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, tenant);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        }
    }

    private static Path haproxy() {
        for (String candidate : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin").split(":")) {
            Path path = Path.of(candidate, "haproxy");
            if (Files.isExecutable(path)) {
                return path;
            }
        }
        return null;
    }
}
