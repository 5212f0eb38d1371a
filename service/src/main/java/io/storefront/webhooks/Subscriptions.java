package io.storefront.webhooks;

import io.storefront.tenants.StoreId;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code webhooks} table: which subscription at Shopify delivers each topic of a store, and where to. */
@Repository
class Subscriptions {

    private final JdbcClient jdbc;

    Subscriptions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void save(StoreId store, RegisteredWebhook webhook) {
        jdbc.sql("""
                insert into webhooks (tenant_id, topic, subscription_id, uri) values (?, ?, ?, ?)
                on conflict (tenant_id, topic) do update
                   set subscription_id = excluded.subscription_id, uri = excluded.uri, created_at = now()""")
                .params(store.value(), webhook.topic(), webhook.subscriptionId(), webhook.uri()).update();
    }

    void keepOnly(StoreId store, List<String> topics) {
        jdbc.sql("delete from webhooks where tenant_id = ? and topic <> all(?)")
                .params(store.value(), topics.toArray(String[]::new)).update();
    }

    List<RegisteredWebhook> of(StoreId store) {
        return jdbc.sql("select topic, subscription_id, uri from webhooks where tenant_id = ? order by topic")
                .param(store.value())
                .query((rs, i) -> new RegisteredWebhook(rs.getString("topic"), rs.getString("subscription_id"),
                        rs.getString("uri")))
                .list();
    }

    /** Shopify deletes an app's subscriptions when it is uninstalled. */
    void forget(StoreId store) {
        jdbc.sql("delete from webhooks where tenant_id = ?").param(store.value()).update();
    }
}
