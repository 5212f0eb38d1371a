package io.storefront.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The same intake load and the same full syncs against 1, 2, 3 … identical instances on one database, behind
 * haproxy with the repo's config: how far adding instances carries each before the shared database (and, on one
 * machine, the shared cores) stops it. Instances join one at a time, as they would in production. Then the
 * broker intake with as many instances, against the local RabbitMQ. Ceilings in the same run: pgbench's
 * single-row inserts into the inbox's shape (intake) and {@code COPY} of the rows the syncs wrote (sync).
 */
final class ScaleOutBenchmark {

    /**
     * {@code syncStores} stores of {@code syncOrders / syncStores} orders each are synced at every step, all
     * connected at once through the balancer (so their runs spread over the instances); {@code brokerInstances}
     * instances (0: none) run the last step with the broker intake on.
     */
    record Settings(List<Integer> instances, WebhookIntakeBenchmark.Settings intake, int syncOrders, int syncStores,
            int brokerInstances, String heap) {}

    /** One step: the intake maximum, then the syncs ({@code syncOwners}: how many instances ran them). */
    record Step(String mode, int instances, WebhookIntakeBenchmark.Phase intake, long acknowledged, long inInbox,
            long applied, List<UUID> synced, long rows, Duration sync, int syncOwners) {
        double rowsPerSecond() {
            return rows / (sync.toMillis() / 1000.0);
        }
    }

    /** {@code skipped}: why a part did not run (no haproxy, no RabbitMQ), for the report. */
    record Result(List<Step> steps, Pgbench.Result insertCeiling, long copyRows, Duration copy,
            List<String> skipped) {
        double copyRowsPerSecond() {
            return copy.isZero() ? Double.NaN : copyRows / (copy.toMillis() / 1000.0);
        }
    }

    static final String RABBITMQ_HOST = "127.0.0.1";
    static final int RABBITMQ_PORT = 5672;

    Result run(Database db, Settings settings) throws Exception {
        List<String> skipped = new ArrayList<>();
        List<Integer> counts = settings.instances();
        boolean balancer = Haproxy.available();
        if (!balancer) {
            counts = counts.isEmpty() ? counts : List.of(1);
            skipped.add("haproxy is not installed: 1 instance, without a balancer");
        }
        int brokerInstances = balancer ? settings.brokerInstances() : Math.min(1, settings.brokerInstances());
        if (brokerInstances > 0 && !rabbitmqListening()) {
            brokerInstances = 0;
            skipped.add("no RabbitMQ on " + RABBITMQ_HOST + ":" + RABBITMQ_PORT + ": broker mode not measured");
        }
        List<Step> steps = new ArrayList<>();
        try (Simulator simulator = Simulator.start()) {
            List<Service> instances = new ArrayList<>();
            try {
                for (int n : counts) {
                    while (instances.size() < n) {
                        instances.add(Service.start(db, simulator.apiBaseUrl(), settings.heap(),
                                "scale-out-" + (instances.size() + 1), Map.of()));
                    }
                    steps.add(step(db, simulator, instances, "embedded", settings, balancer));
                }
            } finally {
                close(instances);
            }
            if (brokerInstances > 0) {
                Map<String, String> brokerMode = Map.of("STOREFRONT_WEBHOOKS_BROKER", "rabbitmq",
                        "SPRING_RABBITMQ_HOST", RABBITMQ_HOST, "SPRING_RABBITMQ_PORT", Integer.toString(RABBITMQ_PORT),
                        "SPRING_RABBITMQ_USERNAME", "guest", "SPRING_RABBITMQ_PASSWORD", "guest",
                        // its own queue: a run stopped half-way leaves nothing in the service's default one
                        "STOREFRONT_WEBHOOKS_RABBITMQ_QUEUE", "storefront.bench.webhooks");
                try {
                    while (instances.size() < brokerInstances) {
                        instances.add(Service.start(db, simulator.apiBaseUrl(), settings.heap(),
                                "scale-out-broker-" + (instances.size() + 1), brokerMode));
                    }
                    steps.add(step(db, simulator, instances, "broker (RabbitMQ)", settings, balancer));
                } finally {
                    close(instances);
                }
            }
        }
        long[] copyRows = new long[1];
        Duration copy = copyCeiling(db, steps.get(0).synced(), copyRows);
        Pgbench.Result ceiling = new Pgbench.Result(Double.NaN, Double.NaN);
        if (Pgbench.available()) {
            ceiling = WebhookIntakeBenchmark.insertCeiling(db, settings.intake().concurrency(),
                    (int) Math.max(2, settings.intake().phase().toSeconds()));
        } else {
            skipped.add("pgbench is not installed: no intake ceiling");
        }
        return new Result(steps, ceiling, copyRows[0], copy, skipped);
    }

    /** One step: the running instances behind a freshly generated balancer (or the only one, directly). */
    private Step step(Database db, Simulator simulator, List<Service> instances, String mode, Settings settings,
            boolean balancer) throws Exception {
        Service client = instances.get(0);
        try (Haproxy lb = balancer ? Haproxy.start(instances) : null) {
            client.routeThrough(lb != null ? lb.baseUrl() : client.process.baseUrl());
            return measure(db, simulator, client, mode, instances.size(), settings);
        }
    }

    /** The intake maximum through {@code client}'s address, drained and checked; then the syncs. */
    private Step measure(Database db, Simulator simulator, Service client, String mode, int n, Settings settings)
            throws Exception {
        String shop = "bench-scale-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
        WebhookIntakeBenchmark intake = new WebhookIntakeBenchmark(shop);
        UUID tenant = intake.connect(simulator, client);
        WebhookIntakeBenchmark.Phase maximum = intake.maximum(settings.intake());
        long[] inbox = WebhookIntakeBenchmark.awaitDrained(db, tenant, intake.acknowledged(), Duration.ofMinutes(5));
        int orders = settings.syncOrders() / settings.syncStores();
        List<Simulator.Shop> shops = new ArrayList<>();
        for (int i = 0; i < settings.syncStores(); i++) {
            shops.add(simulator.createShop("bench-scale-sync-" + UUID.randomUUID().toString().substring(0, 8)
                    + ".myshopify.com", orders, false));
        }
        // one connect after the other through the balancer: round robin gives each instance its share of the runs
        List<UUID> tenants = new ArrayList<>();
        for (Simulator.Shop created : shops) {
            tenants.add(client.connect(created.domain(), created.accessToken(), created.apiSecret()));
        }
        Instant first = null;
        Instant last = null;
        long rows = 0;
        for (UUID store : tenants) {
            JsonNode run = SyncBenchmark.awaitFinished(client, store, Duration.ofMinutes(15));
            if (!run.path("status").asString().equals("SUCCEEDED")) {
                throw new IllegalStateException("sync did not succeed: " + run);
            }
            Instant started = Instant.parse(run.get("startedAt").asString());
            Instant finished = Instant.parse(run.get("finishedAt").asString());
            first = first == null || started.isBefore(first) ? started : first;
            last = last == null || finished.isAfter(last) ? finished : last;
            rows += SyncBenchmark.rows(run);
        }
        return new Step(mode, n, maximum, intake.acknowledged(), inbox[0], inbox[1], tenants, rows,
                Duration.between(first, last), owners(db, tenants));
    }

    /** How many instances ran the given stores' syncs (each run's row names its owner). */
    private static int owners(Database db, List<UUID> tenants) throws Exception {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "select count(distinct owner) from sync_runs where tenant_id = any (?)")) {
            s.setArray(1, c.createArrayOf("uuid", tenants.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** COPY of every row the stores' syncs wrote, store after store: the time is their sum. */
    private static Duration copyCeiling(Database db, List<UUID> tenants, long[] rows) throws Exception {
        Duration total = Duration.ZERO;
        for (UUID tenant : tenants) {
            total = total.plus(SyncBenchmark.copyCeiling(db, tenant, rows));
        }
        return total;
    }

    static boolean rabbitmqListening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(RABBITMQ_HOST, RABBITMQ_PORT), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void close(List<Service> instances) throws InterruptedException {
        for (Service instance : instances) {
            instance.close();
        }
        instances.clear();
    }
}
