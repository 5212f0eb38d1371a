package io.storefront.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.storefront.Api;
import dev.storefront.simulator.Activity;
import dev.storefront.simulator.Faults;
import dev.storefront.simulator.ShopCredentials;
import dev.storefront.simulator.ShopSpec;
import io.storefront.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A sync run is leased to the instance that runs it: a second, real service process runs a full sync and is
 * killed ({@code kill -9}) half-way; once its lease has run out this instance takes the run over and finishes it,
 * and the data equals the shop's. An instance that lost its run stops without writing it, and a run waiting for a
 * free slot on a live instance keeps its lease, so no other instance starts it a second time.
 */
class SyncLeaseTests extends SimulatorTest {

    @Autowired SyncRecovery recovery;
    @Autowired SyncRunner runner;
    @Autowired SyncRuns runs;
    @Autowired SyncSettings settings;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopProcesses() {
        processes.forEach(Process::destroyForcibly);
    }

    private record RunRow(UUID id, String status, @Nullable String owner, long customers, int attempts) {}

    @Test
    void a_sync_of_a_killed_instance_is_taken_over_by_another_once_its_lease_runs_out(@TempDir Path dir) throws Exception {
        ShopCredentials shop = SIMULATOR.createShop(ShopSpec.of(uniqueDomain("lease")).withCounts(3_000, 100, 20_000, 500));
        int port = ServiceProcess.freePort();
        Process other = ServiceProcess.start(processes, port, dir.resolve("other.log"), Map.of(
                "STOREFRONT_SHOPIFY_API_BASE_URL", SIMULATOR.baseUrl() + "/{shop}",
                "STOREFRONT_SYNC_STALE_AFTER", "4s"));
        ServiceProcess.awaitReady(port, other);
        Api otherApi = new Api(port);
        Api.Session user = otherApi.newUser();
        UUID tenant = otherApi.connectStore(user, shop.domain(), shop.accessToken(), shop.apiSecret());

        RunRow[] running = new RunRow[1];
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
            running[0] = latestRun(tenant);
            return running[0] != null && running[0].status().equals("RUNNING") && running[0].customers() > 0;
        });
        assertThat(running[0].owner()).isNotNull().isNotEqualTo(runs.instance());
        other.destroyForcibly().waitFor();
        assertThat(latestRun(tenant).status()).as("killed half-way").isEqualTo("RUNNING");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            recovery.recover();
            return runs.instance().equals(latestRun(tenant).owner());
        });
        JsonNode done = awaitRun(new ConnectedShop(shop, user, tenant), running[0].id().toString(), Duration.ofSeconds(180));

        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(latestRun(tenant).attempts()).isEqualTo(2);
        assertMatches(tenant, SIMULATOR.summary(shop.domain(), true));
    }

    @Test
    void an_instance_whose_run_was_taken_over_stops_without_finishing_it() {
        ConnectedShop shop = connect(ShopSpec.of(uniqueDomain("lost")).withCounts(50, 10, 100, 10));
        assertThat(awaitLatestRunFinished(shop, Duration.ofSeconds(90)).path("status").asString()).isEqualTo("SUCCEEDED");
        SIMULATOR.activity(shop.domain(), new Activity(150, 20, 5, 5, 10, 5, 6));
        SIMULATOR.faults(shop.domain(), new Faults(true, null, null, 0, 60, 0, false, 0, null));
        UUID runId = runner.start(new io.storefront.tenants.StoreId(shop.tenant()), SyncMode.INCREMENTAL, "USER");
        await().atMost(Duration.ofSeconds(60)).until(() -> latestRun(shop.tenant()).customers() > 0);

        jdbc.sql("update sync_runs set owner = 'another-instance', lease_until = now() + interval '1 hour' where tenant_id = ? and id = ?")
                .params(shop.tenant(), runId).update();
        await().atMost(Duration.ofSeconds(30)).until(() -> !runner.isActive(runId));
        SIMULATOR.faults(shop.domain(), Faults.NONE);

        RunRow row = latestRun(shop.tenant());
        assertThat(row.status()).isEqualTo("RUNNING");
        assertThat(row.owner()).isEqualTo("another-instance");
        jdbc.sql("update sync_runs set status = 'FAILED' where tenant_id = ? and id = ?").params(shop.tenant(), runId).update();
    }

    @Test
    void a_run_waiting_queued_on_a_busy_instance_keeps_its_lease() {
        // slow enough that no running sync ends (freeing a slot for the queued one) while the lease is watched
        Faults slow = new Faults(true, null, null, 0, 8_000, 0, false, 0, null);
        List<ConnectedShop> shops = new ArrayList<>();
        for (int i = 0; i <= settings.concurrentRuns(); i++) {
            ShopCredentials credentials = SIMULATOR.createShop(ShopSpec.of(uniqueDomain("busy")).withCounts(10, 2, 10, 1));
            SIMULATOR.faults(credentials.domain(), slow);
            Api.Session user = api().newUser();
            shops.add(new ConnectedShop(credentials, user,
                    api().connectStore(user, credentials.domain(), credentials.accessToken(), credentials.apiSecret())));
        }
        UUID[] queued = new UUID[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            queued[0] = shops.stream().map(shop -> latestRun(shop.tenant())).filter(run -> run != null && run.status().equals("QUEUED"))
                    .map(RunRow::id).findFirst().orElse(null);
            return queued[0] != null;
        });

        jdbc.sql("update sync_runs set lease_until = now() - interval '1 second' where id = ?").param(queued[0]).update();

        await().atMost(settings.staleAfter().dividedBy(4).plusSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() ->
                jdbc.sql("select status = 'QUEUED' and lease_until > now() from sync_runs where id = ?").param(queued[0])
                        .query(Boolean.class).single());
        shops.forEach(shop -> SIMULATOR.faults(shop.domain(), Faults.NONE));
    }

    private @Nullable RunRow latestRun(UUID tenant) {
        return jdbc.sql("""
                select id, status, owner, coalesce((counts->>'customers')::bigint, 0), attempts
                  from sync_runs where tenant_id = ? order by created_at desc limit 1""").param(tenant)
                .query((rs, n) -> new RunRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getInt(5)))
                .optional().orElse(null);
    }
}
