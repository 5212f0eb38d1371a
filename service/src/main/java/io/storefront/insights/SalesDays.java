package io.storefront.insights;

import io.storefront.tenants.StoreId;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The per-day sales rollup ({@code insights_sales_days}), at most 1,827 rows for the longest range. */
@Repository
class SalesDays {

    record SalesDay(LocalDate day, long orders, BigDecimal revenue, BigDecimal refunds, BigDecimal grossSales,
            BigDecimal discounts, BigDecimal cancelledReturns, long newCustomers) {}

    private final JdbcClient jdbc;

    SalesDays(InsightsDatabase database) {
        this.jdbc = database.jdbc();
    }

    List<SalesDay> between(StoreId store, DateRange range) {
        return jdbc.sql("""
                        select day, orders, revenue, refunds, gross_sales, discounts, cancelled_returns, new_customers
                        from insights_sales_days
                        where tenant_id = :tenant and day between :start and :end
                        order by day
                        """)
                .param("tenant", store.value())
                .param("start", range.startDate())
                .param("end", range.endDate())
                .query(SalesDay.class)
                .list();
    }
}
