package io.storefront.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.storefront.Api;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The workers: newest wins whatever the arrival order, deletes delete, compliance topics are honoured. */
class DeliveryApplyTests extends WebhookIntegrationTest {

    private static final long ORDER = 5829364019283L;

    @Test
    void an_older_update_arriving_last_does_not_overwrite_the_newer_one() {
        Store store = connectStore();
        String newer = fixtureText("orders-create")
                .replace("\"updated_at\":\"2025-06-03T14:02:15-04:00\"", "\"updated_at\":\"2025-06-05T10:00:00-04:00\"")
                .replace("\"financial_status\":\"paid\"", "\"financial_status\":\"refunded\"");

        deliver(store, "orders/updated", newer.getBytes(StandardCharsets.UTF_8));
        awaitApplied(store);
        deliver(store, "orders/create", fixture("orders-create"));
        awaitApplied(store);

        assertThat(jdbc.sql("select financial_status from orders where tenant_id = ? and shopify_id = ?")
                .params(store.tenantId(), ORDER).query(String.class).single()).isEqualTo("refunded");
    }

    @Test
    void reads_ids_beyond_two_to_the_53_exactly() {
        Store store = connectStore();
        long id = 820982911946154508L;
        String body = fixtureText("orders-create").replace("\"id\":5829364019283", "\"id\":" + id);

        deliver(store, "orders/create", body.getBytes(StandardCharsets.UTF_8));
        awaitApplied(store);

        assertThat(count("select count(*) from orders where tenant_id = ? and shopify_id = ?", store.tenantId(), id)).isEqualTo(1);
    }

    @Test
    void a_delete_removes_the_order_and_its_line_items() {
        Store store = connectStore();
        deliver(store, "orders/create", fixture("orders-create"));
        awaitApplied(store);

        deliver(store, "orders/delete", fixture("orders-delete"));
        awaitApplied(store);

        assertThat(count("select count(*) from orders where tenant_id = ?", store.tenantId())).isZero();
        assertThat(count("select count(*) from order_items where tenant_id = ?", store.tenantId())).isZero();
    }

    @Test
    void a_refund_is_added_to_its_order() {
        Store store = connectStore();
        deliver(store, "orders/create", fixture("orders-create"));
        awaitApplied(store);
        String refund = """
                {"id":509562969,"order_id":5829364019283,"created_at":"2025-06-04T10:00:00-04:00","note":"damaged",
                 "restock":false,"refund_line_items":[{"id":1,"line_item_id":14001,"quantity":1,"subtotal":42.0,"total_tax":3.15}],
                 "transactions":[{"id":2,"kind":"refund","status":"success","amount":"45.15","currency":"USD"}]}""";

        deliver(store, "refunds/create", refund.getBytes(StandardCharsets.UTF_8));
        awaitApplied(store);

        assertThat(jdbc.sql("select amount from refunds where tenant_id = ? and order_id = ?").params(store.tenantId(), ORDER)
                .query(BigDecimal.class).single()).isEqualByComparingTo("45.15");
    }

    @Test
    void app_uninstalled_disables_the_store_and_its_later_deliveries_are_refused() {
        Store store = connectStore();

        deliver(store, "app/uninstalled", fixture("app-uninstalled"));
        awaitApplied(store);

        assertThat(jdbc.sql("select status from tenants where id = ?").param(store.tenantId()).query(String.class).single())
                .isEqualTo("DISABLED");
        assertThat(count("select count(*) from tenants where id = ? and access_token_enc is null", store.tenantId())).isEqualTo(1);
        assertThat(deliver(store, "orders/create", fixture("orders-create")).statusCode()).isEqualTo(401);
    }

    @Test
    void a_disabled_store_is_refused_everything_but_the_compliance_topics_with_the_answer_a_stranger_gets() {
        Store store = connectStore();
        deliver(store, "app/uninstalled", fixture("app-uninstalled"));
        awaitApplied(store);

        HttpResponse<String> refused = deliver(store, "orders/create", fixture("orders-create"));
        HttpResponse<String> stranger = deliver(UUID.randomUUID().toString(), store.domain(), "orders/create",
                fixture("orders-create"), UUID.randomUUID().toString(), "bm90IHRoZSBzaWduYXR1cmU=");
        HttpResponse<String> redact = deliver(store, "customers/redact", fixture("customers-redact"));
        HttpResponse<String> dataRequest = deliver(store, "customers/data_request", fixture("customers-data_request"));
        awaitApplied(store);

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body().replace(store.tenantId().toString(), "{tenant}"))
                .isEqualTo(stranger.body().replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "{tenant}"));
        assertThat(redact.statusCode()).isEqualTo(200);
        assertThat(dataRequest.statusCode()).isEqualTo(200);
        assertThat(count("select count(*) from webhook_deliveries where tenant_id = ? and status = 'APPLIED' and topic in ('customers/redact', 'customers/data_request')",
                store.tenantId())).isEqualTo(2);
        assertThat(count("select count(*) from events where tenant_id = ? and kind = 'customers/redact'", store.tenantId())).isEqualTo(1);
    }

    @Test
    void a_batch_that_fails_as_a_whole_is_applied_one_by_one_and_the_culprit_counts_an_attempt() {
        Store store = connectStore();
        // the failure is in the batch's own status update, outside any delivery's savepoint
        jdbc.sql("""
                create or replace function poison_webhook() returns trigger language plpgsql as $$
                begin
                  if new.status = 'APPLIED' and new.webhook_id like 'poison-%' then
                    raise exception 'poisoned batch';
                  end if;
                  return new;
                end $$""").update();
        jdbc.sql("create trigger poison_webhook before update on webhook_deliveries for each row execute function poison_webhook()")
                .update();
        try {
            String poison = "poison-" + UUID.randomUUID();
            deliver(store, "products/create", fixture("products-create"), poison);
            deliver(store, "checkouts/create", fixture("checkouts-create"));
            deliver(store, "orders/create", fixture("orders-create"));

            await().atMost(Duration.ofSeconds(20)).until(() -> count(
                    "select count(*) from webhook_deliveries where tenant_id = ? and webhook_id = ? and attempts > 0",
                    store.tenantId(), poison) == 1);
            await().atMost(Duration.ofSeconds(20)).until(() -> count(
                    "select count(*) from webhook_deliveries where tenant_id = ? and status = 'APPLIED'", store.tenantId()) == 2);
            assertThat(jdbc.sql("select last_error from webhook_deliveries where tenant_id = ? and webhook_id = ?")
                    .params(store.tenantId(), poison).query(String.class).single()).contains("database error");
            assertThat(count("select count(*) from orders where tenant_id = ?", store.tenantId())).isEqualTo(1);
            assertThat(count("select count(*) from checkouts where tenant_id = ?", store.tenantId())).isEqualTo(1);
        } finally {
            jdbc.sql("drop trigger poison_webhook on webhook_deliveries").update();
            jdbc.sql("drop function poison_webhook()").update();
        }
    }

    @Test
    void customers_redact_erases_the_customer_and_anonymises_their_orders() {
        Store store = connectStore();
        deliver(store, "customers/create", fixtureText("customers-create").replace("6934001122399", "6934001122334")
                .getBytes(StandardCharsets.UTF_8));
        deliver(store, "orders/create", fixture("orders-create"));
        awaitApplied(store);
        assertThat(count("select count(*) from customers where tenant_id = ?", store.tenantId())).isEqualTo(1);

        deliver(store, "customers/redact", fixture("customers-redact"));
        awaitApplied(store);

        assertThat(count("select count(*) from customers where tenant_id = ?", store.tenantId())).isZero();
        assertThat(count("select count(*) from orders where tenant_id = ? and email is null and customer_id is null",
                store.tenantId())).isEqualTo(1);
    }

    @Test
    void shop_redact_erases_the_stores_data() {
        Store store = connectStore();
        deliver(store, "orders/create", fixture("orders-create"));
        deliver(store, "products/create", fixture("products-create"));
        deliver(store, "checkouts/create", fixture("checkouts-create"));
        awaitApplied(store);

        deliver(store, "shop/redact", fixture("shop-redact"));
        awaitApplied(store);

        assertThat(count("select count(*) from orders where tenant_id = ?", store.tenantId())).isZero();
        assertThat(count("select count(*) from products where tenant_id = ?", store.tenantId())).isZero();
        assertThat(count("select count(*) from checkouts where tenant_id = ?", store.tenantId())).isZero();
        assertThat(count("select count(*) from events where tenant_id = ? and kind <> 'shop/redact'", store.tenantId())).isZero();
        assertThat(count("select count(*) from webhook_deliveries where tenant_id = ? and topic <> 'shop/redact' and length(body) > 0",
                store.tenantId())).isZero();
    }

    @Test
    void customers_data_request_is_recorded_without_personal_data() {
        Store store = connectStore();

        deliver(store, "customers/data_request", fixture("customers-data_request"));
        awaitApplied(store);

        String payload = jdbc.sql("select payload::text from events where tenant_id = ? and kind = 'customers/data_request' and subject_id = 6934001122334")
                .param(store.tenantId()).query(String.class).single();
        assertThat(payload).contains("9999").contains("5829364019283").doesNotContain("jordan");
    }

    @Test
    void a_checkout_becomes_a_checkout_row_and_a_cart_event() {
        Store store = connectStore();

        deliver(store, "checkouts/create", fixture("checkouts-create"));
        awaitApplied(store);

        assertThat(jdbc.sql("select total_price from checkouts where tenant_id = ? and shopify_id = 30112233445566")
                .param(store.tenantId()).query(BigDecimal.class).single()).isEqualByComparingTo("42.00");
        assertThat(count("select count(*) from events where tenant_id = ? and kind = 'checkouts/create' and subject_id = 30112233445566",
                store.tenantId())).isEqualTo(1);
    }

    @Test
    void a_delivery_that_keeps_failing_is_kept_as_failed_and_listed_for_the_operator() {
        Store store = connectStore();
        // a failure a later attempt could get past (the database refuses this store's orders for now)
        jdbc.sql("""
                create or replace function refuse_orders() returns trigger language plpgsql as $$
                begin
                  raise exception 'orders refused for now';
                end $$""").update();
        jdbc.sql("create trigger refuse_orders before insert on orders for each row when (new.tenant_id = '"
                + store.tenantId() + "') execute function refuse_orders()").update();
        try {
            deliver(store, "orders/create", fixture("orders-create"));
            deliver(store, "products/create", fixture("products-create"));
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    count("select count(*) from webhook_deliveries where tenant_id = ? and attempts > 0", store.tenantId()) == 2);
            assertThat(count("select count(*) from products where tenant_id = ? and shopify_id = 8123456700001", store.tenantId())).isEqualTo(1);
            assertThat(count("select count(*) from webhook_deliveries where tenant_id = ? and status = 'PENDING'", store.tenantId()))
                    .as("retried, not failed at once").isEqualTo(1);

            // fast-forward the back-off: the next attempt is the last one allowed
            jdbc.sql("update webhook_deliveries set attempts = 7, next_attempt_at = now() where tenant_id = ? and status = 'PENDING'")
                    .param(store.tenantId()).update();
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    count("select count(*) from webhook_deliveries where tenant_id = ? and status = 'FAILED'", store.tenantId()) == 1);
        } finally {
            jdbc.sql("drop trigger refuse_orders on orders").update();
            jdbc.sql("drop function refuse_orders()").update();
        }

        Api.Response listing = api().get("/api/shopify/webhooks/deliveries?status=FAILED", store.owner(), store.tenantId());
        assertThat(listing.status()).isEqualTo(200);
        JsonNode failed = listing.json().path("deliveries");
        assertThat(failed.size()).isEqualTo(1);
        assertThat(failed.get(0).path("topic").asString()).isEqualTo("orders/create");
        assertThat(failed.get(0).path("attempts").asInt()).isEqualTo(8);
        assertThat(failed.get(0).path("lastError").asString()).contains("database error");
        assertThat(failed.get(0).has("body")).isFalse();
    }

    @Test
    void the_delivery_listing_is_tenant_scoped() {
        Store store = connectStore();
        Store other = connectStore();

        assertThat(api().get("/api/shopify/webhooks/deliveries?status=FAILED", other.owner(), store.tenantId()).status())
                .isEqualTo(404);
    }
}
