package io.storefront.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The door: HMAC over the raw bytes, one answer for every kind of stranger, dedup on the webhook id. */
class WebhookIntakeTests extends WebhookIntegrationTest {

    @Autowired InboxWriter inboxWriter;

    @Test
    void accepts_a_signed_delivery_and_applies_it_after_answering() {
        Store store = connectStore();

        HttpResponse<String> response = deliver(store, "orders/create", fixture("orders-create"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(count("select count(*) from webhook_deliveries where tenant_id = ? and topic = 'orders/create' and api_version = '2025-10' and triggered_at is not null and event_id is not null and shop_domain = ?",
                store.tenantId(), store.domain())).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> unfinished(store) == 0);
        assertThat(jdbc.sql("select total_price from orders where tenant_id = ? and shopify_id = 5829364019283")
                .param(store.tenantId()).query(java.math.BigDecimal.class).single()).isEqualByComparingTo("84.00");
        assertThat(count("select count(*) from order_items where tenant_id = ? and order_id = 5829364019283", store.tenantId()))
                .isEqualTo(1);
    }

    @Test
    void stores_the_raw_body_byte_for_byte() {
        Store store = connectStore();
        byte[] body = fixture("products-create");

        deliver(store, "products/create", body);

        assertThat(jdbc.sql("select body from webhook_deliveries where tenant_id = ?").param(store.tenantId())
                .query(byte[].class).single()).isEqualTo(body);
    }

    @Test
    void rejects_a_delivery_whose_body_changed_by_one_byte() {
        Store store = connectStore();
        byte[] body = fixture("orders-create");
        String signature = WebhookSignature.signBase64(store.secret().getBytes(StandardCharsets.UTF_8), body);
        byte[] altered = body.clone();
        altered[100] ^= 1;

        HttpResponse<String> response = deliver(store.tenantId().toString(), store.domain(), "orders/create", altered,
                UUID.randomUUID().toString(), signature);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(inboxRows(store)).isZero();
    }

    @Test
    void rejects_a_delivery_without_a_signature() {
        Store store = connectStore();

        HttpResponse<String> response = deliver(store.tenantId().toString(), store.domain(), "orders/create",
                fixture("orders-create"), UUID.randomUUID().toString(), null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(inboxRows(store)).isZero();
    }

    @Test
    void rejects_a_delivery_signed_with_another_stores_secret() {
        Store store = connectStore();
        Store other = connectStore();
        byte[] body = fixture("orders-create");

        HttpResponse<String> response = deliver(store.tenantId().toString(), store.domain(), "orders/create", body,
                UUID.randomUUID().toString(), WebhookSignature.signBase64(other.secret().getBytes(StandardCharsets.UTF_8), body));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(inboxRows(store)).isZero();
    }

    @Test
    void rejects_a_correctly_signed_delivery_from_another_shop_domain() {
        Store store = connectStore();
        byte[] body = fixture("orders-create");

        HttpResponse<String> response = deliver(store.tenantId().toString(), "someone-else.myshopify.com", "orders/create",
                body, UUID.randomUUID().toString(), WebhookSignature.signBase64(store.secret().getBytes(StandardCharsets.UTF_8), body));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(inboxRows(store)).isZero();
    }

    @Test
    void answers_an_unknown_tenant_exactly_as_a_bad_signature() {
        Store store = connectStore();
        byte[] body = fixture("orders-create");
        UUID unknown = UUID.randomUUID();

        HttpResponse<String> badSignature = deliver(store.tenantId().toString(), store.domain(), "orders/create", body,
                UUID.randomUUID().toString(), "bm90IHRoZSBzaWduYXR1cmU=");
        HttpResponse<String> unknownTenant = deliver(unknown.toString(), store.domain(), "orders/create", body,
                UUID.randomUUID().toString(), WebhookSignature.signBase64(store.secret().getBytes(StandardCharsets.UTF_8), body));
        HttpResponse<String> notATenant = deliver("not-a-uuid", store.domain(), "orders/create", body,
                UUID.randomUUID().toString(), "bm90IHRoZSBzaWduYXR1cmU=");

        assertThat(unknownTenant.statusCode()).isEqualTo(401);
        assertThat(badSignature.statusCode()).isEqualTo(401);
        assertThat(notATenant.statusCode()).isEqualTo(401);
        assertThat(unknownTenant.body().replace(unknown.toString(), "{tenant}"))
                .isEqualTo(badSignature.body().replace(store.tenantId().toString(), "{tenant}"))
                .isEqualTo(notATenant.body().replace("not-a-uuid", "{tenant}"));
        assertThat(unknownTenant.headers().firstValue("Content-Type")).hasValue("application/problem+json")
                .isEqualTo(badSignature.headers().firstValue("Content-Type"));
        assertThat(badSignature.body()).contains("\"type\":\"/problems/invalid-webhook-signature\"",
                "\"instance\":\"/api/webhook/" + store.tenantId() + "\"");
        assertThat(inboxRows(store)).isZero();
    }

    @Test
    void answers_a_duplicate_200_and_applies_it_once() {
        Store store = connectStore();
        String webhookId = UUID.randomUUID().toString();

        assertThat(deliver(store, "checkouts/create", fixture("checkouts-create"), webhookId).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> unfinished(store) == 0);
        assertThat(deliver(store, "checkouts/create", fixture("checkouts-create"), webhookId).statusCode()).isEqualTo(200);

        assertThat(inboxRows(store)).isEqualTo(1);
        assertThat(count("select count(*) from events where tenant_id = ? and kind = 'checkouts/create'", store.tenantId()))
                .isEqualTo(1);
    }

    @Test
    void twenty_simultaneous_copies_of_a_delivery_make_one_inbox_row_and_one_apply() throws Exception {
        Store store = connectStore();
        String webhookId = UUID.randomUUID().toString();
        byte[] body = fixture("checkouts-create");
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(20);
        try {
            for (int i = 0; i < 20; i++) {
                answers.add(threads.submit(() -> {
                    start.await();
                    return deliver(store, "checkouts/create", body, webhookId).statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        } finally {
            threads.shutdownNow();
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> unfinished(store) == 0);
        assertThat(inboxRows(store)).isEqualTo(1);
        assertThat(count("select attempts from webhook_deliveries where tenant_id = ?", store.tenantId())).isEqualTo(1);
        assertThat(count("select count(*) from events where tenant_id = ? and kind = 'checkouts/create'", store.tenantId()))
                .isEqualTo(1);
        assertThat(count("select count(*) from checkouts where tenant_id = ? and shopify_id = 30112233445566", store.tenantId()))
                .isEqualTo(1);
    }

    @Test
    void a_burst_marks_intake_busy_for_about_a_second_and_every_delivery_is_still_applied() throws Exception {
        Store store = connectStore();
        byte[] body = fixture("checkouts-create");
        await().atMost(Duration.ofSeconds(5)).until(() -> !inboxWriter.busy());
        boolean seenBusy = false;
        // deliveries arriving faster than one commit at a time crowd the writers' groups; a few bursts at most
        for (int burst = 0; burst < 3 && !seenBusy; burst++) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            ExecutorService threads = Executors.newFixedThreadPool(60);
            try {
                for (int i = 0; i < 60; i++) {
                    answers.add(threads.submit(() -> {
                        start.await();
                        return deliver(store, "checkouts/create", body).statusCode();
                    }));
                }
                start.countDown();
                for (Future<Integer> answer : answers) {
                    assertThat(answer.get()).isEqualTo(200);
                    seenBusy |= inboxWriter.busy();
                }
            } finally {
                threads.shutdownNow();
            }
        }

        assertThat(seenBusy).as("intake seen busy during a burst of 60 simultaneous deliveries").isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> !inboxWriter.busy());
        await().atMost(Duration.ofSeconds(20)).until(() -> unfinished(store) == 0);
        assertThat(count("select count(*) from webhook_deliveries where tenant_id = ? and status = 'APPLIED'",
                store.tenantId())).isEqualTo(inboxRows(store)).isGreaterThanOrEqualTo(60);
    }

    @Test
    void refuses_a_body_over_five_mebibytes() {
        Store store = connectStore();
        byte[] body = new byte[5 * 1024 * 1024 + 1];

        HttpResponse<String> response = deliver(store, "orders/create", body);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"type\":\"/problems/body-too-large\"");
        assertThat(inboxRows(store)).isZero();
    }

    @Test
    void answers_other_methods_405_with_a_problem() throws Exception {
        Store store = connectStore();

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create(PUBLIC_URL + "/api/webhook/" + store.tenantId())).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":405");
    }
}
