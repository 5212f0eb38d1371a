package io.storefront.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.storefront.Api;
import io.storefront.IntegrationTest;
import dev.storefront.simulator.ShopCredentials;
import dev.storefront.simulator.ShopSpec;
import dev.storefront.simulator.store.StoreSummary;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/** Sync tests: shops created at the shared simulator, connected through the API like a merchant would. */
abstract class SimulatorTest extends IntegrationTest {

    private static final AtomicInteger SHOPS = new AtomicInteger();

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    java.util.List<Long> ids(String table, UUID tenant) {
        return jdbc.sql("select shopify_id from " + table + " where tenant_id = ?").param(tenant).query(Long.class).list();
    }

    long count(String table, UUID tenant) {
        return jdbc.sql("select count(*) from " + table + " where tenant_id = ?").param(tenant).query(Long.class).single();
    }

    java.math.BigDecimal sum(String table, String column, UUID tenant) {
        return jdbc.sql("select coalesce(sum(" + column + "), 0) from " + table + " where tenant_id = ?").param(tenant)
                .query(java.math.BigDecimal.class).single();
    }

    /** The synced tables hold exactly the simulator's records and totals (the figures incremental sync keeps too). */
    void assertMatches(UUID tenant, StoreSummary expected) {
        assertThat(ids("orders", tenant)).containsExactlyInAnyOrderElementsOf(expected.orderIds());
        assertThat(ids("customers", tenant)).containsExactlyInAnyOrderElementsOf(expected.customerIds());
        assertThat(ids("products", tenant)).containsExactlyInAnyOrderElementsOf(expected.productIds());
        assertThat(ids("checkouts", tenant)).containsExactlyInAnyOrderElementsOf(expected.checkoutIds());
        assertThat(count("product_variants", tenant)).isEqualTo(expected.variants());
        assertThat(count("order_items", tenant)).isEqualTo(expected.lineItems());
        assertThat(count("refunds", tenant)).isEqualTo(expected.refunds());
        assertThat(sum("orders", "total_price", tenant)).isEqualByComparingTo(expected.ordersTotalPrice());
        assertThat(sum("orders", "total_refunded", tenant)).isEqualByComparingTo(expected.ordersTotalRefunded());
        assertThat(countWhere("orders", "cancelled_at is not null", tenant)).isEqualTo(expected.cancelledOrders());
    }

    long countWhere(String table, String condition, UUID tenant) {
        return jdbc.sql("select count(*) from " + table + " where tenant_id = ? and " + condition).param(tenant)
                .query(Long.class).single();
    }

    record ConnectedShop(ShopCredentials credentials, Api.Session user, UUID tenant) {
        String domain() {
            return credentials.domain();
        }
    }

    static String uniqueDomain(String prefix) {
        return prefix + "-" + SHOPS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
    }

    /** Creates a shop at the simulator and connects it, which starts its first full sync. */
    ConnectedShop connect(ShopSpec spec) {
        ShopCredentials credentials = SIMULATOR.createShop(spec);
        Api.Session user = api().newUser();
        UUID tenant = api().connectStore(user, credentials.domain(), credentials.accessToken(), credentials.apiSecret());
        return new ConnectedShop(credentials, user, tenant);
    }

    JsonNode awaitLatestRunFinished(ConnectedShop shop, Duration timeout) {
        JsonNode[] latest = new JsonNode[1];
        await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
            Api.Response runs = api().get("/api/shopify/sync", shop.user(), shop.tenant());
            if (runs.status() != 200 || runs.json().isEmpty()) {
                return false;
            }
            latest[0] = runs.json().get(0);
            String status = latest[0].path("status").asString();
            return status.equals("SUCCEEDED") || status.equals("FAILED");
        });
        return latest[0];
    }

    JsonNode awaitRun(ConnectedShop shop, String runId, Duration timeout) {
        JsonNode[] run = new JsonNode[1];
        await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
            run[0] = api().get("/api/shopify/sync/" + runId, shop.user(), shop.tenant()).json();
            String status = run[0].path("status").asString();
            return status.equals("SUCCEEDED") || status.equals("FAILED");
        });
        return run[0];
    }
}
