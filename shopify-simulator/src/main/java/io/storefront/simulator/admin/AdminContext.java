package io.storefront.simulator.admin;

import io.storefront.simulator.store.Store;
import io.storefront.simulator.webhooks.WebhookSubscriptions;

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

    /** Client secret of the app behind the token; signs webhooks that app subscribes to. */
    String appSecret();

    default long oldestVisibleOrder() {
        return readAllOrders() ? Long.MIN_VALUE : nowSecond() - 60L * 86_400;
    }
}
