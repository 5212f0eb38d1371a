package io.storefront.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.storefront.simulator.ShopSpec;
import io.storefront.simulator.store.StoreSummary;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
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

    /** As in bench/run sync: children first, COPY needs nothing of their parents. */
    static final List<String> CEILING_TABLES = List.of("customers", "products", "product_variants", "orders",
            "order_items", "refunds", "checkouts");

    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;

    @Test
    void measures_rows_per_second_and_heap_of_a_full_sync() throws Exception {
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
        double ceiling = copyCeiling(tenant);
        System.out.printf("%nCOPY CEILING: %.0f rows/s; the sync reached %.0f %% of it%n%n", ceiling,
                100 * rows / seconds / ceiling);
        assertThat(count("orders", tenant)).isEqualTo(expected.orders());
        assertThat(count("order_items", tenant)).isEqualTo(expected.lineItems());
    }

    /**
     * Rows per second of a plain binary COPY of the same rows into the same tables (indexes and insights
     * triggers included) under a fresh tenant, as {@code bench/run sync} measures it.
     */
    double copyCeiling(UUID tenant) throws Exception {
        UUID copyTenant = UUID.randomUUID();
        jdbc.sql("""
                insert into tenants (id, owner_id, name, shop_domain, connection_type)
                select ?, owner_id, 'copy ceiling', ?, 'ADMIN_TOKEN' from tenants where id = ?""")
                .params(copyTenant, "ceiling-" + copyTenant + ".myshopify.com", tenant).update();
        Path dir = Files.createTempDirectory("copy-ceiling");
        try (Connection c = dataSource.getConnection()) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (String table : CEILING_TABLES) {
                String columns = String.join(", ", jdbc.sql("""
                        select column_name from information_schema.columns
                         where table_schema = current_schema() and table_name = ? and column_name <> 'tenant_id'
                         order by ordinal_position""").param(table).query(String.class).list());
                try (OutputStream out = Files.newOutputStream(dir.resolve(table))) {
                    copy.copyOut("copy (select '" + copyTenant + "'::uuid, " + columns + " from " + table
                            + " where tenant_id = '" + tenant + "') to stdout (format binary)", out);
                }
            }
            long rows = 0;
            long started = System.nanoTime();
            c.setAutoCommit(false);
            for (String table : CEILING_TABLES) {
                String columns = String.join(", ", jdbc.sql("""
                        select column_name from information_schema.columns
                         where table_schema = current_schema() and table_name = ? and column_name <> 'tenant_id'
                         order by ordinal_position""").param(table).query(String.class).list());
                try (InputStream in = Files.newInputStream(dir.resolve(table))) {
                    rows += copy.copyIn("copy " + table + " (tenant_id, " + columns + ") from stdin (format binary)", in);
                }
            }
            c.commit();
            double seconds = (System.nanoTime() - started) / 1e9;
            c.setAutoCommit(true);
            return rows / seconds;
        } finally {
            for (String table : CEILING_TABLES) {
                Files.deleteIfExists(dir.resolve(table));
            }
            Files.deleteIfExists(dir);
            jdbc.sql("delete from tenants where id = ?").param(copyTenant).update();
        }
    }

    long count(String table, UUID tenant) {
        return jdbc.sql("select count(*) from " + table + " where tenant_id = ?").param(tenant).query(Long.class).single();
    }

    static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
