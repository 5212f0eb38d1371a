package io.storefront.catalog;

import io.storefront.platform.ApiProblems.ApiException;
import org.springframework.http.HttpStatus;

final class CatalogRecordNotFound extends ApiException {
    CatalogRecordNotFound(String detail) {
        super(HttpStatus.NOT_FOUND, "catalog-record-not-found", "Not found", detail);
    }
}
