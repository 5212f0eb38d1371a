package io.storefront.insights;

import io.storefront.insights.KnownVersions.Read;
import io.storefront.tenants.StoreId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The rows of the product rollup periods (days of {@code insights_product_days}, months of
 * {@code insights_product_months}) a request needs. Each period's rows stay in memory with the period's version
 * ({@code insights_product_periods}); a request reads every version of its periods and receives rows only for the
 * periods whose version moved, in the same statement, so figures are never stale. Memory: {@link RollupMemory}.
 */
@Repository
class ProductPeriods {

    /** A day ({@code monthly} false) or a month of the product rollups. */
    record Period(boolean monthly, LocalDate start) {}

    /** A period's rows: product (0 for custom items), custom item title, item title, units, revenue (thousandths). */
    record PeriodSales(long[] productIds, String[] customTitles, @Nullable String[] itemTitles, long[] units,
            long[] milli) {}

    /** The months ({@code monthly}) or the days starting in [from, until). */
    record Span(boolean monthly, LocalDate from, LocalDate until) {
        boolean holds(Period period) {
            return period.monthly() == monthly && !period.start().isBefore(from) && period.start().isBefore(until);
        }
    }

    private final JdbcClient jdbc;
    private final RollupMemory memory;

    ProductPeriods(InsightsDatabase database, RollupMemory memory) {
        this.jdbc = database.jdbc();
        this.memory = memory;
    }

    /** Every period of the store with rows in one of the spans, and its rows. */
    Map<Period, PeriodSales> within(StoreId store, List<Span> spans) {
        StoreProductPeriods known = memory.of(store, StoreProductPeriods.class, StoreProductPeriods::new);
        List<Read<Period, PeriodSales>> reads =
                read(store, spans, known.versions(period -> spans.stream().anyMatch(span -> span.holds(period))));
        List<PeriodSales> sales = known.update(reads);
        memory.read(store, known, reads);
        Map<Period, PeriodSales> periods = new LinkedHashMap<>();
        for (int i = 0; i < reads.size(); i++) {
            periods.put(reads.get(i).key(), sales.get(i));
        }
        return periods;
    }

    private List<Read<Period, PeriodSales>> read(StoreId store, List<Span> spans, Map<Period, Long> versions) {
        StringBuilder wanted = new StringBuilder();
        Map<String, Object> params = new HashMap<>();
        params.put("tenant", store.value());
        for (int i = 0; i < spans.size(); i++) {
            wanted.append(i == 0 ? "" : " or ")
                    .append("(p.monthly = :monthly%1$d and p.period >= :from%1$d and p.period < :until%1$d)".formatted(i));
            params.put("monthly" + i, spans.get(i).monthly());
            params.put("from" + i, spans.get(i).from());
            params.put("until" + i, spans.get(i).until());
        }
        List<String> knownMonthly = new ArrayList<>();
        List<String> knownPeriods = new ArrayList<>();
        List<String> knownVersions = new ArrayList<>();
        versions.forEach((period, version) -> {
            knownMonthly.add(Boolean.toString(period.monthly()));
            knownPeriods.add(period.start().toString());
            knownVersions.add(version.toString());
        });
        params.put("knownMonthly", SqlArrays.literal(knownMonthly));
        params.put("knownPeriods", SqlArrays.literal(knownPeriods));
        params.put("knownVersions", SqlArrays.literal(knownVersions));
        return jdbc.sql("""
                        select p.monthly, p.period, p.version, r.product_ids, r.custom_titles, r.item_titles, r.units,
                               r.revenue_milli
                        from insights_product_periods p
                        left join unnest(cast(:knownMonthly as boolean[]), cast(:knownPeriods as date[]),
                                         cast(:knownVersions as bigint[])) k (monthly, period, version)
                               on k.monthly = p.monthly and k.period = p.period
                        left join lateral (
                            select array_agg(product_id) as product_ids, array_agg(custom_title) as custom_titles,
                                   array_agg(item_title) as item_titles, array_agg(units) as units,
                                   array_agg(revenue_milli) as revenue_milli
                            from (select product_id, custom_title, item_title, units, revenue_milli
                                  from insights_product_days
                                  where not p.monthly and tenant_id = p.tenant_id and day = p.period
                                  union all
                                  select product_id, custom_title, item_title, units, revenue_milli
                                  from insights_product_months
                                  where p.monthly and tenant_id = p.tenant_id and month = p.period) x
                            where k.version is distinct from p.version) r on true
                        where p.tenant_id = :tenant and (%s)
                        """.formatted(wanted))
                .params(params)
                .query((rs, n) -> new Read<>(new Period(rs.getBoolean(1), rs.getObject(2, LocalDate.class)),
                        rs.getLong(3), rs.getArray(4) == null ? null : new PeriodSales(
                                longs(rs.getArray(4)), (String[]) rs.getArray(5).getArray(),
                                (String[]) rs.getArray(6).getArray(), longs(rs.getArray(7)), longs(rs.getArray(8)))))
                .list();
    }

    private static long[] longs(java.sql.Array array) throws java.sql.SQLException {
        Long[] boxed = (Long[]) array.getArray();
        long[] values = new long[boxed.length];
        for (int i = 0; i < boxed.length; i++) {
            values[i] = boxed[i];
        }
        return values;
    }
}
