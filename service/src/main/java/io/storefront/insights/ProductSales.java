package io.storefront.insights;

import io.storefront.tenants.StoreId;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Line-item sales per product in a range: whole months from {@code insights_product_months}, the partial
 * months at either end from {@code insights_product_days}.
 */
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
        LocalDate start = range.startDate();
        LocalDate afterEnd = range.endDate().plusDays(1);
        LocalDate firstMonth = start.getDayOfMonth() == 1 ? start : start.withDayOfMonth(1).plusMonths(1);
        LocalDate monthsEnd = afterEnd.withDayOfMonth(1);
        if (!firstMonth.isBefore(monthsEnd)) {
            firstMonth = afterEnd;
            monthsEnd = afterEnd;
        }
        return jdbc.sql("""
                        select nullif(s.product_id, 0) as product_id,
                               coalesce(p.title, s.item_title, nullif(s.custom_title, ''), 'Untitled item') as title,
                               coalesce(p.product_type, '') as product_type, s.units, s.revenue
                        from (select product_id, custom_title, max(item_title) as item_title,
                                     sum(units) as units, sum(revenue) as revenue
                              from (select product_id, custom_title, item_title, units, revenue
                                    from insights_product_months
                                    where tenant_id = :tenant and month >= :firstMonth and month < :monthsEnd
                                    union all
                                    select product_id, custom_title, item_title, units, revenue
                                    from insights_product_days
                                    where tenant_id = :tenant
                                      and ((day >= :start and day < :firstMonth) or (day >= :monthsEnd and day < :afterEnd))
                                   ) sales
                              group by product_id, custom_title
                              having sum(units) <> 0 or sum(revenue) <> 0) s
                        left join products p on p.tenant_id = :tenant and p.shopify_id = s.product_id
                        order by s.revenue desc, s.product_id, s.custom_title
                        """)
                .param("tenant", store.value())
                .param("start", start)
                .param("afterEnd", afterEnd)
                .param("firstMonth", firstMonth)
                .param("monthsEnd", monthsEnd)
                .query(ProductSale.class)
                .list();
    }
}
