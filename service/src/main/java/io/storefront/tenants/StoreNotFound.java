package io.storefront.tenants;

import io.storefront.platform.ApiProblems.ApiException;
import org.springframework.http.HttpStatus;

/** Also the answer for a store that exists but belongs to someone else: existence is not disclosed. */
public final class StoreNotFound extends ApiException {
    public StoreNotFound() {
        super(HttpStatus.NOT_FOUND, "store-not-found", "Store not found",
                "No store with this id belongs to you.");
    }
}
