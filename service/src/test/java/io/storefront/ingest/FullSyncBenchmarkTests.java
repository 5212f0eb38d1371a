package io.storefront.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.storefront.simulator.ShopSpec;
import io.storefront.simulator.store.StoreSummary;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Full sync throughput and heap, off by default (minutes): run with
 * {@code -Dtest=FullSyncBenchmarkTests -Dsync.benchmark=true -Dsync.benchmark.orders=100000 -DargLine=-Xmx512m}.
 * The simulator serves from the same JVM, so the heap figure is an upper bound for the service alone.
 */
@EnabledIfSystemProperty(named = "sync.benchmark", matches = "true")
class FullSyncBenchmarkTests extends SimulatorTest {

    @Autowired JdbcClient jdbc;

    @Test
    void measures_rows_per_second_and_heap_of_a_full_sync() {
        int orders = Integer.getInteger("sync.benchmark.orders", 100_000);
        ShopSpec spec = ShopSpec.of(uniqueDomain("bench")).withCounts(orders / 5, 500, orders, orders / 10);
        var credentials = SIMULATOR.createShop(spec);
        StoreSummary expected = SIMULATOR.summary(credentials.domain(), false);
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long before = usedHeap();

        var user = api().newUser();
        UUID tenant = api().connectStore(user, credentials.domain(), credentials.accessToken(), credentials.apiSecret());
        JsonNode run = awaitLatestRunFinished(new ConnectedShop(credentials, user, tenant), Duration.ofMinutes(30));

        assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        double seconds = Duration.between(Instant.parse(run.path("startedAt").asString()),
                Instant.parse(run.path("finishedAt").asString())).toMillis() / 1000.0;
        long rows = count("customers", tenant) + count("products", tenant) + count("product_variants", tenant)
                + count("orders", tenant) + count("order_items", tenant) + count("refunds", tenant) + count("checkouts", tenant);
        long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf("%nFULL SYNC BENCHMARK: %d orders, %d rows in %.1f s = %.0f rows/s; heap before %d MB, peak %d MB (max %d MB)%n%n",
                expected.orders(), rows, seconds, rows / seconds, before >> 20, peakHeap >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
        assertThat(count("orders", tenant)).isEqualTo(expected.orders());
        assertThat(count("order_items", tenant)).isEqualTo(expected.lineItems());
    }

    long count(String table, UUID tenant) {
        return jdbc.sql("select count(*) from " + table + " where tenant_id = ?").param(tenant).query(Long.class).single();
    }

    static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
