package io.storefront.web;

import io.storefront.web.DashboardFigures.Figures;
import io.storefront.web.DashboardFigures.Totals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Turns the figures into what the dashboard template prints: formatted cards and chart options as JSON. */
final class DashboardView {

    /**
     * {@code value} is what fits the card (compact for large amounts), {@code exact} the full figure for its title;
     * {@code direction} is up/down/flat; {@code good} says whether that direction is good news (green).
     */
    record Kpi(String key, String label, String value, String exact, String change, String direction, boolean good) {}

    /** From here on an amount no longer fits a phone's KPI card on one line, so it is shown as "$1.34M". */
    static final BigDecimal COMPACT_MONEY_FROM = BigDecimal.valueOf(100_000);
    static final long COMPACT_COUNT_FROM = 10_000_000;

    private final Figures figures;
    private final DashboardFigures.Carts carts;
    private final NumberFormat money;
    private final NumberFormat count = NumberFormat.getIntegerInstance(Locale.US);

    DashboardView(Figures figures, DashboardFigures.Carts carts) {
        this.figures = figures;
        this.carts = carts;
        this.money = NumberFormat.getCurrencyInstance(Locale.US);
        try {
            Currency currency = Currency.getInstance(figures.currency());
            money.setCurrency(currency);
            // setCurrency keeps the locale's two decimals: yen have none, dinars three
            if (currency.getDefaultFractionDigits() >= 0) {
                money.setMinimumFractionDigits(currency.getDefaultFractionDigits());
                money.setMaximumFractionDigits(currency.getDefaultFractionDigits());
            }
        } catch (IllegalArgumentException unknownCurrency) {
            // keep the locale's currency; the code is printed next to the figures anyway
        }
        money.setRoundingMode(RoundingMode.HALF_UP);
    }

    public String money(BigDecimal amount) {
        return money.format(amount);
    }

    public String count(long n) {
        return count.format(n);
    }

    /** "$1.34M", "$134.24K", "-€2.5B": at most two decimals of the largest unit; small amounts stay exact. */
    String compactMoney(BigDecimal amount) {
        if (amount.abs().compareTo(COMPACT_MONEY_FROM) < 0) {
            return money(amount);
        }
        String symbol = money.getCurrency().getSymbol(Locale.US);
        return (amount.signum() < 0 ? "-" : "") + symbol + compact(amount.abs());
    }

    String compactCount(long n) {
        return Math.abs(n) < COMPACT_COUNT_FROM ? count(n) : (n < 0 ? "-" : "") + compact(BigDecimal.valueOf(n).abs());
    }

    private static String compact(BigDecimal positive) {
        String[] units = {"K", "M", "B", "T"};
        BigDecimal scaled = positive;
        int unit = -1;
        while (scaled.compareTo(BigDecimal.valueOf(1000)) >= 0 && unit < units.length - 1) {
            scaled = scaled.movePointLeft(3);
            unit++;
        }
        return scaled.setScale(2, RoundingMode.DOWN).stripTrailingZeros().toPlainString() + units[Math.max(unit, 0)];
    }

    public boolean empty() {
        return figures.current().totalOrders() == 0 && carts.rows().isEmpty();
    }

    public String percentOf(BigDecimal fraction) {
        return percent(fraction);
    }

    List<Kpi> kpis() {
        Totals now = figures.current();
        Totals before = figures.previous();
        return List.of(
                moneyKpi("revenue", "Revenue", now.totalRevenue(), before.totalRevenue(), true),
                moneyKpi("net-revenue", "Net revenue", now.netRevenue(), before.netRevenue(), true),
                countKpi("orders", "Orders", now.totalOrders(), before.totalOrders()),
                moneyKpi("aov", "Average order value", now.averageOrderValue(), before.averageOrderValue(), true),
                countKpi("customers", "Customers", now.totalCustomers(), before.totalCustomers()),
                countKpi("new-customers", "New customers", now.newCustomers(), before.newCustomers()),
                rateKpi("repeat-rate", "Repeat customer rate", now.repeatCustomerRate(), before.repeatCustomerRate()),
                moneyKpi("abandoned", "Abandoned cart value", now.abandonedValue(), before.abandonedValue(), false));
    }

    private Kpi moneyKpi(String key, String label, BigDecimal now, BigDecimal before, boolean upIsGood) {
        return change(key, label, compactMoney(now), money(now), now, before, upIsGood);
    }

    private Kpi countKpi(String key, String label, long now, long before) {
        return change(key, label, compactCount(now), count(now), BigDecimal.valueOf(now), BigDecimal.valueOf(before), true);
    }

    /** Rates compare in percentage points: a rate going from 20 % to 25 % is +5 pts, not +25 %. */
    private Kpi rateKpi(String key, String label, BigDecimal now, BigDecimal before) {
        BigDecimal points = now.subtract(before).multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP);
        String direction = direction(points.signum());
        String change = (points.signum() > 0 ? "+" : "") + points.toPlainString() + " pts";
        return new Kpi(key, label, percent(now), percent(now), change, direction, points.signum() >= 0);
    }

    private static Kpi change(String key, String label, String value, String exact, BigDecimal now, BigDecimal before,
            boolean upIsGood) {
        if (before.signum() == 0) {
            String direction = direction(now.signum());
            return new Kpi(key, label, value, exact, now.signum() == 0 ? "no change" : "new", direction,
                    now.signum() == 0 || upIsGood);
        }
        BigDecimal pct = now.subtract(before).multiply(BigDecimal.valueOf(100))
                .divide(before.abs(), 1, RoundingMode.HALF_UP);
        String text = (pct.signum() > 0 ? "+" : "") + pct.toPlainString() + "%";
        return new Kpi(key, label, value, exact, text, direction(pct.signum()), pct.signum() == 0 || (pct.signum() > 0) == upIsGood);
    }

    private static String direction(int signum) {
        return signum > 0 ? "up" : signum < 0 ? "down" : "flat";
    }

    static String percent(BigDecimal rate) {
        return rate.multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    /** ECharts options; {@code <} is escaped so a product title cannot close the script element holding them. */
    static String json(JsonMapper json, Object options) {
        return json.writeValueAsString(options).replace("<", "\\u003c");
    }

    /** Whether the range has anything to draw; an empty chart is replaced by a sentence. */
    public boolean hasOrders() {
        return figures.ordersByDate().stream().anyMatch(d -> d.orders() > 0);
    }

    /**
     * ECharts options. {@code format} tells app.js how to print values (the store's currency) and dates (as the
     * page does), which JSON cannot carry as formatter functions.
     */
    Map<String, Object> ordersChart() {
        List<String> dates = figures.ordersByDate().stream().map(d -> d.date().toString()).toList();
        Map<String, Object> options = base();
        options.put("format", Map.of("currency", figures.currency(), "dates", true));
        options.put("legend", Map.of("top", 0));
        options.put("tooltip", Map.of("trigger", "axis"));
        options.put("xAxis", Map.of("type", "category", "data", dates));
        options.put("yAxis", List.of(Map.of("type", "value", "name", "Orders", "minInterval", 1),
                Map.of("type", "value", "name", "Revenue (" + figures.currency() + ")", "splitLine", Map.of("show", false))));
        options.put("series", List.of(
                Map.of("name", "Orders", "type", "bar", "data", figures.ordersByDate().stream().map(DashboardFigures.Day::orders).toList(),
                        "itemStyle", Map.of("color", "#9cbbe6")),
                Map.of("name", "Revenue", "type", "line", "yAxisIndex", 1, "smooth", true, "showSymbol", false,
                        "data", figures.ordersByDate().stream().map(d -> d.revenue().toPlainString()).toList(),
                        "itemStyle", Map.of("color", "#1f5fbf"))));
        return options;
    }

    /** Full names go to the chart: the axis truncates them to its width, the tooltip shows them whole. */
    Map<String, Object> salesChart(List<DashboardFigures.Sales> sales) {
        List<DashboardFigures.Sales> top = new ArrayList<>(sales.stream().limit(10).toList());
        Collections.reverse(top);
        Map<String, Object> options = base();
        options.put("format", Map.of("currency", figures.currency(), "dates", false));
        options.put("tooltip", Map.of("trigger", "axis", "axisPointer", Map.of("type", "shadow")));
        options.put("grid", Map.of("left", 8, "right", 72, "top", 8, "bottom", 8, "containLabel", true));
        options.put("xAxis", Map.of("type", "value", "name", figures.currency(), "nameLocation", "end"));
        options.put("yAxis", Map.of("type", "category", "data", top.stream().map(DashboardFigures.Sales::name).toList(),
                "axisLabel", Map.of("width", 140, "overflow", "truncate", "ellipsis", "…")));
        options.put("series", List.of(Map.of("name", "Revenue", "type", "bar", "itemStyle", Map.of("color", "#1f5fbf"),
                "label", Map.of("show", true, "position", "right"),
                "data", top.stream().map(s -> s.revenue().toPlainString()).toList())));
        return options;
    }

    private static Map<String, Object> base() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("animation", false);
        options.put("textStyle", Map.of("fontFamily", "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"));
        options.put("grid", Map.of("left", 8, "right", 8, "top", 40, "bottom", 8, "containLabel", true));
        return options;
    }
}
