package io.storefront.insights;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/insights/dashboard}: the figures of the requested period at the top level, and with
 * {@code compare=previous} those of the period of equal length just before it.
 *
 * @param basis {@code orders} (our definitions) or {@code shopify} (adds Shopify Analytics' sales booking)
 * @param lastSyncedAt when the latest successful sync of the store finished, null before the first
 * @param dataAsOf only when served from a read replica: the commit time of the last transaction it had replayed,
 *     so the figures hold every change up to then and may miss later ones
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DashboardFigures(
        @Nullable String currency,
        String timeZone,
        String basis,
        @Nullable Instant lastSyncedAt,
        @JsonUnwrapped PeriodFigures figures,
        @Nullable PeriodFigures previous,
        @Nullable Instant dataAsOf) {}
