package io.storefront.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.storefront.shopify.ShopifyContract;
import dev.storefront.simulator.Activity;
import dev.storefront.simulator.ShopSpec;
import dev.storefront.simulator.ShopifyAdminSchema;
import dev.storefront.simulator.admin.ReceivedDocuments.Received;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Everything the service sends Shopify in a store's life — the full sync with its bulk queries, an
 * incremental sync with the follow-up pages, reconciliation and webhook registration — checked against
 * Shopify's published Admin API schemas, not the simulator's copy.
 */
class ShopifyContractTests extends SimulatorTest {

    @Test
    void every_document_the_service_sends_is_valid_on_2025_10_and_2026_01_and_reads_no_deprecated_field() {
        ConnectedShop shop = connect(ShopSpec.of(uniqueDomain("contract")).withCounts(60, 8, 300, 20));
        assertThat(awaitLatestRunFinished(shop, Duration.ofSeconds(90)).path("status").asString()).isEqualTo("SUCCEEDED");
        SIMULATOR.activity(shop.domain(), new Activity(20, 5, 3, 4, 3, 2, 3));
        for (String mode : List.of("incremental", "reconcile")) {
            String run = api().post("/api/shopify/sync", shop.user(), shop.tenant(), Map.of("mode", mode)).json().path("syncRunId").asString();
            assertThat(awaitRun(shop, run, Duration.ofSeconds(90)).path("status").asString()).as(mode).isEqualTo("SUCCEEDED");
        }
        assertThat(api().post("/api/shopify/webhooks/register", shop.user(), shop.tenant(), null).status()).isEqualTo(200);

        List<Received> sent = SIMULATOR.documentsReceived(shop.domain());
        assertThat(sent).extracting(Received::document)
                .anyMatch(document -> document.contains("bulkOperationRunQuery"))
                .anyMatch(document -> document.startsWith("{ orders"))
                .anyMatch(document -> document.startsWith("query page("))
                .anyMatch(document -> document.contains("webhookSubscriptionCreate"))
                .anyMatch(document -> document.contains("webhookSubscriptions("))
                .anyMatch(document -> document.contains("{ shop {"));
        assertThat(ShopifyContract.problems(sent, ShopifyAdminSchema.VERSIONS)).isEmpty();
    }
}
