package dev.storefront.simulator.admin;

import dev.storefront.simulator.store.Store;
import dev.storefront.simulator.webhooks.WebhookSubscriptions;

/** Everything one Admin API request may touch: the shop's data and the caller's grants. */
public interface AdminContext {

    Store store();

    ShopProfile profile();

    /** The token holds {@code read_all_orders}; without it orders older than 60 days are invisible. */
    boolean readAllOrders();

    long nowSecond();

    /** Whether the token was granted an access scope such as {@code read_orders}. */
    boolean hasScope(String scope);

    BulkOperations bulkOperations();

    WebhookSubscriptions webhookSubscriptions();

    /**
     * Whether a webhook subscription may take {@code http://} on a loopback address. Shopify takes https only;
     * tests and the demo receive webhooks on this machine without TLS.
     */
    boolean httpLoopbackWebhooks();

    /** Whether the app may read protected customer data; without, names, emails and phones are null. */
    boolean customerDataApproved();

    /** Client secret of the app behind the token; signs webhooks that app subscribes to. */
    String appSecret();

    default long oldestVisibleOrder() {
        return readAllOrders() ? Long.MIN_VALUE : nowSecond() - 60L * 86_400;
    }
}
