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
        assertThat(jdbc.sql("select count(*) from orders where tenant_id = ? and cancelled_at is not null").param(tenant)
                .query(Long.class).single()).isEqualTo(expected.cancelledOrders());
        assertThat(jdbc.sql("select count(*) from orders where tenant_id = ? and test").param(tenant)
                .query(Long.class).single()).isEqualTo(expected.testOrders());
        assertThat(jdbc.sql("select count(*) from orders where tenant_id = ? and customer_id is null").param(tenant)
                .query(Long.class).single()).isEqualTo(expected.guestOrders());
    }
}
