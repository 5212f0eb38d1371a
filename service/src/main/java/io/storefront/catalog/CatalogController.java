package io.storefront.catalog;

import io.storefront.tenants.StoreId;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/shopify/{products|customers|orders|checkouts}} and one record with its children. */
@RestController
@RequestMapping("/api/shopify")
class CatalogController {

    static final int MAX_LIMIT = 250;

    private final CatalogQueries queries;

    CatalogController(CatalogQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/{resource}")
    CatalogViews.Page<?> list(StoreId store, @PathVariable String resource,
            @RequestParam(defaultValue = "50") String limit,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable String updatedSince,
            @RequestParam(required = false) @Nullable String createdSince,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String customer,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String sort) {
        int size;
        try {
            size = Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw new CatalogQueryInvalid("limit", "limit must be a number from 1 to " + MAX_LIMIT);
        }
        if (size < 1 || size > MAX_LIMIT) {
            throw new CatalogQueryInvalid("limit", "limit must be a number from 1 to " + MAX_LIMIT);
        }
        var filter = new CatalogQueries.Filter(
                updatedSince == null ? null : CatalogQueries.instant("updatedSince", updatedSince),
                createdSince == null ? null : CatalogQueries.instant("createdSince", createdSince),
                status, customer == null ? null : shopifyId("customer", customer), q);
        return queries.list(store, resource(resource), filter, sort, size, cursor);
    }

    @GetMapping("/{resource}/{shopifyId}")
    Object one(StoreId store, @PathVariable String resource, @PathVariable String shopifyId) {
        Resource kind = resource(resource);
        long id = shopifyId("id", shopifyId);
        return queries.one(store, kind, id)
                .orElseThrow(() -> new CatalogRecordNotFound("This store has no " + resource + " record " + shopifyId + "."));
    }

    private static Resource resource(String path) {
        return Resource.fromPath(path).orElseThrow(() -> new CatalogRecordNotFound(
                "There is no resource '" + path + "'; use products, customers, orders or checkouts."));
    }

    private static long shopifyId(String name, String value) {
        try {
            long id = Long.parseLong(value);
            if (id <= 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw new CatalogQueryInvalid(name, name + " must be a Shopify numeric id");
        }
    }
}
