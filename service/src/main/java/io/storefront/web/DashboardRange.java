package io.storefront.web;

import io.storefront.platform.SupportedDates;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The dashboard's date range as it stands in the URL ({@code ?range=30d}, or {@code ?range=custom&from=&to=}):
 * inclusive shop-local dates, resolved against the shop's today.
 */
record DashboardRange(String preset, LocalDate start, LocalDate end) {

    record Preset(String key, String label) {}

    /** The period the figures are compared with, and how the page names it. */
    record Comparison(LocalDate start, LocalDate end, String label) {}

    static final List<Preset> PRESETS = List.of(new Preset("7d", "Last 7 days"), new Preset("30d", "Last 30 days"),
            new Preset("90d", "Last 90 days"), new Preset("month", "This month"), new Preset("last-month", "Last month"),
            new Preset("ytd", "Year to date"), new Preset("custom", "Custom"));

    static final String DEFAULT = "30d";
    static final int MAX_DAYS = 5 * 365;

    static DashboardRange of(@Nullable String preset, @Nullable String from, @Nullable String to, LocalDate today) {
        String key = preset == null || preset.isBlank() ? DEFAULT : preset;
        return switch (key) {
            case "7d" -> last(key, 7, today);
            case "90d" -> last(key, 90, today);
            case "month" -> new DashboardRange(key, today.withDayOfMonth(1), today);
            case "last-month" -> {
                LocalDate first = today.withDayOfMonth(1).minusMonths(1);
                yield new DashboardRange(key, first, first.withDayOfMonth(first.lengthOfMonth()));
            }
            case "ytd" -> new DashboardRange(key, today.withDayOfYear(1), today);
            case "custom" -> custom(from, to, today);
            default -> last(DEFAULT, 30, today);
        };
    }

    private static DashboardRange last(String key, int days, LocalDate today) {
        return new DashboardRange(key, today.minusDays(days - 1L), today);
    }

    /**
     * A malformed or reversed custom range falls back to something sensible rather than an error page; a date outside
     * {@link SupportedDates} is a 400 naming {@code from} or {@code to}.
     */
    private static DashboardRange custom(@Nullable String from, @Nullable String to, LocalDate today) {
        LocalDate end = date("to", to, today);
        LocalDate start = date("from", from, end.minusDays(29));
        if (start.isAfter(end)) {
            LocalDate swap = start;
            start = end;
            end = swap;
        }
        if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
            start = end.minusDays(MAX_DAYS - 1L);
        }
        return new DashboardRange("custom", start, end);
    }

    private static LocalDate date(String field, @Nullable String value, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            return fallback;
        }
        return SupportedDates.check(field, date);
    }

    /**
     * As Shopify Analytics compares: year to date with the same dates last year, this month so far with the same
     * days of last month, last month with the month before; rolling and custom ranges with the days just before.
     */
    public Comparison comparedWith() {
        return switch (preset) {
            case "ytd" -> new Comparison(start.minusYears(1), end.minusYears(1), "same period last year");
            case "month" -> {
                LocalDate first = start.minusMonths(1);
                LocalDate last = first.withDayOfMonth(Math.min(end.getDayOfMonth(), first.lengthOfMonth()));
                yield new Comparison(first, last, "same days last month");
            }
            case "last-month" -> {
                LocalDate first = start.minusMonths(1);
                yield new Comparison(first, first.withDayOfMonth(first.lengthOfMonth()), "previous month");
            }
            default -> new Comparison(start.minusDays(days()), start.minusDays(1), "previous " + days() + " days");
        };
    }

    public long days() {
        return ChronoUnit.DAYS.between(start, end) + 1;
    }

    public boolean isCustom() {
        return "custom".equals(preset);
    }

    public String label() {
        return PRESETS.stream().filter(p -> p.key().equals(preset)).findFirst().map(Preset::label).orElse(preset);
    }

    public List<Preset> presets() {
        return PRESETS;
    }
}
