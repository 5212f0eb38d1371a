package io.storefront.insights;

import io.storefront.tenants.StoreId;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Customers' orders in a range. Distinct customers cannot be added up from daily totals, so each day keeps
 * its customers ({@code insights_customer_days}, read through {@link CustomerDays}) and the totals per customer
 * are summed here.
 * Guest orders (no customer_id) count as orders but not as customers.
 */
@Repository
class CustomerSales {

    enum Ranking { REVENUE, ORDERS }

    record CustomerSale(long customerId, @Nullable String email, @Nullable String firstName,
            @Nullable String lastName, long orders, BigDecimal revenue) {}

    record CustomerCounts(long customers, long repeatCustomers) {}

    record Ranked(CustomerCounts counts, List<CustomerSale> top) {}

    private record Name(@Nullable String email, @Nullable String firstName, @Nullable String lastName) {}

    private final JdbcClient jdbc;
    private final CustomerDays customerDays;

    CustomerSales(InsightsDatabase database, CustomerDays customerDays) {
        this.jdbc = database.jdbc();
        this.customerDays = customerDays;
    }

    /** How many customers ordered in the range, how many of them twice or more, and the top {@code limit}. */
    Ranked ranked(StoreId store, DateRange range, Ranking ranking, int limit) {
        CustomerTotals.Summary summary = CustomerTotals.summarize(customerDays.between(store, range),
                ranking == Ranking.ORDERS, limit);
        List<CustomerTotals.Total> top = summary.top();
        Map<Long, Name> names = names(store, top.stream().map(CustomerTotals.Total::customerId).toList());
        List<CustomerSale> sales = top.stream().map(t -> {
            Name name = names.getOrDefault(t.customerId(), new Name(null, null, null));
            return new CustomerSale(t.customerId(), name.email(), name.firstName(), name.lastName(), t.orders(),
                    t.revenue());
        }).toList();
        return new Ranked(new CustomerCounts(summary.customers(), summary.repeatCustomers()), sales);
    }

    private Map<Long, Name> names(StoreId store, List<Long> customerIds) {
        Map<Long, Name> names = new HashMap<>();
        if (customerIds.isEmpty()) {
            return names;
        }
        jdbc.sql("""
                        select shopify_id, email, first_name, last_name from catalog_customer_names
                        where tenant_id = :tenant and shopify_id in (:ids)
                        """)
                .param("tenant", store.value())
                .param("ids", customerIds)
                .query(rs -> {
                    names.put(rs.getLong(1), new Name(rs.getString(2), rs.getString(3), rs.getString(4)));
                });
        return names;
    }
}
