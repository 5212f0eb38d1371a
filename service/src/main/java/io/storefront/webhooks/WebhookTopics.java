package io.storefront.webhooks;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The topics the service consumes, in Shopify's webhook form. */
final class WebhookTopics {

    static final Set<String> ORDER_UPSERTS = Set.of("orders/create", "orders/updated", "orders/paid",
            "orders/cancelled", "orders/fulfilled", "orders/partially_fulfilled");
    static final Set<String> CUSTOMER_UPSERTS = Set.of("customers/create", "customers/update", "customers/enable",
            "customers/disable");
    static final Set<String> PRODUCT_UPSERTS = Set.of("products/create", "products/update");
    static final Set<String> CHECKOUT_UPSERTS = Set.of("checkouts/create", "checkouts/update");
    static final Set<String> ACTIONS = Set.of("orders/delete", "customers/delete", "products/delete",
            "checkouts/delete", "refunds/create", "app/uninstalled", "customers/redact", "shop/redact",
            "customers/data_request");

    /** Shopify's mandatory privacy topics: delivered, and honoured, even after the app is uninstalled. */
    static final Set<String> COMPLIANCE = Set.of("customers/data_request", "customers/redact", "shop/redact");

    /**
     * What {@code POST /api/shopify/webhooks/register} subscribes. The compliance topics are not among them:
     * Shopify takes those from the app's configuration and always delivers them.
     */
    static final List<String> SUBSCRIBED = List.of("orders/create", "orders/updated", "orders/paid",
            "orders/cancelled", "orders/delete", "refunds/create", "customers/create", "customers/update",
            "customers/delete", "products/create", "products/update", "products/delete", "checkouts/create",
            "checkouts/update", "checkouts/delete", "app/uninstalled");

    /**
     * Every topic the service applies. A verified delivery of any other topic (one it never subscribes to) is kept
     * as FAILED at once, and meters tag it {@code other}: a topic header is the sender's text, and a tag per
     * distinct value would grow the metrics without bound.
     */
    static final Set<String> KNOWN = Stream.of(ORDER_UPSERTS, CUSTOMER_UPSERTS, PRODUCT_UPSERTS,
            CHECKOUT_UPSERTS, ACTIONS).flatMap(Set::stream).collect(Collectors.toUnmodifiableSet());

    static String tag(String topic) {
        return KNOWN.contains(topic) ? topic : "other";
    }

    private WebhookTopics() {}
}
