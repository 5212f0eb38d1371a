package io.storefront.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.storefront.Api;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Subscribing a store's topics at Shopify (the fake Admin API), idempotently. */
class WebhookRegistrationTests extends WebhookIntegrationTest {

    @Test
    void connecting_a_store_subscribes_every_topic_to_its_intake_address() {
        Store store = connectStore();

        await().atMost(Duration.ofSeconds(20)).until(() -> SHOPIFY.of(store.domain()).size() == WebhookTopics.SUBSCRIBED.size());
        assertThat(SHOPIFY.of(store.domain())).allSatisfy(s ->
                assertThat(s.uri()).isEqualTo(PUBLIC_URL + "/api/webhook/" + store.tenantId()));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                count("select count(*) from webhooks where tenant_id = ?", store.tenantId()) == WebhookTopics.SUBSCRIBED.size());
    }

    @Test
    void registering_twice_makes_no_duplicates_and_replaces_stale_addresses() {
        Store store = connectStore();
        await().atMost(Duration.ofSeconds(20)).until(() -> SHOPIFY.of(store.domain()).size() == WebhookTopics.SUBSCRIBED.size());
        SHOPIFY.add(store.domain(), "ORDERS_CREATE", "https://old-host.example/api/webhook/" + store.tenantId());
        SHOPIFY.add(store.domain(), "ORDERS_CREATE", PUBLIC_URL + "/api/webhook/" + store.tenantId());

        Api.Response first = api().post("/api/shopify/webhooks/register", store.owner(), store.tenantId(), null);
        Api.Response second = api().post("/api/shopify/webhooks/register", store.owner(), store.tenantId(), null);

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        List<FakeShopify.Subscription> subscriptions = SHOPIFY.of(store.domain());
        assertThat(subscriptions).hasSize(WebhookTopics.SUBSCRIBED.size());
        assertThat(subscriptions).extracting(FakeShopify.Subscription::topic).doesNotHaveDuplicates();
        assertThat(subscriptions).allSatisfy(s -> assertThat(s.uri()).isEqualTo(PUBLIC_URL + "/api/webhook/" + store.tenantId()));
        assertThat(second.json().path("webhooks").size()).isEqualTo(WebhookTopics.SUBSCRIBED.size());
        assertThat(second.json().path("webhooks").get(0).path("subscriptionId").asString()).startsWith("gid://shopify/WebhookSubscription/");
        assertThat(count("select count(*) from webhooks where tenant_id = ?", store.tenantId()))
                .isEqualTo(WebhookTopics.SUBSCRIBED.size());
    }

    @Test
    void registering_someone_elses_store_is_not_found() {
        Store store = connectStore();
        Store other = connectStore();

        assertThat(api().post("/api/shopify/webhooks/register", other.owner(), store.tenantId(), null).status()).isEqualTo(404);
    }
}
