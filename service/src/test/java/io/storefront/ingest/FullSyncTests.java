package io.storefront.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.storefront.simulator.ShopSpec;
import io.storefront.simulator.store.StoreSummary;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FullSyncTests extends SimulatorTest {


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

    /** A full sync also carries every test and guest order over. */
    @Override
    void assertMatches(UUID tenant, StoreSummary expected) {
        super.assertMatches(tenant, expected);
        assertThat(countWhere("orders", "test", tenant)).isEqualTo(expected.testOrders());
        assertThat(countWhere("orders", "customer_id is null", tenant)).isEqualTo(expected.guestOrders());
    }
}
