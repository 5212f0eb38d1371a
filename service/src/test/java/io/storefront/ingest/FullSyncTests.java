package io.storefront.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.storefront.catalog.Resource;
import io.storefront.shopify.AdminApi;
import io.storefront.shopify.ShopifySession;
import dev.storefront.simulator.ShopSpec;
import dev.storefront.simulator.store.StoreSummary;
import io.storefront.tenants.StoreId;
import io.storefront.tenants.Stores;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class FullSyncTests extends SimulatorTest {

    @Autowired
    BulkSnapshot snapshot;
    @Autowired
    SyncRuns runs;
    @Autowired
    Stores stores;
    @Autowired
    AdminApi admin;

    @Test
    void a_first_full_sync_reproduces_every_record_and_amount_of_the_shop() {
        ConnectedShop shop = connect(ShopSpec.of(uniqueDomain("full")).withCounts(120, 30, 600, 60));

        JsonNode run = awaitLatestRunFinished(shop, Duration.ofSeconds(90));

        assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.path("mode").asString()).isEqualTo("FULL");
        assertThat(run.path("percent").asInt()).isEqualTo(100);
        assertMatches(shop.tenant(), SIMULATOR.summary(shop.domain(), true));
        JsonNode facts = api().get("/api/tenant", shop.user(), null).json();
        assertThat(facts.toString()).contains("America/New_York");
    }

    @Test
    void two_shops_on_the_same_simulator_never_mix() {
        ConnectedShop first = connect(ShopSpec.of(uniqueDomain("mix-a")).withCounts(50, 10, 200, 20).withSeed(1));
        ConnectedShop second = connect(ShopSpec.of(uniqueDomain("mix-b")).withCounts(40, 12, 150, 10).withSeed(1));

        assertThat(awaitLatestRunFinished(first, Duration.ofSeconds(90)).path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(awaitLatestRunFinished(second, Duration.ofSeconds(90)).path("status").asString()).isEqualTo("SUCCEEDED");

        assertMatches(first.tenant(), SIMULATOR.summary(first.domain(), true));
        assertMatches(second.tenant(), SIMULATOR.summary(second.domain(), true));
        assertThat(api().get("/api/shopify/orders", first.user(), second.tenant()).status()).isEqualTo(404);
    }

    /**
     * Shopify runs one bulk query per shop at a time: the next resource's operation starts once one completes, so
     * Shopify prepares it while the completed one's file streams in. Each resource, when loaded, must therefore
     * find the next one's operation already current at Shopify; a sync that starts each operation only after the
     * previous file is in would find its own.
     */
    @Test
    void shopify_prepares_the_next_resource_while_the_one_before_streams_in() {
        ConnectedShop shop = connect(ShopSpec.of(uniqueDomain("pipelined")).withCounts(60, 10, 200, 20));
        assertThat(awaitLatestRunFinished(shop, Duration.ofSeconds(90)).path("status").asString()).isEqualTo("SUCCEEDED");
        StoreId store = new StoreId(shop.tenant());
        ShopifySession session = stores.session(store);
        UUID run = runs.create(store, SyncMode.RECONCILE, "TEST");
        SyncProgress progress = new SyncProgress(store, run, runs, Clock.systemUTC(), Map.of());
        List<Resource> resources = List.of(Resource.CUSTOMERS, Resource.PRODUCTS, Resource.ORDERS, Resource.CHECKOUTS);
        List<String> currentWhenLoaded = new ArrayList<>();

        snapshot.loadAll(session, resources, Instant.now(), progress, (resource, snapshotTaken) -> currentWhenLoaded.add(
                admin.query(session, "{ currentBulkOperation(type: QUERY) { query } }")
                        .path("currentBulkOperation").path("query").asString()));
        runs.succeed(store, run);

        assertThat(currentWhenLoaded).containsExactly(SyncQueries.bulk(Resource.PRODUCTS, true),
                SyncQueries.bulk(Resource.ORDERS, true), SyncQueries.bulk(Resource.CHECKOUTS, true), SyncQueries.bulk(Resource.CHECKOUTS, true));
        assertMatches(shop.tenant(), SIMULATOR.summary(shop.domain(), true));
    }

    /** A full sync also carries every test and guest order over. */
    @Override
    void assertMatches(UUID tenant, StoreSummary expected) {
        super.assertMatches(tenant, expected);
        assertThat(countWhere("orders", "test", tenant)).isEqualTo(expected.testOrders());
        assertThat(countWhere("orders", "customer_id is null", tenant)).isEqualTo(expected.guestOrders());
    }
}
