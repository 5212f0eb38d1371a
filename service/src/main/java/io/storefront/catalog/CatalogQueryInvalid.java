package io.storefront.catalog;

import io.storefront.platform.ApiProblems.ApiException;
import org.springframework.http.HttpStatus;

/** A read API request with a parameter out of range or unreadable. */
final class CatalogQueryInvalid extends ApiException {
    CatalogQueryInvalid(String detail) {
        super(HttpStatus.BAD_REQUEST, "invalid-catalog-query", "Invalid query parameter", detail);
    }
}
