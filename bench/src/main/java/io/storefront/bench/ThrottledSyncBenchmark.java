package io.storefront.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * An incremental sync of many changed records under Shopify's standard-plan throttling (2,000-point bucket,
 * 100 points/s), against the least time the bucket allows for the cost Shopify charged for it:
 * {@code max(0, cost − bucket) / restore rate}. The sync also runs its ids-only bulk operations for deletions,
 * whose waiting is not bucket-bound; the report shows them apart.
 */
final class ThrottledSyncBenchmark {

    static final double BUCKET = 2000;
    static final double RESTORE_PER_SECOND = 100;

    record Result(int changes, Duration sync, double cost, double throttled, double minimumSeconds, JsonNode counts) {}

    Result run(Simulator simulator, Service service, int changes) throws Exception {
        String domain = "bench-throttled-" + UUID.randomUUID().toString().substring(0, 6) + ".myshopify.com";
        Simulator.Shop shop = simulator.createShop(domain, Math.max(200, changes / 2), true);
        UUID tenant = service.connect(domain, shop.accessToken(), shop.apiSecret());
        SyncBenchmark.awaitFinished(service, tenant, Duration.ofMinutes(10));
        simulator.activity(domain, Map.of("orders", changes / 4, "customerUpdates", changes / 2,
                "productUpdates", Math.max(1, changes / 20), "checkouts", changes / 5));
        Thread.sleep(2_000); // Shopify's bucket refills while the merchant works; start the sync from a full one
        double costBefore = metric(service, "shopify.query.cost", null);
        double throttledBefore = metric(service, "shopify.requests", "outcome:throttled");
        JsonNode started = service.call("POST", "/api/shopify/sync", tenant, Map.of("mode", "incremental"));
        JsonNode run = SyncBenchmark.awaitRun(service, tenant, started.get("syncRunId").asString(), Duration.ofMinutes(15));
        if (!run.path("status").asString().equals("SUCCEEDED")) {
            throw new IllegalStateException("throttled sync did not succeed: " + run);
        }
        double cost = metric(service, "shopify.query.cost", null) - costBefore;
        double throttled = metric(service, "shopify.requests", "outcome:throttled") - throttledBefore;
        Duration took = Duration.between(Instant.parse(run.get("startedAt").asString()),
                Instant.parse(run.get("finishedAt").asString()));
        return new Result(changes, took, cost, throttled, Math.max(0, cost - BUCKET) / RESTORE_PER_SECOND, run.get("counts"));
    }

    private static double metric(Service service, String name, String tag) throws Exception {
        var r = service.send("GET", "/actuator/metrics/" + name + (tag == null ? "" : "?tag=" + tag), null, null);
        if (r.statusCode() == 404) {
            return 0;
        }
        return Service.JSON.readTree(r.body()).get("measurements").get(0).get("value").asDouble();
    }
}
