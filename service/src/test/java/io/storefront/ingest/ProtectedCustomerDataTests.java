package io.storefront.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.simulator.Activity;
import dev.storefront.simulator.ShopSpec;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A public app Shopify has not approved for protected customer data gets no names, emails or phones, and its bulk
 * queries asking for them fail ACCESS_DENIED: the sync still loads every record and amount, without those fields.
 */
class ProtectedCustomerDataTests extends SimulatorTest {

    @Test
    void a_full_sync_without_protected_customer_data_loads_everything_else() {
        ConnectedShop shop = connect(ShopSpec.of(uniqueDomain("unapproved")).withCounts(80, 10, 300, 30).withCustomerDataApproved(false));

        assertThat(awaitLatestRunFinished(shop, Duration.ofSeconds(90)).path("status").asString()).isEqualTo("SUCCEEDED");

        assertMatches(shop.tenant(), SIMULATOR.summary(shop.domain(), true));
        assertThat(countWhere("customers", "(email is not null or first_name is not null or last_name is not null or phone is not null)",
                shop.tenant())).isZero();
        assertThat(countWhere("orders", "email is not null", shop.tenant())).isZero();

        SIMULATOR.activity(shop.domain(), new Activity(10, 5, 2, 3, 2, 1, 0));
        String run = api().post("/api/shopify/sync", shop.user(), shop.tenant(), Map.of("mode", "incremental")).json()
                .path("syncRunId").asString();
        assertThat(awaitRun(shop, run, Duration.ofSeconds(90)).path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(countWhere("customers", "email is not null", shop.tenant())).isZero();
    }
}
