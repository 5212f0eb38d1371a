package io.storefront.catalog;

import io.storefront.tenants.StoreId;

/** Published after catalog data of a store changed (upserts, deletes, erasure, a bulk load). */
public record CatalogChanged(StoreId storeId, Resource resource) {}
