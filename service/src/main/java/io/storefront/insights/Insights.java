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
import io.storefront.platform.SupportedDates;
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
    private final InsightsDatabase database;
    private final InsightsSettings settings;
    private final Clock clock;
    private final Executor executor;

    Insights(Stores stores, SalesDays salesDays, ProductSales productSales, CustomerSales customerSales,
            AbandonedCheckouts abandonedCheckouts, LastSyncs lastSyncs, InsightsDatabase database,
            InsightsSettings settings,
            ObjectProvider<Clock> clock, @Qualifier("applicationTaskExecutor") Executor executor) {
        this.executor = executor;
        this.stores = stores;
        this.salesDays = salesDays;
        this.productSales = productSales;
        this.customerSales = customerSales;
        this.abandonedCheckouts = abandonedCheckouts;
        this.lastSyncs = lastSyncs;
        this.database = database;
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
        Money money = Money.of(facts.currency());
        // before the reads: replay only moves forward, so they hold at least everything up to this time
        Instant asOf = database.asOf().orElse(null);
        Supplier<PeriodFigures> figures = figures(store, facts.zone(), range, shopifyBasis, money);
        Supplier<PeriodFigures> previous = comparedWith != null
                ? figures(store, facts.zone(), comparedWith, shopifyBasis, money)
                : () -> null;
        Instant lastSynced = lastSyncs.finishedAt(store).orElse(null);
        return new DashboardFigures(facts.currency(), facts.zone().getId(), shopifyBasis ? "shopify" : "orders",
                lastSynced, figures.get(), previous.get(), asOf);
    }

    public CustomerRanking customers(StoreId store, DateRange range, boolean byOrders, int limit) {
        StoreFacts facts = stores.facts(store);
        Ranked ranked = customerSales.ranked(store, range, byOrders ? Ranking.ORDERS : Ranking.REVENUE, limit);
        return new CustomerRanking(range.startDate(), range.endDate(), facts.currency(),
                byOrders ? "orders" : "revenue", ranked.counts().customers(), ranked.counts().repeatCustomers(),
                ranked.top().stream().map(sale -> customerRevenue(sale, Money.of(facts.currency()))).toList());
    }

    public ProductPerformance products(StoreId store, DateRange range, int limit) {
        StoreFacts facts = stores.facts(store);
        List<ProductSale> sales = productSales.between(store, range, LocalDate.now(clock.withZone(facts.zone())));
        long units = sales.stream().mapToLong(ProductSale::units).sum();
        BigDecimal revenue = sales.stream().map(ProductSale::revenue).reduce(BigDecimal.ZERO, BigDecimal::add);
        Money money = Money.of(facts.currency());
        return new ProductPerformance(range.startDate(), range.endDate(), facts.currency(), units,
                money.format(revenue), topProducts(sales, limit, money), topProductTypes(sales, limit, money));
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
        Money money = Money.of(facts.currency());
        return new AbandonedCarts(range.startDate(), range.endDate(), facts.currency(), window.toMinutes(),
                summary.abandoned(), money.format(summary.abandonedValue()), summary.completed(),
                Money.ratio(summary.abandoned(), summary.abandoned() + summary.completed()),
                summary.recoverable(), money.format(summary.recoverableValue()),
                shown.stream().map(c -> new AbandonedCarts.Cart(Long.toString(c.checkoutId()),
                        c.customerId() == null ? null : Long.toString(c.customerId()), c.email(), c.firstName(),
                        c.lastName(), money.format(c.value()), c.lineItemsJson(), c.createdAt(), c.completedAt(),
                        c.recoveryUrl())).toList(),
                next);
    }

    private record Totals(List<SalesDay> days, List<ProductSale> products) {}

    /** Starts the reads of one period in three lanes (customers, checkouts, the rest); the supplier joins them. */
    private Supplier<PeriodFigures> figures(StoreId store, ZoneId zone, DateRange range, boolean shopifyBasis, Money money) {
        Instant from = range.from(zone);
        Instant until = range.until(zone);
        Instant now = clock.instant();
        var customers = CompletableFuture.supplyAsync(
                () -> customerSales.ranked(store, range, Ranking.REVENUE, settings.topCustomers()), executor);
        var abandoned = CompletableFuture.supplyAsync(
                () -> abandonedCheckouts.summary(store, from, until, settings.abandonmentWindow(), now), executor);
        var totals = CompletableFuture.supplyAsync(() -> new Totals(salesDays.between(store, range),
                productSales.between(store, range, LocalDate.now(clock.withZone(zone)))), executor);
        return () -> figures(range, join(totals), join(customers), join(abandoned), shopifyBasis, money);
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
            boolean shopifyBasis, Money money) {
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
                    ? new DaySales(date, 0, money.zero())
                    : new DaySales(date, day.orders(), money.format(day.revenue())));
        }
        BigDecimal returns = refunds.add(cancelledReturns);
        PeriodFigures.ShopifySales shopify = shopifyBasis
                ? new PeriodFigures.ShopifySales(money.format(gross), money.format(discounts), money.format(returns),
                        money.format(gross.subtract(discounts).subtract(returns)))
                : null;
        long customerCount = customers.counts().customers();
        long repeat = customers.counts().repeatCustomers();
        return new PeriodFigures(range.startDate(), range.endDate(), money.format(revenue), money.format(refunds),
                money.format(revenue.subtract(refunds)), orders, money.average(revenue, orders), customerCount,
                newCustomers, repeat, Money.ratio(repeat, customerCount), ordersByDate,
                customers.top().stream().map(sale -> customerRevenue(sale, money)).toList(),
                topProducts(products, settings.topProducts(), money), topProductTypes(products, settings.topProducts(), money),
                new PeriodFigures.AbandonedCheckoutTotals(abandoned.abandoned(), money.format(abandoned.abandonedValue())),
                shopify);
    }

    private static CustomerRevenue customerRevenue(CustomerSale sale, Money money) {
        return new CustomerRevenue(Long.toString(sale.customerId()), sale.email(), sale.firstName(), sale.lastName(),
                money.format(sale.revenue()), sale.orders());
    }

    /** The first {@code limit} products, then one "Other" row holding the rest. Sales come best first. */
    private static List<ProductRevenue> topProducts(List<ProductSale> sales, int limit, Money money) {
        List<ProductRevenue> rows = new ArrayList<>();
        long otherUnits = 0;
        BigDecimal otherRevenue = BigDecimal.ZERO;
        for (int i = 0; i < sales.size(); i++) {
            ProductSale sale = sales.get(i);
            if (i < limit) {
                rows.add(new ProductRevenue(sale.productId() == null ? null : Long.toString(sale.productId()),
                        sale.title(), sale.productType(), sale.units(), money.format(sale.revenue()), false));
            } else {
                otherUnits += sale.units();
                otherRevenue = otherRevenue.add(sale.revenue());
            }
        }
        if (sales.size() > limit) {
            rows.add(new ProductRevenue(null, "Other", "", otherUnits, money.format(otherRevenue), true));
        }
        return rows;
    }

    private record TypeTotal(String productType, long units, BigDecimal revenue) {}

    private static List<ProductTypeRevenue> topProductTypes(List<ProductSale> sales, int limit, Money money) {
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
                rows.add(new ProductTypeRevenue(total.productType(), total.units(), money.format(total.revenue()), false));
            } else {
                otherUnits += total.units();
                otherRevenue = otherRevenue.add(total.revenue());
            }
        }
        if (ranked.size() > limit) {
            rows.add(new ProductTypeRevenue("Other", otherUnits, money.format(otherRevenue), true));
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
            Instant createdAt = Instant.parse(parts[0]);
            if (!SupportedDates.contains(createdAt)) {
                throw new IllegalArgumentException("forged cursor");
            }
            return new Position(createdAt, Long.parseLong(parts[1]));
        } catch (RuntimeException e) {
            throw new InvalidInsightsRequest("cursor", "cursor is not one this endpoint handed out");
        }
    }
}
