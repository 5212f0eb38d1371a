package io.storefront.catalog;

import java.util.EnumMap;
import java.util.Map;

/**
 * The records of one write of a {@link CatalogLoad}, in COPY format: filled by the caller, then written (by a
 * writer thread when pipelined), then cleared for reuse.
 */
final class StagedBatch {

    final Map<CatalogTable, CopyRows> rows = new EnumMap<>(CatalogTable.class);
    /** Ids of records Shopify still has, noted without loading them (ids-only snapshots). */
    final Map<CatalogTable, CopyRows> presentIds = new EnumMap<>(CatalogTable.class);
    /** Checkout line items that arrive after their checkout, as (checkout id, position, item JSON). */
    final CopyRows checkoutItems = new CopyRows();
    int count;

    StagedBatch() {
        for (CatalogTable table : CatalogTable.values()) {
            rows.put(table, new CopyRows());
        }
        for (CatalogTable parent : CatalogTable.PARENTS) {
            presentIds.put(parent, new CopyRows());
        }
    }

    void clear() {
        rows.values().forEach(CopyRows::clear);
        presentIds.values().forEach(CopyRows::clear);
        checkoutItems.clear();
        count = 0;
    }
}
