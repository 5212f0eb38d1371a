package io.storefront.insights;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.storefront.insights.StoreCustomerDays.Range;
import io.storefront.insights.StoreCustomerDays.Row;
import io.storefront.tenants.StoreId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The customer days of a range. A year of a large store is ~10 MB of entries, and all but the days that took new
 * orders are the same as at the last request: the decoded days stay in memory with their row version, and each
 * request asks PostgreSQL for every day's current version, receiving entries only for the days whose version
 * differs. Figures can never be stale: every request compares versions in its own read, so a day changed a moment
 * ago is fetched again. Memory is bounded by {@code storefront.insights.customer-cache-megabytes} (least recently
 * used stores leave first).
 */
@Repository
class CustomerDays {

    private final JdbcClient jdbc;
    private final Cache<StoreId, StoreCustomerDays> stores;

    CustomerDays(JdbcClient jdbc, InsightsSettings settings) {
        this.jdbc = jdbc;
        this.stores = Caffeine.newBuilder()
                .maximumWeight(settings.customerCacheMegabytes() * 1024L)
                .weigher((StoreId store, StoreCustomerDays days) -> (int) Math.min(Integer.MAX_VALUE, days.bytes() / 1024))
                .build();
    }

    Range between(StoreId store, DateRange range) {
        StoreCustomerDays known = stores.get(store, s -> new StoreCustomerDays());
        List<String> knownDays = new ArrayList<>();
        List<String> knownVersions = new ArrayList<>();
        known.versions(range.startDate(), range.endDate()).forEach((day, version) -> {
            knownDays.add(day.toString());
            knownVersions.add(version.toString());
        });
        List<Row> rows = jdbc.sql("""
                        select d.day, d.version, case when k.version is distinct from d.version then d.packed end
                        from insights_customer_days d
                        left join unnest(cast(:days as date[]), cast(:versions as bigint[])) k (day, version)
                               on k.day = d.day
                        where d.tenant_id = :tenant and d.day between :start and :end
                        """)
                .param("days", arrayLiteral(knownDays))
                .param("versions", arrayLiteral(knownVersions))
                .param("tenant", store.value())
                .param("start", range.startDate())
                .param("end", range.endDate())
                .query((rs, n) -> new Row(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getBytes(3)))
                .list();
        Range days = known.update(rows);
        if (rows.stream().anyMatch(row -> row.packed() != null)) {
            stores.put(store, known); // weighs the store again
        }
        return days;
    }

    private static String arrayLiteral(List<String> elements) {
        return elements.stream().collect(Collectors.joining(",", "{", "}"));
    }
}
