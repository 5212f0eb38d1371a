package io.storefront.insights;

import io.storefront.tenants.StoreId;
import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Line-item sales per product in a range, from the per-day product rollup ({@code insights_product_days}). */
@Repository
class ProductSales {

    /** productId null: line items without a product (custom items), one row per item title. */
    record ProductSale(@Nullable Long productId, String title, String productType, long units, BigDecimal revenue) {}

    private final JdbcClient jdbc;

    ProductSales(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every product sold in the range, best-selling first (ties by product id). */
    List<ProductSale> between(StoreId store, DateRange range) {
        return jdbc.sql("""
                        select nullif(s.product_id, 0) as product_id,
                               coalesce(p.title, s.item_title, nullif(s.custom_title, ''), 'Untitled item') as title,
                               coalesce(p.product_type, '') as product_type, s.units, s.revenue
                        from (select product_id, custom_title, max(item_title) as item_title,
                                     sum(units) as units, sum(revenue) as revenue
                              from insights_product_days
                              where tenant_id = :tenant and day between :start and :end
                              group by product_id, custom_title
                              having sum(units) <> 0 or sum(revenue) <> 0) s
                        left join products p on p.tenant_id = :tenant and p.shopify_id = s.product_id
                        order by s.revenue desc, s.product_id, s.custom_title
                        """)
                .param("tenant", store.value())
                .param("start", range.startDate())
                .param("end", range.endDate())
                .query(ProductSale.class)
                .list();
    }
}
