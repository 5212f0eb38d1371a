package io.storefront.insights;

import io.storefront.insights.ProductPeriods.PeriodSales;
import io.storefront.insights.ProductPeriods.Span;
import io.storefront.tenants.StoreId;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Line-item sales per product in a range, from whole months of {@code insights_product_months} and days of
 * {@code insights_product_days} at either end ({@link ProductPeriods}). A month only partly in the range is read
 * as its days in the range, or as the whole month less its days outside the range, whichever reads fewer day
 * rows: a range ending today takes this month whole (its days after today hold nothing to subtract), half the
 * rows a year used to read. Titles and types come from the catalogue on every request.
 */
@Repository
class ProductSales {

    /** productId null: line items without a product (custom items), one row per item title. */
    record ProductSale(@Nullable Long productId, String title, String productType, long units, BigDecimal revenue) {}

    /** Months ({@code monthly}) or days over [from, until), added (sign 1) or subtracted (sign -1). */
    record Part(boolean monthly, LocalDate from, LocalDate until, int sign) {
        Span span() {
            return new Span(monthly, from, until);
        }
    }

    private record Sold(long productId, String customTitle) {}

    private static final class Total {
        @Nullable String itemTitle;
        long units;
        long milli;
    }

    private record Listed(String title, String productType) {}

    private final JdbcClient jdbc;
    private final ProductPeriods periods;

    ProductSales(InsightsDatabase database, ProductPeriods periods) {
        this.jdbc = database.jdbc();
        this.periods = periods;
    }

    /** Every product sold in the range, best-selling first (ties by product id). {@code today}: the shop's date. */
    List<ProductSale> between(StoreId store, DateRange range, LocalDate today) {
        List<Part> parts = parts(range.startDate(), range.endDate().plusDays(1), today);
        Map<Sold, Total> totals = new HashMap<>();
        periods.within(store, parts.stream().map(Part::span).toList()).forEach((period, sales) -> add(totals, sales,
                parts.stream().filter(part -> part.span().holds(period)).findFirst().orElseThrow().sign()));
        totals.values().removeIf(t -> t.units == 0 && t.milli == 0);
        Map<Long, Listed> listed = listed(store, totals.keySet());
        return totals.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<Sold, Total> e) -> e.getValue().milli).reversed()
                        .thenComparingLong(e -> e.getKey().productId())
                        .thenComparing(e -> e.getKey().customTitle()))
                .map(e -> sale(e.getKey(), e.getValue(), listed.get(e.getKey().productId())))
                .toList();
    }

    private static void add(Map<Sold, Total> totals, PeriodSales sales, int sign) {
        for (int i = 0; i < sales.productIds().length; i++) {
            Total total = totals.computeIfAbsent(new Sold(sales.productIds()[i], sales.customTitles()[i]), s -> new Total());
            String itemTitle = sales.itemTitles()[i];
            if (itemTitle != null && (total.itemTitle == null || itemTitle.compareTo(total.itemTitle) > 0)) {
                total.itemTitle = itemTitle;
            }
            total.units += sign * sales.units()[i];
            total.milli += sign * sales.milli()[i];
        }
    }

    private Map<Long, Listed> listed(StoreId store, Set<Sold> sold) {
        Map<Long, Listed> listed = new HashMap<>();
        List<String> ids = sold.stream().filter(s -> s.productId() != 0).map(s -> Long.toString(s.productId())).toList();
        if (ids.isEmpty()) {
            return listed;
        }
        jdbc.sql("""
                        select p.shopify_id, p.title, p.product_type
                        from unnest(cast(:ids as bigint[])) i (id)
                        join catalog_product_listings p on p.tenant_id = :tenant and p.shopify_id = i.id
                        """)
                .param("tenant", store.value())
                .param("ids", SqlArrays.literal(ids))
                .query(rs -> {
                    listed.put(rs.getLong(1), new Listed(rs.getString(2), rs.getString(3)));
                });
        return listed;
    }

    private static ProductSale sale(Sold sold, Total total, @Nullable Listed listed) {
        String title = listed != null && listed.title() != null ? listed.title()
                : total.itemTitle != null ? total.itemTitle
                : !sold.customTitle().isEmpty() ? sold.customTitle()
                : "Untitled item";
        String productType = listed != null && listed.productType() != null ? listed.productType() : "";
        return new ProductSale(sold.productId() == 0 ? null : sold.productId(), title, productType, total.units,
                BigDecimal.valueOf(total.milli, 3));
    }

    /** [start, afterEnd) as month and day parts; days after {@code today} count as empty when choosing. */
    static List<Part> parts(LocalDate start, LocalDate afterEnd, LocalDate today) {
        LocalDate firstMonth = start.withDayOfMonth(1);
        LocalDate lastMonth = afterEnd.minusDays(1).withDayOfMonth(1);
        List<Part> parts = new ArrayList<>();
        if (firstMonth.equals(lastMonth)) {
            LocalDate nextMonth = firstMonth.plusMonths(1);
            if (days(start, afterEnd, today) <= days(firstMonth, start, today) + days(afterEnd, nextMonth, today)) {
                parts.add(days(start, afterEnd, 1));
                return parts;
            }
            addIfAny(parts, days(firstMonth, start, -1));
            addIfAny(parts, days(afterEnd, nextMonth, -1));
            parts.add(months(firstMonth, nextMonth));
            return parts;
        }
        LocalDate monthsFrom = firstMonth;
        if (!start.equals(firstMonth)) {
            LocalDate nextMonth = firstMonth.plusMonths(1);
            if (days(start, nextMonth, today) <= days(firstMonth, start, today)) {
                parts.add(days(start, nextMonth, 1));
                monthsFrom = nextMonth;
            } else {
                parts.add(days(firstMonth, start, -1));
            }
        }
        LocalDate monthsUntil = lastMonth.plusMonths(1);
        if (!afterEnd.equals(monthsUntil)) {
            if (days(lastMonth, afterEnd, today) <= days(afterEnd, monthsUntil, today)) {
                parts.add(days(lastMonth, afterEnd, 1));
                monthsUntil = lastMonth;
            } else {
                parts.add(days(afterEnd, monthsUntil, -1));
            }
        }
        if (monthsFrom.isBefore(monthsUntil)) {
            parts.add(months(monthsFrom, monthsUntil));
        }
        return parts;
    }

    private static void addIfAny(List<Part> parts, Part part) {
        if (part.from().isBefore(part.until())) {
            parts.add(part);
        }
    }

    private static Part months(LocalDate from, LocalDate until) {
        return new Part(true, from, until, 1);
    }

    private static Part days(LocalDate from, LocalDate until, int sign) {
        return new Part(false, from, until, sign);
    }

    /** Days of [from, until) up to and including today: the ones that can hold sales. */
    private static long days(LocalDate from, LocalDate until, LocalDate today) {
        LocalDate end = until.isAfter(today.plusDays(1)) ? today.plusDays(1) : until;
        return Math.max(0, ChronoUnit.DAYS.between(from, end));
    }
}
