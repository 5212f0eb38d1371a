package io.storefront.catalog;

import io.storefront.platform.ApiProblems.ApiException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A read API request with a parameter out of range or unreadable: 400 naming the parameter. */
final class CatalogQueryInvalid extends ApiException {
    CatalogQueryInvalid(String parameter, String detail) {
        super(HttpStatus.BAD_REQUEST, "invalid-catalog-query", "Invalid query parameter", detail);
        getBody().setProperty("errors", List.of(Map.of("field", parameter, "message", detail)));
    }
}
