package io.storefront.tenants;

import java.time.Instant;

/** A store that left the account: another account proved it holds the shop (docs/store-ownership.md). */
public record StoreTransfer(String shopDomain, String reason, Instant transferredAt) {}
