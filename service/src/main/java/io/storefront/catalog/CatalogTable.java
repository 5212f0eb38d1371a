package io.storefront.catalog;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One catalog table, its staging table and the SQL that loads it from there. Staging tables are session-local
 * temp tables without constraints, so COPY into them never fails on a conflict; the upsert then applies the
 * "newest updated_at wins" rule in one set-based statement.
 */
enum CatalogTable {
    CUSTOMERS("customers", null, "email", "first_name", "last_name", "phone", "state", "tags", "number_of_orders",
            "amount_spent", "currency", "created_at", "updated_at"),
    PRODUCTS("products", null, "title", "handle", "product_type", "vendor", "status", "created_at", "updated_at"),
    PRODUCT_VARIANTS("product_variants", "product_id", "title", "sku", "price"),
    ORDERS("orders", null, "name", "email", "customer_id", "created_at", "updated_at", "processed_at", "cancelled_at",
            "test", "financial_status", "currency", "presentment_currency", "total_price", "subtotal_price",
            "total_discounts", "total_tax", "total_refunded", "presentment_total_price"),
    ORDER_ITEMS("order_items", "order_id", "product_id", "variant_id", "title", "sku", "quantity", "price",
            "discounted_price"),
    REFUNDS("refunds", "order_id", "created_at", "amount"),
    CHECKOUTS("checkouts", null, "token", "email", "customer_id", "created_at", "updated_at", "completed_at",
            "currency", "total_price", "abandoned_checkout_url", "line_items");

    private final String table;
    /** shopify_id, then the parent column for children, then the data columns: the COPY column order. */
    private final List<String> columns;
    private final CatalogSql upsert;
    private final @Nullable CatalogSql removeMissing;

    static final List<CatalogTable> PARENTS = List.of(CUSTOMERS, PRODUCTS, ORDERS, CHECKOUTS);
    /** Child tables: written after the parents, and only the children of parents applied in the same load. */
    static final List<CatalogTable> CHILDREN = List.of(PRODUCT_VARIANTS, ORDER_ITEMS, REFUNDS);

    CatalogTable(String table, @Nullable String parentColumn, String... dataColumns) {
        this.table = table;
        this.upsert = CatalogSql.named("upsert-" + table.replace('_', '-'));
        this.removeMissing = parentColumn == null ? CatalogSql.named("remove-missing-" + table) : null;
        var all = new java.util.ArrayList<String>();
        all.add("shopify_id");
        if (parentColumn != null) {
            all.add(parentColumn);
        }
        all.addAll(List.of(dataColumns));
        this.columns = List.copyOf(all);
    }

    String table() {
        return table;
    }

    String stage() {
        return "stage_" + table;
    }

    String applied() {
        return "applied_" + table;
    }

    String seen() {
        return "seen_" + table;
    }

    String createStage() {
        return "create temp table " + stage() + " as select "
                + String.join(", ", columns) + " from " + table + " with no data";
    }

    String copyIn() {
        return "copy " + stage() + " (" + String.join(", ", columns) + ") from stdin";
    }

    /** The upsert from this table's staging table ({@code upsert-<table>.sql}); every parameter is the tenant id. */
    CatalogSql upsert() {
        return upsert;
    }

    /**
     * For a top-level table, the deletion of what a complete snapshot lacked ({@code remove-missing-<table>.sql});
     * parameters: the tenant id, the snapshot's start, then the tenant id once per child table.
     */
    CatalogSql removeMissing() {
        if (removeMissing == null) {
            throw new IllegalArgumentException(this + " is not a top-level table");
        }
        return removeMissing;
    }
}
