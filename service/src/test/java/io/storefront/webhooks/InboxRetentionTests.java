package io.storefront.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Applied deliveries' bodies hold customers' data; they are emptied once older than the retention period. */
class InboxRetentionTests extends WebhookIntegrationTest {

    @Autowired
    InboxRetention retention;

    @Test
    void empties_the_bodies_of_deliveries_applied_before_the_retention_period_and_keeps_their_rows() {
        Store store = connectStore();
        deliver(store, "orders/create", fixture("orders-create"));
        deliver(store, "products/create", fixture("products-create"));
        deliver(store, "checkouts/create", fixture("checkouts-create"));
        awaitApplied(store);
        // as if the retention period (7 days by default) had passed for two of them
        jdbc.sql("update webhook_deliveries set applied_at = now() - interval '8 days' where tenant_id = ? and topic <> 'products/create'")
                .param(store.tenantId()).update();

        retention.purge();

        assertThat(inboxRows(store)).isEqualTo(3);
        assertThat(count("select count(*) from webhook_deliveries where tenant_id = ? and octet_length(body) = 0", store.tenantId()))
                .isEqualTo(2);
        assertThat(jdbc.sql("select body from webhook_deliveries where tenant_id = ? and topic = 'products/create'")
                .param(store.tenantId()).query(byte[].class).single()).isEqualTo(fixture("products-create"));
        assertThat(count("select count(*) from webhook_deliveries where tenant_id = ? and webhook_id is not null and applied_at is not null and status in ('APPLIED', 'IGNORED')",
                store.tenantId())).isEqualTo(3);
        assertThat(count("select count(*) from shedlock where name = 'webhooks.inbox-retention'")).isEqualTo(1);
    }

    @Test
    void keeps_the_body_of_a_delivery_not_yet_applied() {
        Store store = connectStore();
        String webhookId = java.util.UUID.randomUUID().toString();
        jdbc.sql("""
                insert into webhook_deliveries (tenant_id, webhook_id, topic, shop_domain, body, next_attempt_at, received_at)
                values (?, ?, 'orders/create', ?, ?, now() + interval '1 hour', now() - interval '30 days')""")
                .params(store.tenantId(), webhookId, store.domain(), fixture("orders-create")).update();

        retention.purge();

        assertThat(count("select octet_length(body) from webhook_deliveries where tenant_id = ? and webhook_id = ?",
                store.tenantId(), webhookId)).isPositive();
    }
}
