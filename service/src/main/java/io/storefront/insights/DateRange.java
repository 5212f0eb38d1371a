package io.storefront.insights;

import io.storefront.platform.SupportedDates;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * Inclusive shop-local dates. A day starts at midnight in the shop's zone, so a day can last 23 or 25 hours
 * and the same instant falls on different dates for a Pacific and a Tokyo store.
 */
public record DateRange(LocalDate startDate, LocalDate endDate) {

    static final int MAX_YEARS = 5;

    public DateRange {
        if (endDate.isBefore(startDate)) {
            throw new InvalidInsightsRequest("endDate", "endDate " + endDate + " is before startDate " + startDate);
        }
        if (!endDate.isBefore(startDate.plusYears(MAX_YEARS))) {
            throw new InvalidInsightsRequest("endDate",
                    "the range " + startDate + " to " + endDate + " is longer than " + MAX_YEARS + " years");
        }
    }

    /** The requested range, or the {@code defaultDays} ending today when a date is missing. */
    static DateRange parse(@Nullable String startDate, @Nullable String endDate, LocalDate today, int defaultDays) {
        LocalDate end = endDate == null || endDate.isBlank() ? null : date("endDate", endDate);
        LocalDate start = startDate == null || startDate.isBlank() ? null : date("startDate", startDate);
        if (end == null) {
            end = start != null && start.isAfter(today) ? start : today;
        }
        if (start == null) {
            start = end.minusDays(defaultDays - 1L);
        }
        return new DateRange(start, end);
    }

    private static LocalDate date(String parameter, String value) {
        LocalDate date;
        try {
            date = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInsightsRequest(parameter, parameter + " must be a date as YYYY-MM-DD, not '" + value + "'");
        }
        return SupportedDates.check(parameter, date);
    }

    long days() {
        return ChronoUnit.DAYS.between(startDate, endDate) + 1;
    }

    /** The period of equal length just before this one. */
    DateRange previous() {
        return new DateRange(startDate.minusDays(days()), startDate.minusDays(1));
    }

    Instant from(ZoneId zone) {
        return startDate.atStartOfDay(zone).toInstant();
    }

    /** Exclusive: midnight after the last day. */
    Instant until(ZoneId zone) {
        return endDate.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
