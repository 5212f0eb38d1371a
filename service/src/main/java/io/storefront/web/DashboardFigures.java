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

    /** The range's figures, compared with {@code compareStart}–{@code compareEnd}. */
    Figures load(StoreId store, LocalDate start, LocalDate end, LocalDate compareStart, LocalDate compareEnd);

    /** One page of the range's abandoned checkouts, oldest cursor first; {@code cursor} null for the first page. */
    Carts carts(StoreId store, LocalDate start, LocalDate end, @Nullable String cursor, int limit);

    /** Every customer who ordered in the range, best revenue first (for the CSV, not the page). */
    List<TopCustomer> allCustomers(StoreId store, LocalDate start, LocalDate end);

    /** Every product ({@code byType} false) or product type sold in the range, best revenue first. */
    List<Sales> allSales(StoreId store, LocalDate start, LocalDate end, boolean byType);

    record Figures(String currency, Totals current, Totals previous, List<Day> ordersByDate,
            List<TopCustomer> topCustomers, List<Sales> revenueByProduct, List<Sales> revenueByProductType,
            @Nullable Instant dataAsOf) {}

    /** {@code abandonmentRate} is a fraction; {@code nextCursor} null on the last page. */
    record Carts(long abandoned, BigDecimal abandonedValue, long recoverable, BigDecimal recoverableValue,
            BigDecimal abandonmentRate, List<AbandonedCheckout> rows, @Nullable String nextCursor) {}

    record Totals(BigDecimal totalRevenue, BigDecimal netRevenue, long totalOrders, BigDecimal averageOrderValue,
            long totalCustomers, long newCustomers, BigDecimal repeatCustomerRate, BigDecimal abandonedValue) {}

    record Day(LocalDate date, long orders, BigDecimal revenue) {}

    record TopCustomer(String name, @Nullable String email, long orders, BigDecimal revenue) {}

    record Sales(String name, long units, BigDecimal revenue) {}

    record AbandonedCheckout(Instant createdAt, @Nullable String email, BigDecimal value,
            @Nullable String recoveryUrl) {}
}
