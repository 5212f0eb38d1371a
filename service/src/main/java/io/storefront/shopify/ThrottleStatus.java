package io.storefront.shopify;

/** Shopify's cost bucket for one app and shop, as last reported in {@code extensions.cost.throttleStatus}. */
public record ThrottleStatus(double maximumAvailable, double currentlyAvailable, double restoreRate) {}
