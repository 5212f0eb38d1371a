package io.storefront.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * One entry point: {@code bench/run <webhooks|sync|scale|throttled|dashboard|scale-out|all> [--smoke]}. Each benchmark prints a Markdown
 * section (figure, ceiling from the same run, ratio) and keeps it in {@code bench/target/results/}.
 */
public final class Bench {

    private Bench() {}

    public static void main(String[] args) throws Exception {
        List<String> names = new ArrayList<>();
        boolean smoke = false;
        for (String arg : args) {
            if (arg.equals("--smoke")) {
                smoke = true;
            } else {
                names.add(arg);
            }
        }
        if (names.isEmpty() || names.contains("all")) {
            names = List.of("webhooks", "sync", "scale", "throttled");
        }
        try (Database db = Database.start()) {
            for (String name : names) {
                String report = switch (name) {
                    case "webhooks" -> webhooks(db, smoke);
                    case "sync" -> syncAndDashboard(db, smoke ? List.of(2_000) : List.of(1_000_000), smoke);
                    case "throttled" -> throttled(db, smoke ? 200 : 4_000);
                    case "scale" -> syncAndDashboard(db, smoke ? List.of(500, 2_000) : List.of(10_000, 100_000), smoke);
                    case "dashboard" -> dashboardOfLargestStore(db, smoke ? 5 : 50);
                    case "scale-out" -> scaleOut(db, smoke);
                    default -> throw new IllegalArgumentException("unknown benchmark " + name
                            + " (webhooks, sync, scale, throttled, dashboard, scale-out, all)");
                };
                System.out.println(report);
                Path out = JavaProcess.repoRoot().resolve("bench/target/results/" + name + ".md");
                Files.createDirectories(out.getParent());
                Files.writeString(out, report);
            }
        }
    }

    static String webhooks(Database db, boolean smoke) throws Exception {
        var settings = new WebhookIntakeBenchmark.Settings(smoke ? 8 : 64, Duration.ofSeconds(smoke ? 2 : 20));
        WebhookIntakeBenchmark.Result r = new WebhookIntakeBenchmark().run(db, settings);
        StringBuilder md = new StringBuilder("## Webhook intake\n\n");
        md.append(f("%s, %d concurrent connections, %d s phases; signed real-format `orders/create` deliveries, each a "
                        + "new webhook id, applied by the workers while the load runs. The maximum comes from wrk when "
                        + "installed (else the Java client); the 50 %%/90 %% and step phases are open-loop (latency from "
                        + "the intended send time). Ceiling: pgbench single-row inserts into a copy of `webhook_deliveries` "
                        + "(same columns and indexes, same body) at the same concurrency.%n%n",
                machine(), r.concurrency(), settings.phase().toSeconds()));
        md.append("| phase | offered /s | achieved /s | errors | p50 ms | p99 ms |\n|---|---|---|---|---|---|\n");
        for (var p : List.of(r.sustained(), r.half(), r.ninety(), r.step())) {
            md.append(f("| %s | %s | %.0f | %d (%.2f %%) | %.1f | %.1f |%n", p.name(),
                    Double.isNaN(p.offeredPerSecond()) ? "max" : f("%.0f", p.offeredPerSecond()),
                    p.achievedPerSecond(), p.errors(), 100 * p.errorRate(), p.p50Ms(), p.p99Ms()));
        }
        md.append(f("%n- ceiling (pgbench): **%.0f inserts/s**; intake/ceiling = **%.0f %%**%n",
                r.ceiling().tps(), 100 * r.sustained().achievedPerSecond() / r.ceiling().tps()));
        md.append(f("- latency ceiling at the 50 %% rate (pgbench --rate %.0f, the same inserts on %d connections, from"
                        + " each insert's scheduled start): p50 %.1f ms, p99 **%.1f ms**; intake p99 / ceiling p99 = **%.1f×**%n",
                r.halfCeiling().ratePerSecond(), WebhookIntakeBenchmark.OPEN_LOOP_CONNECTIONS, r.halfCeiling().p50Ms(),
                r.halfCeiling().p99Ms(), r.half().p99Ms() / r.halfCeiling().p99Ms()));
        md.append(f("- acknowledged with 200: %d; in the inbox: %d; applied: %d (acknowledged but missing: %d)%n",
                r.acknowledged(), r.inInbox(), r.applied(), Math.max(0, r.acknowledged() - r.inInbox())));
        md.append(f("- apply lag (received → applied): p50 %.0f ms, p99 %.0f ms; backlog drained %.1f s after the load%n",
                r.applyLagP50Ms(), r.applyLagP99Ms(), r.drain().toMillis() / 1000.0));
        return md.toString();
    }

    /**
     * Stores of the given sizes synced one after another into one database that already holds 50 smaller stores
     * (so the big store is never alone in its tables), each followed by the dashboard measurement on it.
     */
    static String syncAndDashboard(Database db, List<Integer> sizes, boolean smoke) throws Exception {
        StringBuilder md = new StringBuilder("## Full sync and dashboard\n\n");
        try (Simulator simulator = Simulator.start(); Service service = Service.start(db, simulator.apiBaseUrl(), "512m")) {
            service.register();
            int neighbours = smoke ? 2 : 50;
            for (int i = 0; i < neighbours; i++) {
                new SyncBenchmark().run(db, simulator, service, smoke ? 200 : 2_000, false);
            }
            md.append(f("%s; service heap capped at 512 MB (`-Xmx512m`); %d other stores in the same tables. "
                    + "Simulator throttling off. Ceiling: `COPY` (binary) of exactly the rows the sync wrote into "
                    + "the same tables, with their indexes and triggers, under another tenant.%n%n", machine(), neighbours));
            md.append("| orders | rows written | sync s | rows/s | COPY rows/s | sync/COPY | peak heap MB | peak RSS MB |\n");
            md.append("|---|---|---|---|---|---|---|---|\n");
            StringBuilder dashboards = new StringBuilder();
            for (int orders : sizes) {
                SyncBenchmark.Result r = new SyncBenchmark().run(db, simulator, service, orders, true);
                md.append(f("| %,d | %,d | %.1f | %,.0f | %,.0f | %.0f %% | %d | %d |%n", r.orders(), r.rows(),
                        r.sync().toMillis() / 1000.0, r.rowsPerSecond(), r.copyRowsPerSecond(),
                        100 * r.rowsPerSecond() / r.copyRowsPerSecond(), r.peakHeapMiB(), r.peakRssMiB()));
                DashboardBenchmark.Result d = new DashboardBenchmark().run(db, service, r.tenant(), Service.PASSWORD,
                        smoke ? 5 : 50);
                dashboards.append(dashboardSection(d, orders));
            }
            md.append(dashboards);
        }
        return md.toString();
    }

    /**
     * The dashboard measurement alone, on the largest store already in the database: for re-measuring after a
     * change to the insights without syncing again ({@code BENCH_DATA_DIR} keeps the embedded database).
     */
    static String dashboardOfLargestStore(Database db, int requests) throws Exception {
        UUID tenant;
        String owner;
        long orders;
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery("""
                select t.id, u.email, count(*) from orders o join tenants t on t.id = o.tenant_id
                join users u on u.id = t.owner_id group by 1, 2 order by 3 desc limit 1""")) {
            if (!rs.next()) {
                throw new IllegalStateException("no store with orders in the database: run bench/run sync first "
                        + "with the same BENCH_DATA_DIR or BENCH_DATABASE_URL");
            }
            tenant = rs.getObject(1, UUID.class);
            owner = rs.getString(2);
            orders = rs.getLong(3);
        }
        try (Simulator simulator = Simulator.start(); Service service = Service.start(db, simulator.apiBaseUrl(), "512m")) {
            service.signIn(owner);
            return "## Dashboard\n" + dashboardSection(
                    new DashboardBenchmark().run(db, service, tenant, Service.PASSWORD, requests), (int) orders);
        }
    }

    private static String dashboardSection(DashboardBenchmark.Result d, int orders) {
        StringBuilder md = new StringBuilder();
        md.append(f("%n### Dashboard, %,d-order store, one-year range (%d requests each after warm-up)%n%n",
                orders, d.requests()));
        md.append("| endpoint | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|\n");
        for (var fig : d.endpoints()) {
            md.append(f("| %s | %.1f | %.1f | %.1f |%n", fig.name(), fig.p50(), fig.p95(), fig.p99()));
        }
        md.append(f("%nCeiling (the same figures from one hand-written SQL query each, over JDBC, %d runs each after warm-up):%n%n",
                Math.min(d.requests(), DashboardBenchmark.CEILING_SAMPLES)));
        md.append("| query | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|\n");
        for (var fig : d.ceilings()) {
            md.append(f("| %s | %.1f | %.1f | %.1f |%n", fig.name(), fig.p50(), fig.p95(), fig.p99()));
        }
        return md.toString();
    }

    static String throttled(Database db, int changes) throws Exception {
        StringBuilder md = new StringBuilder("## Throttled incremental sync\n\n");
        try (Simulator simulator = Simulator.start();
                Service service = Service.start(db, simulator.apiBaseUrl(), "512m")) {
            service.register();
            ThrottledSyncBenchmark.Result r = new ThrottledSyncBenchmark().run(simulator, service, changes);
            md.append(f("%s. Shopify's standard plan as the simulator enforces it (bucket %.0f points, %.0f points/s). "
                    + "About %,d changed records (orders, customers, products, checkouts) fetched by cursor pages on "
                    + "`updated_at`. Minimum = (cost charged − bucket) / restore rate.%n%n", machine(),
                    ThrottledSyncBenchmark.BUCKET, ThrottledSyncBenchmark.RESTORE_PER_SECOND, r.changes()));
            md.append("| cost charged (points) | minimum s | sync s | sync / minimum | THROTTLED answers |\n|---|---|---|---|---|\n");
            md.append(f("| %,.0f | %.1f | %.1f | %.2f | %.0f |%n", r.cost(), r.minimumSeconds(), r.sync().toMillis() / 1000.0,
                    r.minimumSeconds() == 0 ? Double.NaN : r.sync().toMillis() / 1000.0 / r.minimumSeconds(), r.throttled()));
            md.append(f("%nRecords written per resource: %s%n", r.counts()));
        }
        return md.toString();
    }

    /**
     * The smoke runs one step on one instance behind the balancer: with the broker intake when RabbitMQ is there
     * (so both the balancer's and the broker's set-up are exercised with one service start), else embedded.
     */
    static String scaleOut(Database db, boolean smoke) throws Exception {
        boolean broker = ScaleOutBenchmark.rabbitmqListening();
        var settings = smoke
                ? new ScaleOutBenchmark.Settings(broker ? List.of() : List.of(1),
                        new WebhookIntakeBenchmark.Settings(4, Duration.ofSeconds(1)), 400, 2, 1, "512m")
                : new ScaleOutBenchmark.Settings(List.of(1, 2, 3),
                        new WebhookIntakeBenchmark.Settings(64, Duration.ofSeconds(15)), 100_000, 6, 1, "512m");
        ScaleOutBenchmark.Result r = new ScaleOutBenchmark().run(db, settings);
        StringBuilder md = new StringBuilder("## Scale-out\n\n");
        md.append(f("%s; every instance, the database, haproxy (`deploy/haproxy.cfg`, ports rewritten), the simulator and "
                        + "the load generator on the same machine; service heap %s per instance, instances added one at "
                        + "a time. Intake: %d s closed loop on %d connections through the balancer (signed `orders/create`, "
                        + "a new webhook id each), after a 2 s warm-up. Sync: %,d orders in %d stores of %,d, all connected "
                        + "at once through the balancer, rows/s from the first run's start to the last one's end. "
                        + "Ceilings: pgbench single-row inserts into a copy of `webhook_deliveries` on %d connections; "
                        + "`COPY` (binary) of the rows the first step's syncs wrote.%n%n",
                machine(), settings.heap(), settings.intake().phase().toSeconds(), settings.intake().concurrency(),
                settings.syncOrders(), settings.syncStores(), settings.syncOrders() / settings.syncStores(),
                settings.intake().concurrency()));
        md.append("| intake | instances | deliveries/s | × 1 instance | / pgbench | errors | sync rows/s | × 1 instance "
                + "| / COPY | instances that ran syncs |\n|---|---|---|---|---|---|---|---|---|---|\n");
        ScaleOutBenchmark.Step one = r.steps().get(0);
        for (ScaleOutBenchmark.Step step : r.steps()) {
            double intake = step.intake().achievedPerSecond();
            md.append(f("| %s | %d | %,.0f | %.2f | %.0f %% | %d | %,.0f | %.2f | %.0f %% | %d |%n", step.mode(),
                    step.instances(), intake, intake / one.intake().achievedPerSecond(),
                    100 * intake / r.insertCeiling().tps(), step.intake().errors(), step.rowsPerSecond(),
                    step.rowsPerSecond() / one.rowsPerSecond(), 100 * step.rowsPerSecond() / r.copyRowsPerSecond(),
                    step.syncOwners()));
        }
        md.append(f("%n- ceilings: pgbench **%,.0f inserts/s**; `COPY` **%,.0f rows/s** (%,d rows)%n",
                r.insertCeiling().tps(), r.copyRowsPerSecond(), r.copyRows()));
        for (ScaleOutBenchmark.Step step : r.steps()) {
            md.append(f("- %s, %d instance(s): acknowledged with 200: %d; in the inbox: %d; applied: %d (acknowledged "
                            + "but missing: %d); synced %,d rows in %.1f s%n", step.mode(), step.instances(),
                    step.acknowledged(), step.inInbox(), step.applied(), Math.max(0, step.acknowledged() - step.inInbox()),
                    step.rows(), step.sync().toMillis() / 1000.0));
        }
        for (String skipped : r.skipped()) {
            md.append("- skipped: ").append(skipped).append('\n');
        }
        return md.toString();
    }

    static String machine() {
        return f("%d cores, Java %s", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
    }

    static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
