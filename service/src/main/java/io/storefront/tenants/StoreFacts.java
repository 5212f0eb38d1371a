package io.storefront.tenants;

import java.time.ZoneId;

/** What the rest of the service needs to know about a store: its Shopify identity, currency and time zone. */
public record StoreFacts(StoreId storeId, String name, String shopDomain, String currency, ZoneId zone, StoreStatus status) {}
