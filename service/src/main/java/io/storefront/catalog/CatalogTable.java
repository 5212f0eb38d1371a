package io.storefront.catalog;

import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One catalog table and the SQL that loads it from its staging table. Staging tables are session-local temp
 * tables without constraints, so COPY into them never fails on a conflict; the upsert then applies the
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
    private final @Nullable String parentColumn;
    /** shopify_id, then the parent column for children, then the data columns: the COPY column order. */
    private final List<String> columns;
    private final List<String> dataColumns;

    CatalogTable(String table, @Nullable String parentColumn, String... dataColumns) {
        this.table = table;
        this.parentColumn = parentColumn;
        this.dataColumns = List.of(dataColumns);
        var all = new java.util.ArrayList<String>();
        all.add("shopify_id");
        if (parentColumn != null) {
            all.add(parentColumn);
        }
        all.addAll(this.dataColumns);
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

    @Nullable String parentColumn() {
        return parentColumn;
    }

    String createStage() {
        return "create temp table " + stage() + " as select "
                + String.join(", ", columns) + " from " + table + " with no data";
    }

    String copyIn() {
        return "copy " + stage() + " (" + String.join(", ", columns) + ") from stdin";
    }

    /** Parameters: tenant id. Children of a parent that was applied get replaced by the statements of {@link #replaceChildren}. */
    String upsertParent() {
        String cols = String.join(", ", columns);
        return "insert into " + table + " as t (tenant_id, " + cols + ")"
                + " select distinct on (shopify_id) k.tenant_id, " + cols + " from " + stage() + " s"
                + " cross join (select cast(? as uuid) as tenant_id) k"
                // a record Shopify deleted stays deleted, whatever arrives late
                + " where not exists (select 1 from deleted_records d where d.tenant_id = k.tenant_id"
                + " and d.resource = '" + table + "' and d.shopify_id = s.shopify_id)"
                + " order by shopify_id, updated_at desc"
                + " on conflict (tenant_id, shopify_id) do update set " + assignments(dataColumns)
                + " where excluded.updated_at >= t.updated_at"
                // xmax is 0 on a freshly inserted row: it has no old children to remove
                + " returning shopify_id, (xmax = 0) as inserted";
    }

    /** Parameters: tenant id (for the upsert), then tenant id once per child table. */
    String upsertParentReplacingChildren(List<CatalogTable> children) {
        var sql = new StringBuilder("with up as (").append(upsertParent()).append(")");
        for (int i = 0; i < children.size(); i++) {
            CatalogTable child = children.get(i);
            sql.append(", gone").append(i).append(" as (delete from ").append(child.table).append(" c using up")
                    .append(" where c.tenant_id = ? and c.").append(child.parentColumn).append(" = up.shopify_id and not up.inserted)");
        }
        return sql.append(" insert into ").append(applied()).append(" select shopify_id from up on conflict do nothing")
                .toString();
    }

    /** Parameters: tenant id. Only children whose parent version was applied in this load are written. */
    String upsertChildren(CatalogTable parent) {
        String cols = columns.stream().map(c -> "s." + c).collect(Collectors.joining(", "));
        return "insert into " + table + " as t (tenant_id, " + String.join(", ", columns) + ")"
                + " select distinct on (s.shopify_id) cast(? as uuid), " + cols + " from " + stage() + " s"
                + " join " + parent.applied() + " a on a.shopify_id = s." + parentColumn
                + " order by s.shopify_id"
                + " on conflict (tenant_id, shopify_id) do update set " + parentColumn + " = excluded." + parentColumn
                + ", " + assignments(dataColumns);
    }

    private static String assignments(List<String> columns) {
        return columns.stream().map(c -> c + " = excluded." + c).collect(Collectors.joining(", "));
    }
}
