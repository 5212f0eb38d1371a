package io.storefront.insights;

import io.storefront.tenants.StoreId;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Customers' orders in a range, read from the orders table through its covering index on
 * (tenant_id, processed_at): distinct customers cannot be added up from daily rollups.
 * Guest orders (no customer_id) count as orders but not as customers.
 */
@Repository
class CustomerSales {

    enum Ranking { REVENUE, ORDERS }

    record CustomerSale(long customerId, @Nullable String email, @Nullable String firstName,
            @Nullable String lastName, long orders, BigDecimal revenue) {}

    record CustomerCounts(long customers, long repeatCustomers) {}

    record Ranked(CustomerCounts counts, List<CustomerSale> top) {}

    private final JdbcClient jdbc;

    CustomerSales(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The counts of customers with orders in the range and the top {@code limit} of them, in one pass. */
    Ranked ranked(StoreId store, Instant from, Instant until, Ranking ranking, int limit) {
        String order = ranking == Ranking.REVENUE
                ? "c.revenue desc, c.orders desc, c.customer_id"
                : "c.orders desc, c.revenue desc, c.customer_id";
        long[] counts = new long[2];
        List<CustomerSale> top = jdbc.sql("""
                        with c as (
                            select customer_id, count(*) as orders, sum(total_price) as revenue
                            from orders
                            where tenant_id = :tenant and processed_at >= :from and processed_at < :until
                              and cancelled_at is null and not test and customer_id is not null
                            group by customer_id
                        ), t as (
                            select c.*, count(*) over () as customers,
                                   count(*) filter (where c.orders >= 2) over () as repeat_customers
                            from c
                            order by %s
                            limit :limit
                        )
                        select t.customer_id, cu.email, cu.first_name, cu.last_name, t.orders, t.revenue,
                               t.customers, t.repeat_customers
                        from t left join customers cu on cu.tenant_id = :tenant and cu.shopify_id = t.customer_id
                        order by %s
                        """.formatted(order, order.replace("c.", "t.")))
                .param("tenant", store.value())
                .param("from", Timestamp.from(from))
                .param("until", Timestamp.from(until))
                .param("limit", limit)
                .query((rs, row) -> {
                    counts[0] = rs.getLong("customers");
                    counts[1] = rs.getLong("repeat_customers");
                    return new CustomerSale(rs.getLong("customer_id"), rs.getString("email"),
                            rs.getString("first_name"), rs.getString("last_name"), rs.getLong("orders"),
                            rs.getBigDecimal("revenue"));
                })
                .list();
        return new Ranked(new CustomerCounts(counts[0], counts[1]), top);
    }

    /** Customers whose first-ever non-cancelled, non-test order falls in the range. */
    long newCustomers(StoreId store, Instant from, Instant until) {
        return jdbc.sql("""
                        select count(*) from insights_first_orders
                        where tenant_id = :tenant and first_order_at >= :from and first_order_at < :until
                        """)
                .param("tenant", store.value())
                .param("from", Timestamp.from(from))
                .param("until", Timestamp.from(until))
                .query(Long.class)
                .single();
    }
}
