package io.storefront.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.storefront.simulator.ShopCredentials;
import dev.storefront.simulator.ShopSpec;
import dev.storefront.simulator.ShopifySimulator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Shopify client on each API version it is tested with (the pin and the next one): shop facts, a bulk query
 * that first has to clear a leftover operation, and webhook subscriptions, all against the simulator serving that
 * version's contract; and what it sent is valid Shopify for both versions, reading no deprecated field.
 */
class ApiVersionsTests {

    static final ShopifySimulator SIMULATOR = ShopifySimulator.start(0);
    static final JsonMapper JSON = JsonMapper.builder().build();

    @AfterAll
    static void stop() {
        SIMULATOR.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-10", "2026-01"})
    void the_client_works_on_the_version_and_sends_only_valid_undeprecated_shopify_graphql(String version) {
        ShopCredentials shop = SIMULATOR.createShop(ShopSpec.of("v" + version.replace("-", "") + ".myshopify.com")
                .withCounts(150, 10, 20_000, 10));
        AdminApi api = new AdminApi(settings(version), JSON, new SimpleMeterRegistry(),
                new StaticListableBeanFactory().getBeanProvider(Clock.class));
        BulkOperations bulk = new BulkOperations(api, JSON);
        WebhookSubscriptions webhooks = new WebhookSubscriptions(api);
        ShopifySession session = ShopifySession.fixed(shop.domain(), shop.accessToken());

        Shop facts = api.shop(session);
        assertThat(facts.currencyCode()).isEqualTo("USD");
        assertThat(facts.planName()).isEqualTo("Shopify");

        BulkOperation leftover = bulk.run(session, "{ orders { edges { node { id lineItems { edges { node { id } } } } } } }");
        BulkOperation started = bulk.run(session, "{ customers { edges { node { id defaultEmailAddress { emailAddress } } } } }");
        assertThat(bulk.status(session, leftover.id()).status()).isIn("CANCELED", "COMPLETED");
        BulkOperation done = bulk.await(session, started.id(), count -> { });
        List<String> emails = new ArrayList<>();
        bulk.forEachLine(done.url(), line -> emails.add(line.path("defaultEmailAddress").path("emailAddress").asString()));
        assertThat(emails).hasSize(150).allMatch(email -> email.contains("@"));

        WebhookSubscription created = webhooks.create(session, "orders/create", "https://example.com/hooks");
        assertThat(webhooks.list(session)).extracting(WebhookSubscription::id).containsExactly(created.id());
        webhooks.delete(session, created.id());
        assertThat(webhooks.list(session)).isEmpty();

        assertThat(SIMULATOR.documentsReceived(shop.domain())).allMatch(received -> received.version().equals(version)).isNotEmpty()
                .filteredOn(received -> received.document().contains("bulkOperationRunQuery"))
                .allMatch(received -> received.document().contains("groupObjects: false"));
        assertThat(ShopifyContract.problems(SIMULATOR.documentsReceived(shop.domain()), List.of(version))).isEmpty();
    }

    private static ShopifySettings settings(String version) {
        return new ShopifySettings(SIMULATOR.baseUrl() + "/{shop}", version, Duration.ofSeconds(2), Duration.ofSeconds(20), 3,
                Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofMinutes(1));
    }
}
