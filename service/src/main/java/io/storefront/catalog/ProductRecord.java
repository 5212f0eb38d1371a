package io.storefront.catalog;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A product with all of its variants: writing it replaces the variants the catalog held for it. */
public record ProductRecord(
        long id,
        String title,
        @Nullable String handle,
        @Nullable String productType,
        @Nullable String vendor,
        @Nullable String status,
        @Nullable Instant createdAt,
        Instant updatedAt,
        List<VariantRecord> variants) {

    public ProductRecord {
        variants = List.copyOf(variants);
    }
}
