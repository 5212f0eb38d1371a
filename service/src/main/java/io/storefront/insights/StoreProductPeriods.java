package io.storefront.insights;

import io.storefront.insights.KnownVersions.Read;
import io.storefront.insights.ProductPeriods.Period;
import io.storefront.insights.ProductPeriods.PeriodSales;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** One store's product rollup periods as last read, each with its version. */
final class StoreProductPeriods implements RollupMemory.Kept {

    private final KnownVersions<Period, PeriodSales> periods = new KnownVersions<>();

    synchronized Map<Period, Long> versions(Predicate<Period> wanted) {
        return periods.versions(wanted);
    }

    synchronized List<PeriodSales> update(List<Read<Period, PeriodSales>> reads) {
        return periods.update(reads, sales -> sales);
    }

    @Override
    public synchronized long bytes() {
        return periods.bytes(sales -> sales.productIds().length * 40L);
    }
}
