package io.storefront.insights;

import io.storefront.insights.AbandonedCheckouts.Position;
import io.storefront.insights.CustomerSales.CustomerSale;
import io.storefront.insights.CustomerSales.Ranked;
import io.storefront.insights.CustomerSales.Ranking;
import io.storefront.insights.PeriodFigures.CustomerRevenue;
import io.storefront.insights.PeriodFigures.DaySales;
import io.storefront.insights.PeriodFigures.ProductRevenue;
import io.storefront.insights.PeriodFigures.ProductTypeRevenue;
import io.storefront.insights.ProductSales.ProductSale;
import io.storefront.insights.SalesDays.SalesDay;
import io.storefront.tenants.StoreFacts;
import io.storefront.tenants.StoreId;
import io.storefront.tenants.Stores;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/**
 * The insights module's API: a store's figures for a range of its own (shop-local) dates.
 *
 * <p>The dashboard's figures come from independent reads that run side by side, each on its own connection
 * (and so its own snapshot: a write landing mid-request may show in one card and not yet in another).
 */
@Service
public class Insights {

    private final Stores stores;
    private final SalesDays salesDays;
    private final ProductSales productSales;
    private final CustomerSales customerSales;
    private final AbandonedCheckouts abandonedCheckouts;
    private final LastSyncs lastSyncs;
    private final InsightsSettings settings;
    private final Clock clock;
    private final Executor executor;

    Insights(Stores stores, SalesDays salesDays, ProductSales productSales, CustomerSales customerSales,
            AbandonedCheckouts abandonedCheckouts, LastSyncs lastSyncs, InsightsSettings settings,
            ObjectProvider<Clock> clock, @Qualifier("applicationTaskExecutor") Executor executor) {
        this.executor = executor;
        this.stores = stores;
        this.salesDays = salesDays;
        this.productSales = productSales;
        this.customerSales = customerSales;
        this.abandonedCheckouts = abandonedCheckouts;
        this.lastSyncs = lastSyncs;
        this.settings = settings;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** The range a request names, or the default one ending today in the shop's zone. */
    public DateRange range(StoreId store, @Nullable String startDate, @Nullable String endDate) {
        ZoneId zone = stores.facts(store).zone();
        return DateRange.parse(startDate, endDate, LocalDate.now(clock.withZone(zone)), settings.defaultRangeDays());
    }

    public DashboardFigures dashboard(StoreId store, DateRange range, boolean comparePrevious, boolean shopifyBasis) {
        return dashboard(store, range, comparePrevious ? range.previous() : null, shopifyBasis);
    }

    /** {@code comparedWith} is any other period (the same one last year, last month's first days), or null. */
    public DashboardFigures dashboard(StoreId store, DateRange range, @Nullable DateRange comparedWith,
            boolean shopifyBasis) {
        StoreFacts facts = stores.facts(store);
        Supplier<PeriodFigures> figures = figures(store, facts.zone(), range, shopifyBasis);
        Supplier<PeriodFigures> previous = comparedWith != null
                ? figures(store, facts.zone(), comparedWith, shopifyBasis)
                : () -> null;
        Instant lastSynced = lastSyncs.finishedAt(store).orElse(null);
        return new DashboardFigures(facts.currency(), facts.zone().getId(), shopifyBasis ? "shopify" : "orders",
                lastSynced, figures.get(), previous.get());
    }

    public CustomerRanking customers(StoreId store, DateRange range, boolean byOrders, int limit) {
        StoreFacts facts = stores.facts(store);
        Ranked ranked = customerSales.ranked(store, range, byOrders ? Ranking.ORDERS : Ranking.REVENUE, limit);
        return new CustomerRanking(range.startDate(), range.endDate(), facts.currency(),
                byOrders ? "orders" : "revenue", ranked.counts().customers(), ranked.counts().repeatCustomers(),
                ranked.top().stream().map(Insights::customerRevenue).toList());
    }

    public ProductPerformance products(StoreId store, DateRange range, int limit) {
        StoreFacts facts = stores.facts(store);
        List<ProductSale> sales = productSales.between(store, range, LocalDate.now(clock.withZone(facts.zone())));
        long units = sales.stream().mapToLong(ProductSale::units).sum();
        BigDecimal revenue = sales.stream().map(ProductSale::revenue).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new ProductPerformance(range.startDate(), range.endDate(), facts.currency(), units,
                Money.format(revenue), topProducts(sales, limit), topProductTypes(sales, limit));
    }

    public AbandonedCarts abandonedCarts(StoreId store, DateRange range, @Nullable String cursor, int limit) {
        StoreFacts facts = stores.facts(store);
        Instant from = range.from(facts.zone());
        Instant until = range.until(facts.zone());
        Instant now = clock.instant();
        var window = settings.abandonmentWindow();
        var summary = abandonedCheckouts.summary(store, from, until, window, now);
        var page = abandonedCheckouts.page(store, from, until, window, now, decode(cursor), limit + 1);
        boolean more = page.size() > limit;
        var shown = more ? page.subList(0, limit) : page;
        String next = more ? encode(shown.get(shown.size() - 1)) : null;
        return new AbandonedCarts(range.startDate(), range.endDate(), facts.currency(), window.toMinutes(),
                summary.abandoned(), Money.format(summary.abandonedValue()), summary.completed(),
                Money.ratio(summary.abandoned(), summary.abandoned() + summary.completed()),
                summary.recoverable(), Money.format(summary.recoverableValue()),
                shown.stream().map(c -> new AbandonedCarts.Cart(Long.toString(c.checkoutId()),
                        c.customerId() == null ? null : Long.toString(c.customerId()), c.email(), c.firstName(),
                        c.lastName(), Money.format(c.value()), c.lineItemsJson(), c.createdAt(), c.completedAt(),
                        c.recoveryUrl())).toList(),
                next);
    }

    private record Totals(List<SalesDay> days, List<ProductSale> products) {}

    /** Starts the reads of one period in three lanes (customers, checkouts, the rest); the supplier joins them. */
    private Supplier<PeriodFigures> figures(StoreId store, ZoneId zone, DateRange range, boolean shopifyBasis) {
        Instant from = range.from(zone);
        Instant until = range.until(zone);
        Instant now = clock.instant();
        var customers = CompletableFuture.supplyAsync(
                () -> customerSales.ranked(store, range, Ranking.REVENUE, settings.topCustomers()), executor);
        var abandoned = CompletableFuture.supplyAsync(
                () -> abandonedCheckouts.summary(store, from, until, settings.abandonmentWindow(), now), executor);
        var totals = CompletableFuture.supplyAsync(() -> new Totals(salesDays.between(store, range),
                productSales.between(store, range, LocalDate.now(clock.withZone(zone)))), executor);
        return () -> figures(range, join(totals), join(customers), join(abandoned), shopifyBasis);
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private PeriodFigures figures(DateRange range, Totals totals, Ranked customers, AbandonedCheckouts.Summary abandoned,
            boolean shopifyBasis) {
        List<SalesDay> days = totals.days();
        long newCustomers = 0;
        List<ProductSale> products = totals.products();

        long orders = 0;
        BigDecimal revenue = BigDecimal.ZERO;
        BigDecimal refunds = BigDecimal.ZERO;
        BigDecimal gross = BigDecimal.ZERO;
        BigDecimal discounts = BigDecimal.ZERO;
        BigDecimal cancelledReturns = BigDecimal.ZERO;
        Map<LocalDate, SalesDay> byDay = new HashMap<>();
        for (SalesDay day : days) {
            byDay.put(day.day(), day);
            orders += day.orders();
            newCustomers += day.newCustomers();
            revenue = revenue.add(day.revenue());
            refunds = refunds.add(day.refunds());
            gross = gross.add(day.grossSales());
            discounts = discounts.add(day.discounts());
            cancelledReturns = cancelledReturns.add(day.cancelledReturns());
        }
        List<DaySales> ordersByDate = new ArrayList<>((int) range.days());
        for (LocalDate date = range.startDate(); !date.isAfter(range.endDate()); date = date.plusDays(1)) {
            SalesDay day = byDay.get(date);
            ordersByDate.add(day == null
                    ? new DaySales(date, 0, "0.00")
                    : new DaySales(date, day.orders(), Money.format(day.revenue())));
        }
        BigDecimal returns = refunds.add(cancelledReturns);
        PeriodFigures.ShopifySales shopify = shopifyBasis
                ? new PeriodFigures.ShopifySales(Money.format(gross), Money.format(discounts), Money.format(returns),
                        Money.format(gross.subtract(discounts).subtract(returns)))
                : null;
        long customerCount = customers.counts().customers();
        long repeat = customers.counts().repeatCustomers();
        return new PeriodFigures(range.startDate(), range.endDate(), Money.format(revenue), Money.format(refunds),
                Money.format(revenue.subtract(refunds)), orders, Money.average(revenue, orders), customerCount,
                newCustomers, repeat, Money.ratio(repeat, customerCount), ordersByDate,
                customers.top().stream().map(Insights::customerRevenue).toList(),
                topProducts(products, settings.topProducts()), topProductTypes(products, settings.topProducts()),
                new PeriodFigures.AbandonedCheckoutTotals(abandoned.abandoned(), Money.format(abandoned.abandonedValue())),
                shopify);
    }

    private static CustomerRevenue customerRevenue(CustomerSale sale) {
        return new CustomerRevenue(Long.toString(sale.customerId()), sale.email(), sale.firstName(), sale.lastName(),
                Money.format(sale.revenue()), sale.orders());
    }

    /** The first {@code limit} products, then one "Other" row holding the rest. Sales come best first. */
    private static List<ProductRevenue> topProducts(List<ProductSale> sales, int limit) {
        List<ProductRevenue> rows = new ArrayList<>();
        long otherUnits = 0;
        BigDecimal otherRevenue = BigDecimal.ZERO;
        for (int i = 0; i < sales.size(); i++) {
            ProductSale sale = sales.get(i);
            if (i < limit) {
                rows.add(new ProductRevenue(sale.productId() == null ? null : Long.toString(sale.productId()),
                        sale.title(), sale.productType(), sale.units(), Money.format(sale.revenue()), false));
            } else {
                otherUnits += sale.units();
                otherRevenue = otherRevenue.add(sale.revenue());
            }
        }
        if (sales.size() > limit) {
            rows.add(new ProductRevenue(null, "Other", "", otherUnits, Money.format(otherRevenue), true));
        }
        return rows;
    }

    private record TypeTotal(String productType, long units, BigDecimal revenue) {}

    private static List<ProductTypeRevenue> topProductTypes(List<ProductSale> sales, int limit) {
        Map<String, TypeTotal> totals = new HashMap<>();
        for (ProductSale sale : sales) {
            totals.merge(sale.productType(), new TypeTotal(sale.productType(), sale.units(), sale.revenue()),
                    (a, b) -> new TypeTotal(a.productType(), a.units() + b.units(), a.revenue().add(b.revenue())));
        }
        List<TypeTotal> ranked = totals.values().stream()
                .sorted(Comparator.comparing(TypeTotal::revenue).reversed().thenComparing(TypeTotal::productType))
                .toList();
        List<ProductTypeRevenue> rows = new ArrayList<>();
        long otherUnits = 0;
        BigDecimal otherRevenue = BigDecimal.ZERO;
        for (int i = 0; i < ranked.size(); i++) {
            TypeTotal total = ranked.get(i);
            if (i < limit) {
                rows.add(new ProductTypeRevenue(total.productType(), total.units(), Money.format(total.revenue()), false));
            } else {
                otherUnits += total.units();
                otherRevenue = otherRevenue.add(total.revenue());
            }
        }
        if (ranked.size() > limit) {
            rows.add(new ProductTypeRevenue("Other", otherUnits, Money.format(otherRevenue), true));
        }
        return rows;
    }

    private static String encode(AbandonedCheckouts.AbandonedCheckout last) {
        String position = last.createdAt() + "~" + last.checkoutId();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    private static @Nullable Position decode(@Nullable String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("~", 2);
            return new Position(Instant.parse(parts[0]), Long.parseLong(parts[1]));
        } catch (RuntimeException e) {
            throw new InvalidInsightsRequest("cursor", "cursor is not one this endpoint handed out");
        }
    }
}
