package io.storefront.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.storefront.Api;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Subscribing a store's topics at the simulated shop, checked over its real Admin GraphQL API. */
class WebhookRegistrationTests extends WebhookIntegrationTest {

    @Test
    void connecting_a_store_subscribes_every_topic_to_its_intake_address() {
        Store store = connectStore();

        awaitSubscribed(store);
        List<Subscription> subscriptions = subscriptions(store);
        assertThat(subscriptions).allSatisfy(s -> assertThat(s.uri()).isEqualTo(store.intakeUrl()));
        assertThat(subscriptions).extracting(Subscription::topic).containsExactlyInAnyOrderElementsOf(
                WebhookTopics.SUBSCRIBED.stream().map(t -> t.replace('/', '_').toUpperCase()).toList());
        await().atMost(Duration.ofSeconds(20)).until(() ->
                count("select count(*) from webhooks where tenant_id = ?", store.tenantId()) == WebhookTopics.SUBSCRIBED.size());
    }

    @Test
    void registering_twice_makes_no_duplicates_and_replaces_stale_addresses() {
        Store store = connectStore();
        awaitSubscribed(store);
        subscribe(store, "ORDERS_CREATE", "https://old-host.example/api/webhook/" + store.tenantId());
        subscribe(store, "ORDERS_CREATE", PUBLIC_URL + "/api/webhook/" + UUID.randomUUID());
        subscribe(store, "PRODUCTS_UPDATE", "https://old-host.example/api/webhook/" + store.tenantId());

        Api.Response first = api().post("/api/shopify/webhooks/register", store.owner(), store.tenantId(), null);
        Api.Response second = api().post("/api/shopify/webhooks/register", store.owner(), store.tenantId(), null);

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        List<Subscription> subscriptions = subscriptions(store);
        assertThat(subscriptions).hasSize(WebhookTopics.SUBSCRIBED.size());
        assertThat(subscriptions).extracting(Subscription::topic).doesNotHaveDuplicates();
        assertThat(subscriptions).allSatisfy(s -> assertThat(s.uri()).isEqualTo(store.intakeUrl()));
        assertThat(second.json().path("webhooks").size()).isEqualTo(WebhookTopics.SUBSCRIBED.size());
        assertThat(second.json().path("webhooks").findValuesAsString("subscriptionId"))
                .containsExactlyInAnyOrderElementsOf(subscriptions.stream().map(Subscription::id).toList());
        assertThat(count("select count(*) from webhooks where tenant_id = ?", store.tenantId()))
                .isEqualTo(WebhookTopics.SUBSCRIBED.size());
    }

    @Test
    void registrations_running_at_once_all_succeed_with_one_subscription_per_topic() throws Exception {
        Store store = connectStore();
        awaitSubscribed(store);
        for (Subscription s : subscriptions(store)) {
            unsubscribe(store, s.id());
        }
        subscribe(store, "PRODUCTS_UPDATE", "https://old-host.example/api/webhook/" + store.tenantId());

        // four at once: each finds topics missing and a stale address, and all but one lose the race for each
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() ->
                        api().post("/api/shopify/webhooks/register", store.owner(), store.tenantId(), null).status()));
            }
            for (var answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        List<Subscription> subscriptions = subscriptions(store);
        assertThat(subscriptions).extracting(Subscription::topic).doesNotHaveDuplicates()
                .hasSize(WebhookTopics.SUBSCRIBED.size());
        assertThat(subscriptions).allSatisfy(s -> assertThat(s.uri()).isEqualTo(store.intakeUrl()));
    }

    @Test
    void registering_someone_elses_store_is_not_found() {
        Store store = connectStore();
        Store other = connectStore();

        assertThat(api().post("/api/shopify/webhooks/register", other.owner(), store.tenantId(), null).status()).isEqualTo(404);
    }
}
