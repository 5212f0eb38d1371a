package io.storefront.insights;

import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** {@code GET /api/insights/products}: line-item sales (quantity x price) by product and by product type. */
public record ProductPerformance(
        LocalDate startDate,
        LocalDate endDate,
        @Nullable String currency,
        long totalUnits,
        String totalRevenue,
        List<PeriodFigures.ProductRevenue> products,
        List<PeriodFigures.ProductTypeRevenue> productTypes) {}
