package io.storefront.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class DashboardRangeTests {

    static final LocalDate TODAY = LocalDate.of(2026, 3, 15);

    @Test
    void presets_end_today_and_count_today_in() {
        assertThat(DashboardRange.of("7d", null, null, TODAY)).isEqualTo(new DashboardRange("7d", LocalDate.of(2026, 3, 9), TODAY));
        assertThat(DashboardRange.of(null, null, null, TODAY).days()).isEqualTo(30);
        assertThat(DashboardRange.of("90d", null, null, TODAY).days()).isEqualTo(90);
        assertThat(DashboardRange.of("month", null, null, TODAY).start()).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(DashboardRange.of("ytd", null, null, TODAY).start()).isEqualTo(LocalDate.of(2026, 1, 1));
    }

    @Test
    void last_month_is_the_whole_previous_calendar_month_even_in_a_leap_year() {
        assertThat(DashboardRange.of("last-month", null, null, LocalDate.of(2028, 3, 31)))
                .isEqualTo(new DashboardRange("last-month", LocalDate.of(2028, 2, 1), LocalDate.of(2028, 2, 29)));
        assertThat(DashboardRange.of("last-month", null, null, LocalDate.of(2026, 1, 10)))
                .isEqualTo(new DashboardRange("last-month", LocalDate.of(2025, 12, 1), LocalDate.of(2025, 12, 31)));
    }

    @Test
    void a_custom_range_given_backwards_is_turned_round_and_a_malformed_one_falls_back() {
        assertThat(DashboardRange.of("custom", "2026-02-10", "2026-02-01", TODAY))
                .isEqualTo(new DashboardRange("custom", LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 10)));
        assertThat(DashboardRange.of("custom", "yesterday", null, TODAY).end()).isEqualTo(TODAY);
        assertThat(DashboardRange.of("nonsense", null, null, TODAY).preset()).isEqualTo("30d");
    }

    @Test
    void year_and_month_presets_compare_like_shopify_with_last_year_and_last_month() {
        assertThat(DashboardRange.of("ytd", null, null, TODAY).comparedWith()).isEqualTo(new DashboardRange.Comparison(
                LocalDate.of(2025, 1, 1), LocalDate.of(2025, 3, 15), "same period last year"));
        assertThat(DashboardRange.of("month", null, null, LocalDate.of(2026, 3, 31)).comparedWith())
                .as("this month so far against the same days of a shorter last month")
                .isEqualTo(new DashboardRange.Comparison(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28),
                        "same days last month"));
        assertThat(DashboardRange.of("month", null, null, TODAY).comparedWith().end()).isEqualTo(LocalDate.of(2026, 2, 15));
        assertThat(DashboardRange.of("last-month", null, null, TODAY).comparedWith()).isEqualTo(new DashboardRange.Comparison(
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31), "previous month"));
        assertThat(DashboardRange.of("7d", null, null, TODAY).comparedWith()).isEqualTo(new DashboardRange.Comparison(
                LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 8), "previous 7 days"));
    }
}
