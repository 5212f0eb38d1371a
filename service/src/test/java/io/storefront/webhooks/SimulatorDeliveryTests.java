package io.storefront.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storefront.simulator.Activity;
import dev.storefront.simulator.Faults;
import dev.storefront.simulator.ShopSpec;
import dev.storefront.simulator.store.StoreSummary;
import dev.storefront.simulator.webhooks.DeliveryStats;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The simulated shop changes and delivers its own signed webhooks to the service; what the service then holds is
 * compared with what the shop holds. The shops start with no orders, customers or checkouts (there is no first
 * full sync on this branch yet), so every one of those the shop has arrived by webhook.
 */
class SimulatorDeliveryTests extends WebhookIntegrationTest {

    private static final Faults DUPLICATES_AND_REORDERING = new Faults(true, null, null, 0, 0, 0.3, true, 0, 200L);

    @Test
    void creates_updates_refunds_cancellations_and_deletions_leave_the_service_with_the_shops_data() {
        Store store = emptyShop();
        List<String> fired = new ArrayList<>();

        fired.addAll(changes(store, new Activity(40, 5, 3, 12, 0, 0, 0)));
        fired.addAll(refundsOneASecond(store, 4));
        fired.addAll(changes(store, new Activity(0, 0, 0, 0, 0, 3, 0)));
        fired.addAll(changes(store, new Activity(0, 0, 0, 0, 0, 0, 6)));

        assertThat(fired).contains("orders/create", "orders/paid", "customers/create", "customers/update",
                "products/update", "checkouts/create", "refunds/create", "orders/cancelled", "orders/updated",
                "orders/delete", "products/delete", "checkouts/delete");
        assertEveryDeliveryAppliedOnce(store, fired.size());
        assertSameData(store);
    }

    @Test
    void with_duplicates_and_reordering_every_webhook_is_applied_once_and_the_data_still_matches() {
        Store store = emptyShop();
        SIMULATOR.faults(store.domain(), DUPLICATES_AND_REORDERING);
        List<String> fired = new ArrayList<>();

        fired.addAll(changes(store, new Activity(60, 10, 4, 15, 0, 0, 0)));
        fired.addAll(refundsOneASecond(store, 3));
        fired.addAll(changes(store, new Activity(0, 0, 0, 0, 0, 4, 0)));
        fired.addAll(changes(store, new Activity(0, 0, 0, 0, 0, 0, 6)));

        assertThat(SIMULATOR.deliveries(store.domain()).duplicated()).isPositive();
        assertEveryDeliveryAppliedOnce(store, fired.size());
        assertSameData(store);
    }

    @Test
    void a_burst_of_thousands_of_webhooks_is_applied_exactly_once_and_matches_the_shop() {
        Store store = emptyShop();
        SIMULATOR.faults(store.domain(), new Faults(true, null, null, 0, 0, 0.05, true, 0, 200L));

        List<String> fired = SIMULATOR.activity(store.domain(), new Activity(700, 50, 10, 250, 0, 0, 0));
        settle(store, Duration.ofSeconds(180));

        assertThat(fired.size()).isGreaterThanOrEqualTo(2_000);
        assertEveryDeliveryAppliedOnce(store, fired.size());
        assertSameData(store);
    }

    @Test
    void after_the_app_is_uninstalled_only_the_compliance_topics_are_accepted_and_shop_redact_erases_the_store() {
        Store store = emptyShop();
        changes(store, new Activity(5, 0, 0, 2, 0, 0, 0));
        assertThat(count("select count(*) from orders where tenant_id = ?", store.tenantId())).isEqualTo(5);

        SIMULATOR.uninstall(store.domain());
        await().atMost(Duration.ofSeconds(20)).until(() -> "DISABLED".equals(jdbc.sql("select status from tenants where id = ?")
                .param(store.tenantId()).query(String.class).single()));

        // Shopify's shop/redact comes about 48 h later through the app's compliance address; the simulator sends
        // compliance topics only to subscriptions, which uninstalling removed, so it is signed here as Shopify would
        String shopRedact = "{\"shop_id\":60123456,\"shop_domain\":\"" + store.domain() + "\"}";
        assertThat(deliver(store, "orders/create", fixture("orders-create")).statusCode()).isEqualTo(401);
        assertThat(deliver(store, "customers/data_request", fixture("customers-data_request")).statusCode()).isEqualTo(200);
        assertThat(deliver(store, "shop/redact", shopRedact.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
        awaitApplied(store);

        assertThat(count("select count(*) from orders where tenant_id = ?", store.tenantId())).isZero();
        assertThat(count("select count(*) from customers where tenant_id = ?", store.tenantId())).isZero();
        assertThat(count("select count(*) from checkouts where tenant_id = ?", store.tenantId())).isZero();
        assertThat(count("select count(*) from webhook_deliveries where tenant_id = ? and topic = 'orders/create'",
                store.tenantId())).isEqualTo(5);
        assertThat(count("select count(*) from webhook_deliveries where tenant_id = ? and topic <> 'shop/redact' and length(body) > 0",
                store.tenantId())).isZero();
    }

    private Store emptyShop() {
        Store store = connectStore(ShopSpec.of(newDomain()).withCounts(0, 8, 0, 0));
        awaitSubscribed(store);
        return store;
    }

    /** One round of activity, then waiting until the shop has delivered it all and the service applied it. */
    private List<String> changes(Store store, Activity activity) {
        awaitNextSecond();
        List<String> fired = SIMULATOR.activity(store.domain(), activity);
        settle(store, Duration.ofSeconds(60));
        return fired;
    }

    /**
     * Refunds one at a time, each in a later second. Shopify's {@code updated_at} has whole seconds; two versions
     * of one order within a second are equally new, and the catalog then keeps whichever arrived last (see the
     * report on same-second versions), so the test does not make them.
     */
    private List<String> refundsOneASecond(Store store, int refunds) {
        List<String> fired = new ArrayList<>();
        for (int i = 0; i < refunds; i++) {
            fired.addAll(changes(store, new Activity(0, 0, 0, 0, 1, 0, 0)));
        }
        return fired;
    }

    private static void awaitNextSecond() {
        long second = Instant.now().getEpochSecond();
        await().pollInterval(Duration.ofMillis(20)).until(() -> Instant.now().getEpochSecond() > second);
    }

    private void settle(Store store, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> {
            DeliveryStats stats = SIMULATOR.deliveries(store.domain());
            return stats.pending() == 0 && unfinished(store) == 0;
        });
    }

    private void assertEveryDeliveryAppliedOnce(Store store, int webhooksFired) {
        // an attempt that timed out on this busy machine is retried, as Shopify does; none may be given up
        DeliveryStats stats = SIMULATOR.deliveries(store.domain());
        assertThat(stats.abandoned()).as("deliveries given up after every retry").isZero();
        assertThat(stats.failed()).as("attempts answered other than 2xx").isLessThanOrEqualTo(stats.retried());
        assertThat(inboxRows(store)).as("one inbox row per webhook, duplicates included once").isEqualTo(webhooksFired);
        assertThat(count("select count(*) from webhook_deliveries where tenant_id = ? and status = 'APPLIED'", store.tenantId()))
                .isEqualTo(webhooksFired);
        assertThat(count("select count(distinct webhook_id) from webhook_deliveries where tenant_id = ?", store.tenantId()))
                .isEqualTo(webhooksFired);
    }

    private void assertSameData(Store store) {
        StoreSummary shop = SIMULATOR.summary(store.domain(), true);
        assertThat(ids("orders", store)).containsExactlyInAnyOrderElementsOf(shop.orderIds());
        assertThat(ids("customers", store)).containsExactlyInAnyOrderElementsOf(shop.customerIds());
        assertThat(ids("checkouts", store)).containsExactlyInAnyOrderElementsOf(shop.checkoutIds());
        // only the products a webhook mentioned are known, and none the shop deleted
        assertThat(shop.productIds()).containsAll(ids("products", store));
        assertThat(sum("select coalesce(sum(total_price), 0) from orders where tenant_id = ?", store))
                .as("orders' total price in shop money").isEqualByComparingTo(shop.ordersTotalPrice());
        assertThat(count("select count(*) from order_items where tenant_id = ?", store.tenantId())).isEqualTo(shop.lineItems());
        assertThat(count("select count(*) from orders where tenant_id = ? and cancelled_at is not null", store.tenantId()))
                .isEqualTo(shop.cancelledOrders());
        assertThat(count("select count(*) from orders where tenant_id = ? and test", store.tenantId())).isEqualTo(shop.testOrders());
        assertThat(count("select count(*) from orders where tenant_id = ? and customer_id is null", store.tenantId()))
                .isEqualTo(shop.guestOrders());
        assertThat(count("select count(*) from refunds r join orders o on o.tenant_id = r.tenant_id and o.shopify_id = r.order_id where r.tenant_id = ?",
                store.tenantId())).isEqualTo(shop.refunds());
        assertThat(sum("select coalesce(sum(r.amount), 0) from refunds r join orders o on o.tenant_id = r.tenant_id and o.shopify_id = r.order_id where r.tenant_id = ?",
                store)).as("refunded in shop money").isEqualByComparingTo(shop.ordersTotalRefunded());
    }

    private List<Long> ids(String table, Store store) {
        return jdbc.sql("select shopify_id from " + table + " where tenant_id = ?").param(store.tenantId()).query(Long.class).list();
    }

    private BigDecimal sum(String sql, Store store) {
        return jdbc.sql(sql).param(store.tenantId()).query(BigDecimal.class).single();
    }
}
