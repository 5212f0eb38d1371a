package io.storefront.tenants;

import java.util.UUID;

/**
 * A store (tenant) the current caller is allowed to act on. Only the ownership check hands these out to web
 * callers; every catalog and insights query takes one as its first parameter.
 */
public record StoreId(UUID value) {

    @Override
    public String toString() {
        return value.toString();
    }
}
