package io.storefront.insights;

import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** {@code GET /api/insights/customers}: customers with orders in the range, ranked by revenue or order count. */
public record CustomerRanking(
        LocalDate startDate,
        LocalDate endDate,
        @Nullable String currency,
        String sort,
        long totalCustomers,
        long repeatCustomers,
        List<PeriodFigures.CustomerRevenue> customers) {}
