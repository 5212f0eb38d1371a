package io.storefront.tenants;

public enum StoreStatus {
    /** Credentials work; syncs and webhooks run. */
    ACTIVE,
    /** Shopify rejected the credentials (or renewal failed): the merchant must reconnect. */
    NEEDS_RECONNECT,
    /** The app was uninstalled: tokens discarded, nothing scheduled. */
    DISABLED
}
