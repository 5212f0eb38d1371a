package io.storefront.insights;

import io.storefront.tenants.StoreId;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Line-item sales per product in a range, from whole months of {@code insights_product_months} and days of
 * {@code insights_product_days} at either end. A month only partly in the range is read as its days in the range,
 * or as the whole month less its days outside the range, whichever reads fewer day rows: a range ending today
 * takes this month whole (its days after today hold nothing to subtract), half the rows a year used to read.
 */
@Repository
class ProductSales {

    /** productId null: line items without a product (custom items), one row per item title. */
    record ProductSale(@Nullable Long productId, String title, String productType, long units, BigDecimal revenue) {}

    /** Rows of one rollup table over [from, until), added (sign 1) or subtracted (sign -1). */
    record Part(String table, String column, LocalDate from, LocalDate until, int sign) {}

    private final JdbcClient jdbc;

    ProductSales(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every product sold in the range, best-selling first (ties by product id). {@code today}: the shop's date. */
    List<ProductSale> between(StoreId store, DateRange range, LocalDate today) {
        List<Part> parts = parts(range.startDate(), range.endDate().plusDays(1), today);
        StringBuilder union = new StringBuilder();
        Map<String, Object> params = new HashMap<>();
        params.put("tenant", store.value());
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            union.append(i == 0 ? "" : "\n union all\n").append("""
                    select product_id, custom_title, item_title, %1$sunits as units, %1$srevenue_milli as revenue_milli
                    from %2$s where tenant_id = :tenant and %3$s >= :from%4$d and %3$s < :until%4$d"""
                    .formatted(part.sign() < 0 ? "-" : "", part.table(), part.column(), i));
            params.put("from" + i, part.from());
            params.put("until" + i, part.until());
        }
        return jdbc.sql("""
                        select nullif(s.product_id, 0) as product_id,
                               coalesce(p.title, s.item_title, nullif(s.custom_title, ''), 'Untitled item') as title,
                               coalesce(p.product_type, '') as product_type, s.units, s.revenue_milli * 0.001 as revenue
                        from (select product_id, custom_title, max(item_title) as item_title,
                                     sum(units) as units, sum(revenue_milli) as revenue_milli
                              from (%s) sales
                              group by product_id, custom_title
                              having sum(units) <> 0 or sum(revenue_milli) <> 0) s
                        left join products p on p.tenant_id = :tenant and p.shopify_id = s.product_id
                        order by s.revenue_milli desc, s.product_id, s.custom_title
                        """.formatted(union))
                .params(params)
                .query(ProductSale.class)
                .list();
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
        return new Part("insights_product_months", "month", from, until, 1);
    }

    private static Part days(LocalDate from, LocalDate until, int sign) {
        return new Part("insights_product_days", "day", from, until, sign);
    }

    /** Days of [from, until) up to and including today: the ones that can hold sales. */
    private static long days(LocalDate from, LocalDate until, LocalDate today) {
        LocalDate end = until.isAfter(today.plusDays(1)) ? today.plusDays(1) : until;
        return Math.max(0, ChronoUnit.DAYS.between(from, end));
    }
}
