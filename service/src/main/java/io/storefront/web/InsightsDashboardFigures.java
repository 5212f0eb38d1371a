package io.storefront.web;

import io.storefront.insights.AbandonedCarts;
import io.storefront.insights.DateRange;
import io.storefront.insights.Insights;
import io.storefront.insights.PeriodFigures;
import io.storefront.insights.ProductPerformance;
import io.storefront.tenants.StoreId;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The dashboard's figures from the insights module: the same ones {@code GET /api/insights/dashboard} returns. */
@Component
class InsightsDashboardFigures implements DashboardFigures {

    private final Insights insights;

    InsightsDashboardFigures(Insights insights) {
        this.insights = insights;
    }

    @Override
    public Figures load(StoreId store, LocalDate start, LocalDate end, LocalDate compareStart, LocalDate compareEnd) {
        DateRange range = new DateRange(start, end);
        io.storefront.insights.DashboardFigures dashboard = insights.dashboard(store, range,
                new DateRange(compareStart, compareEnd), false);
        PeriodFigures now = dashboard.figures();
        PeriodFigures before = dashboard.previous() == null ? now : dashboard.previous();
        return new Figures(dashboard.currency() == null ? "USD" : dashboard.currency(), totals(now), totals(before),
                now.ordersByDate().stream().map(d -> new Day(d.date(), d.orders(), money(d.revenue()))).toList(),
                now.topCustomers().stream().map(c -> new TopCustomer(name(c), c.email(), c.orders(), money(c.revenue())))
                        .toList(),
                now.revenueByProduct().stream().map(p -> new Sales(p.title(), p.units(), money(p.revenue()))).toList(),
                now.revenueByProductType().stream()
                        .map(t -> new Sales(t.productType().isBlank() ? "(no type)" : t.productType(), t.units(),
                                money(t.revenue())))
                        .toList(),
                dashboard.dataAsOf() == null ? null : dashboard.dataAsOf().truncatedTo(ChronoUnit.SECONDS));
    }

    @Override
    public Carts carts(StoreId store, LocalDate start, LocalDate end, @Nullable String cursor, int limit) {
        AbandonedCarts carts = insights.abandonedCarts(store, new DateRange(start, end), cursor, limit);
        return new Carts(carts.abandoned(), money(carts.abandonedValue()), carts.recoverable(),
                money(carts.recoverableValue()), new BigDecimal(carts.abandonmentRate()),
                carts.checkouts().stream()
                        .map(c -> new AbandonedCheckout(c.createdAt(), c.email(), money(c.value()), c.recoveryUrl()))
                        .toList(),
                carts.nextCursor());
    }

    /** The ranking keeps its top in a heap sized by the limit, so the count of customers comes first. */
    @Override
    public List<TopCustomer> allCustomers(StoreId store, LocalDate start, LocalDate end) {
        DateRange range = new DateRange(start, end);
        long customers = insights.customers(store, range, false, 0).totalCustomers();
        return insights.customers(store, range, false, (int) Math.min(Integer.MAX_VALUE - 1, customers)).customers()
                .stream().map(c -> new TopCustomer(name(c), c.email(), c.orders(), money(c.revenue()))).toList();
    }

    @Override
    public List<Sales> allSales(StoreId store, LocalDate start, LocalDate end, boolean byType) {
        ProductPerformance performance = insights.products(store, new DateRange(start, end), Integer.MAX_VALUE);
        return byType
                ? performance.productTypes().stream().map(t -> new Sales(
                        t.productType().isBlank() ? "(no type)" : t.productType(), t.units(), money(t.revenue()))).toList()
                : performance.products().stream().map(p -> new Sales(p.title(), p.units(), money(p.revenue()))).toList();
    }

    private static Totals totals(PeriodFigures p) {
        return new Totals(money(p.totalRevenue()), money(p.netRevenue()), p.totalOrders(), money(p.averageOrderValue()),
                p.totalCustomers(), p.newCustomers(), new BigDecimal(p.repeatCustomerRate()),
                money(p.abandonedCheckouts().value()));
    }

    private static String name(PeriodFigures.CustomerRevenue c) {
        String full = (nonNull(c.firstName()) + " " + nonNull(c.lastName())).trim();
        if (!full.isEmpty()) {
            return full;
        }
        return c.email() != null ? c.email() : "Customer " + c.customerId();
    }

    private static String nonNull(@Nullable String value) {
        return value == null ? "" : value;
    }

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }

}
