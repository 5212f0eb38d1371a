package io.storefront.shopify;

import org.jspecify.annotations.Nullable;

/** Shopify's {@code shop} object: what the service records about a store at every sync. */
public record Shop(String name, String myshopifyDomain, String currencyCode, String ianaTimezone, @Nullable String planName) {}
