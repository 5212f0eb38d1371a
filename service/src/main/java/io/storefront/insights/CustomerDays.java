package io.storefront.insights;

import io.storefront.insights.KnownVersions.Read;
import io.storefront.insights.StoreCustomerDays.Range;
import io.storefront.tenants.StoreId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The customer days of a range. A year of a large store is ~10 MB of entries, and all but the days that took new
 * orders are the same as at the last request: the decoded days stay in memory with their row version, and each
 * request asks PostgreSQL for every day's current version, receiving entries only for the days whose version
 * differs. Figures can never be stale: every request compares versions in its own read, so a day changed a moment
 * ago is fetched again. Memory: {@link RollupMemory}.
 */
@Repository
class CustomerDays {

    private final JdbcClient jdbc;
    private final RollupMemory memory;

    CustomerDays(InsightsDatabase database, RollupMemory memory) {
        this.jdbc = database.jdbc();
        this.memory = memory;
    }

    Range between(StoreId store, DateRange range) {
        StoreCustomerDays known = memory.of(store, StoreCustomerDays.class, StoreCustomerDays::new);
        List<String> knownDays = new ArrayList<>();
        List<String> knownVersions = new ArrayList<>();
        known.versions(range.startDate(), range.endDate()).forEach((day, version) -> {
            knownDays.add(day.toString());
            knownVersions.add(version.toString());
        });
        List<Read<LocalDate, byte[]>> rows = jdbc.sql("""
                        select d.day, d.version, case when k.version is distinct from d.version then d.packed end
                        from insights_customer_days d
                        left join unnest(cast(:days as date[]), cast(:versions as bigint[])) k (day, version)
                               on k.day = d.day
                        where d.tenant_id = :tenant and d.day between :start and :end
                        """)
                .param("days", SqlArrays.literal(knownDays))
                .param("versions", SqlArrays.literal(knownVersions))
                .param("tenant", store.value())
                .param("start", range.startDate())
                .param("end", range.endDate())
                .query((rs, n) -> new Read<>(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getBytes(3)))
                .list();
        Range days = known.update(rows);
        memory.read(store, known, rows);
        return days;
    }

}
