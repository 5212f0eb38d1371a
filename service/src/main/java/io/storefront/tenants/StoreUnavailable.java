package io.storefront.tenants;

import io.storefront.platform.ApiProblems.ApiException;
import org.springframework.http.HttpStatus;

/** The store exists but cannot be reached with its credentials until the merchant reconnects it. */
public final class StoreUnavailable extends ApiException {
    public StoreUnavailable(String detail) {
        super(HttpStatus.CONFLICT, "store-needs-reconnect", "Store needs reconnecting", detail);
    }
}
