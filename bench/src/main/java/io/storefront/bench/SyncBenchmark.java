package io.storefront.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import tools.jackson.databind.JsonNode;

/**
 * A full sync of a simulator store with throttling off, end to end through the packaged service (the first sync
 * a connection starts: bulk operations, JSONL streamed, staged and upserted). Ceiling in the same run: PostgreSQL
 * {@code COPY} of exactly the rows the sync wrote into the same tables (with their indexes and triggers), under
 * another tenant.
 */
final class SyncBenchmark {

    record Result(UUID tenant, int orders, long rows, Duration sync, long peakHeapMiB, long peakRssMiB, long copyRows,
            Duration copy, Duration generation, JsonNode counts) {
        double rowsPerSecond() {
            return rows / (sync.toMillis() / 1000.0);
        }

        double copyRowsPerSecond() {
            return copyRows / (copy.toMillis() / 1000.0);
        }
    }

    /** Child tables first: COPY into them needs nothing of the parents (no foreign keys between catalog tables). */
    private static final List<String> TABLES = List.of("customers", "products", "product_variants", "orders",
            "order_items", "refunds", "checkouts");

    Result run(Database db, Simulator simulator, Service service, int orders, boolean measureCeiling) throws Exception {
        String domain = "bench-sync-" + orders + "-" + UUID.randomUUID().toString().substring(0, 6) + ".myshopify.com";
        Instant generating = Instant.now();
        Simulator.Shop shop = simulator.createShop(domain, orders, false);
        Duration generation = Duration.between(generating, Instant.now());

        AtomicLong peakHeap = new AtomicLong();
        Thread sampler = new Thread(() -> sampleHeap(service, peakHeap));
        sampler.setDaemon(true);
        sampler.start();
        UUID tenant = service.connect(domain, shop.accessToken(), shop.apiSecret()); // starts the first full sync
        JsonNode run = awaitFinished(service, tenant, Duration.ofMinutes(15));
        sampler.interrupt();
        if (!run.path("status").asString().equals("SUCCEEDED")) {
            throw new IllegalStateException("sync did not succeed: " + run);
        }
        Duration sync = Duration.between(Instant.parse(run.get("startedAt").asString()),
                Instant.parse(run.get("finishedAt").asString()));
        long[] copyRows = new long[1];
        Duration copy = measureCeiling ? copyCeiling(db, tenant, copyRows) : Duration.ZERO;
        return new Result(tenant, orders, rows(run), sync, peakHeap.get(), service.process.peakRssMiB(), copyRows[0], copy,
                generation, run.get("counts"));
    }

    /** The rows a finished sync run wrote, over all resources. */
    static long rows(JsonNode run) {
        long rows = 0;
        for (JsonNode count : run.get("counts")) {
            rows += count.asLong();
        }
        return rows;
    }

    static JsonNode awaitRun(Service service, UUID tenant, String runId, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode run = service.call("GET", "/api/shopify/sync/" + runId, tenant, null);
            String status = run.path("status").asString();
            if (status.equals("SUCCEEDED") || status.equals("FAILED")) {
                return run;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("sync " + runId + " still running after " + timeout);
    }

    static JsonNode awaitFinished(Service service, UUID tenant, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode runs = service.call("GET", "/api/shopify/sync", tenant, null);
            if (runs.size() > 0) {
                String status = runs.get(0).path("status").asString();
                if (status.equals("SUCCEEDED") || status.equals("FAILED")) {
                    return runs.get(0);
                }
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("sync still running after " + timeout);
    }

    private static void sampleHeap(Service service, AtomicLong peakMiB) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                JsonNode used = service.call("GET", "/actuator/metrics/jvm.memory.used?tag=area:heap", null, null);
                long mib = (long) (used.get("measurements").get(0).get("value").asDouble() / (1024 * 1024));
                peakMiB.accumulateAndGet(mib, Math::max);
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // the service may be busy; the next sample will do
            }
        }
    }

    /** Exports the tenant's rows to files, then times COPY of them into the same tables under a fresh tenant. */
    static Duration copyCeiling(Database db, UUID tenant, long[] rows) throws SQLException, IOException {
        UUID ceilingTenant = UUID.randomUUID();
        Path dir = Files.createTempDirectory("copy-ceiling");
        List<Path> files = new ArrayList<>();
        try (Connection c = db.connect()) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            try (var s = c.createStatement()) {
                s.execute("insert into tenants (id, owner_id, name, shop_domain, connection_type) select '" + ceilingTenant
                        + "', owner_id, 'copy ceiling', 'ceiling-" + ceilingTenant + ".myshopify.com', 'ADMIN_TOKEN' from tenants where id = '"
                        + tenant + "'");
            }
            for (String table : TABLES) {
                Path file = dir.resolve(table + ".copy");
                files.add(file);
                String columns = columns(c, table);
                try (OutputStream out = Files.newOutputStream(file)) {
                    copy.copyOut("copy (select '" + ceilingTenant + "'::uuid" + columns.substring(columns.indexOf(','))
                            + " from " + table + " where tenant_id = '" + tenant + "') to stdout (format binary)", out);
                }
            }
            long started = System.nanoTime();
            c.setAutoCommit(false);
            for (int i = 0; i < TABLES.size(); i++) {
                try (InputStream in = Files.newInputStream(files.get(i))) {
                    rows[0] += copy.copyIn("copy " + TABLES.get(i) + " (" + columns(c, TABLES.get(i))
                            + ") from stdin (format binary)", in);
                }
            }
            c.commit();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            c.setAutoCommit(true);
            try (var s = c.createStatement()) {
                s.execute("delete from tenants where id = '" + ceilingTenant + "'");
            }
            return elapsed;
        } finally {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        }
    }

    /** The table's columns in order, tenant_id first (every catalog table leads with it). */
    private static String columns(Connection c, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (var s = c.prepareStatement("""
                select column_name from information_schema.columns
                 where table_schema = current_schema() and table_name = ? order by ordinal_position""")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        names.remove("tenant_id");
        names.add(0, "tenant_id");
        return String.join(", ", names);
    }
}
