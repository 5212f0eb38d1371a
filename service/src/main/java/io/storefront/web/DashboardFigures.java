package io.storefront.web;

import io.storefront.tenants.StoreId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the dashboard page shows, in the page's own terms; an adapter fills it from the
 * insights module, so templates and CSV do not change when that module's records do.
 */
interface DashboardFigures {

    Figures load(StoreId store, LocalDate start, LocalDate end);

    record Figures(String currency, Totals current, Totals previous, List<Day> ordersByDate,
            List<TopCustomer> topCustomers, List<Sales> revenueByProduct, List<Sales> revenueByProductType,
            List<AbandonedCheckout> abandonedCheckouts, @Nullable Instant dataAsOf) {}

    record Totals(BigDecimal totalRevenue, BigDecimal netRevenue, long totalOrders, BigDecimal averageOrderValue,
            long totalCustomers, long newCustomers, BigDecimal repeatCustomerRate, BigDecimal abandonedValue) {}

    record Day(LocalDate date, long orders, BigDecimal revenue) {}

    record TopCustomer(String name, @Nullable String email, long orders, BigDecimal revenue) {}

    record Sales(String name, long units, BigDecimal revenue) {}

    record AbandonedCheckout(Instant createdAt, @Nullable String email, BigDecimal value,
            @Nullable String recoveryUrl) {}
}
