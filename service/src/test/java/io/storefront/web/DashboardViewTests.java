package io.storefront.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.storefront.web.DashboardFigures.Figures;
import io.storefront.web.DashboardFigures.Totals;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class DashboardViewTests {

    static Totals totals(String revenue, long orders, String repeatRate, String abandoned) {
        return new Totals(new BigDecimal(revenue), new BigDecimal(revenue), orders, BigDecimal.ZERO, orders, 0,
                new BigDecimal(repeatRate), new BigDecimal(abandoned));
    }

    static DashboardView view(Totals now, Totals before) {
        return new DashboardView(new Figures("EUR", now, before, List.of(), List.of(), List.of(), List.of(), null),
                NO_CARTS);
    }

    @Test
    void amounts_too_wide_for_a_card_are_compact_with_the_exact_figure_kept_for_the_title() {
        var kpis = new DashboardView(new Figures("USD", totals("1342413.40", 12_345_678, "0", "99999.99"),
                totals("0", 0, "0", "0"), List.of(), List.of(), List.of(), List.of(), null),
                NO_CARTS).kpis();
        assertThat(kpis.get(0).value()).isEqualTo("$1.34M");
        assertThat(kpis.get(0).exact()).isEqualTo("$1,342,413.40");
        assertThat(kpis.get(2).value()).isEqualTo("12.34M");
        assertThat(kpis.get(2).exact()).isEqualTo("12,345,678");
        assertThat(kpis.get(7).value()).as("below the threshold the card is exact").isEqualTo("$99,999.99");
        assertThat(kpis.get(3).value()).isEqualTo(kpis.get(3).exact());
    }

    @Test
    void changes_are_percentages_and_rates_change_in_points() {
        DashboardView view = view(totals("1234.50", 12, "0.25", "0"), totals("1000.00", 12, "0.20", "0"));
        var kpis = view.kpis();
        assertThat(kpis.get(0).value()).isEqualTo("€1,234.50");
        assertThat(kpis.get(0).change()).isEqualTo("+23.5%");
        assertThat(kpis.get(2).change()).isEqualTo("0.0%");
        assertThat(kpis.get(6).value()).isEqualTo("25.0%");
        assertThat(kpis.get(6).change()).isEqualTo("+5.0 pts");
    }

    @Test
    void money_shows_exactly_the_decimals_of_the_currency() {
        assertThat(new DashboardView(figures("JPY"), NO_CARTS).money(new BigDecimal("1500"))).isEqualTo("¥1,500");
        assertThat(new DashboardView(figures("KWD"), NO_CARTS).money(new BigDecimal("12.345"))).isEqualTo("KWD12.345");
        assertThat(new DashboardView(figures("INR"), NO_CARTS).money(new BigDecimal("1234.50"))).isEqualTo("₹1,234.50");
    }

    private static final DashboardFigures.Carts NO_CARTS =
            new DashboardFigures.Carts(0, BigDecimal.ZERO, 0, BigDecimal.ZERO, BigDecimal.ZERO, List.of(), null);

    static Figures figures(String currency) {
        Totals none = totals("0", 0, "0", "0");
        return new Figures(currency, none, none, List.of(), List.of(), List.of(), List.of(), null);
    }

    @Test
    void more_abandoned_cart_value_is_bad_news_and_growth_from_nothing_is_new() {
        var kpis = view(totals("10", 1, "0", "50"), totals("0", 0, "0", "25")).kpis();
        assertThat(kpis.get(0).change()).isEqualTo("new");
        assertThat(kpis.get(7).direction()).isEqualTo("up");
        assertThat(kpis.get(7).good()).isFalse();
    }

    @Test
    void csv_quotes_separators_and_defuses_formulas() {
        String csv = new Csv("name", "revenue").row("Shirt, blue \"XL\"", new BigDecimal("1.50")).row("=HYPERLINK(1)", 2).toString();
        assertThat(csv).isEqualTo("name,revenue\r\n\"Shirt, blue \"\"XL\"\"\",1.50\r\n'=HYPERLINK(1),2\r\n");
    }

    @Test
    void csv_writes_a_missing_value_as_an_empty_cell() {
        assertThat(new Csv("email", "value").row(null, new BigDecimal("2.00")).toString()).isEqualTo("email,value\r\n,2.00\r\n");
    }

    @Test
    void chart_options_cannot_close_their_script_element() {
        String json = DashboardView.json(tools.jackson.databind.json.JsonMapper.builder().build(), java.util.Map.of("name", "</script><b>"));
        assertThat(json).doesNotContain("</script>").contains("\\u003c/script>");
    }
}
