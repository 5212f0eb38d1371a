package io.storefront.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.simulator.ShopSpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A shop in a currency with two (INR), no (JPY) or three (KWD) decimals: after a sync, the dashboard's figures equal
 * a hand computation on the orders the simulator holds, read here straight from its Admin API and summed with
 * {@link BigDecimal}, and carry exactly the currency's decimals.
 */
class CurrencySyncTests extends SimulatorTest {

    static final Instant AS_OF = Instant.parse("2025-12-01T00:00:00Z");
    static final ZoneId ZONE = ZoneId.of("Asia/Kolkata");
    static final JsonMapper JSON = JsonMapper.builder().build();

    record RawOrder(Instant processedAt, boolean test, boolean cancelled, BigDecimal total, List<Refund> refunds) {}

    record Refund(Instant createdAt, BigDecimal amount) {}

    @ParameterizedTest
    @ValueSource(strings = {"INR", "JPY", "KWD"})
    void dashboard_figures_equal_a_hand_computation_on_the_raw_orders_in_the_currencys_decimals(String currency) throws Exception {
        ConnectedShop shop = connect(ShopSpec.of(uniqueDomain(currency.toLowerCase())).withCurrency(currency).withTimezone(ZONE.getId())
                .withCounts(40, 8, 250, 10).withSeed(31).withAsOf(AS_OF));
        assertThat(awaitLatestRunFinished(shop, Duration.ofSeconds(90)).path("status").asString()).isEqualTo("SUCCEEDED");
        LocalDate end = LocalDate.ofInstant(AS_OF, ZONE);
        LocalDate start = end.minusYears(4);
        Instant from = start.atStartOfDay(ZONE).toInstant();
        Instant until = end.plusDays(1).atStartOfDay(ZONE).toInstant();

        List<RawOrder> raw = rawOrders(shop);
        int decimals = Currency.getInstance(currency).getDefaultFractionDigits();
        List<RawOrder> included = raw.stream()
                .filter(o -> !o.test() && !o.cancelled() && !o.processedAt().isBefore(from) && o.processedAt().isBefore(until)).toList();
        assertThat(included).hasSizeGreaterThan(100);
        BigDecimal revenue = included.stream().map(RawOrder::total).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal refunds = raw.stream().filter(o -> !o.test()).flatMap(o -> o.refunds().stream())
                .filter(r -> !r.createdAt().isBefore(from) && r.createdAt().isBefore(until))
                .map(Refund::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        Map<LocalDate, BigDecimal> byDay = new TreeMap<>();
        included.forEach(o -> byDay.merge(LocalDate.ofInstant(o.processedAt(), ZONE), o.total(), BigDecimal::add));

        JsonNode figures = api().get("/api/insights/dashboard?startDate=" + start + "&endDate=" + end, shop.user(), shop.tenant()).json();
        assertThat(figures.path("currency").asString()).isEqualTo(currency);
        assertThat(figures.path("totalRevenue").asString()).isEqualTo(exact(revenue, decimals));
        assertThat(figures.path("refunds").asString()).isEqualTo(exact(refunds, decimals));
        assertThat(figures.path("netRevenue").asString()).isEqualTo(exact(revenue.subtract(refunds), decimals));
        assertThat(figures.path("totalOrders").asLong()).isEqualTo(included.size());
        assertThat(figures.path("averageOrderValue").asString())
                .isEqualTo(revenue.divide(BigDecimal.valueOf(included.size()), decimals, RoundingMode.HALF_UP).toPlainString());
        List<String> days = new ArrayList<>();
        for (JsonNode day : figures.path("ordersByDate")) {
            if (day.path("orders").asLong() > 0) {
                days.add(day.path("date").asString() + " " + day.path("revenue").asString());
            }
        }
        assertThat(days).containsExactlyElementsOf(byDay.entrySet().stream().map(e -> e.getKey() + " " + exact(e.getValue(), decimals)).toList());
    }

    /** An amount the shop's currency can hold is shown with exactly its decimals, never rounded. */
    static String exact(BigDecimal amount, int decimals) {
        return amount.setScale(decimals, RoundingMode.UNNECESSARY).toPlainString();
    }

    private List<RawOrder> rawOrders(ConnectedShop shop) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<RawOrder> orders = new ArrayList<>();
        String after = null;
        do {
            String query = "query($after: String) { orders(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes {"
                    + " processedAt test cancelledAt totalPriceSet { shopMoney { amount currencyCode } }"
                    + " refunds { createdAt totalRefundedSet { shopMoney { amount } } } } } }";
            Map<String, Object> body = after == null ? Map.of("query", query) : Map.of("query", query, "variables", Map.of("after", after));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(SIMULATOR.adminGraphqlUrl(shop.domain(), "2025-10")))
                    .header("Content-Type", "application/json").header("X-Shopify-Access-Token", shop.credentials().accessToken())
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode page = JSON.readTree(response.body()).path("data").path("orders");
            for (JsonNode order : page.path("nodes")) {
                List<Refund> refunds = new ArrayList<>();
                for (JsonNode refund : order.path("refunds")) {
                    refunds.add(new Refund(Instant.parse(refund.path("createdAt").asString()),
                            new BigDecimal(refund.path("totalRefundedSet").path("shopMoney").path("amount").asString())));
                }
                orders.add(new RawOrder(Instant.parse(order.path("processedAt").asString()), order.path("test").asBoolean(),
                        !order.path("cancelledAt").isNull(), new BigDecimal(order.path("totalPriceSet").path("shopMoney").path("amount").asString()),
                        refunds));
            }
            after = page.path("pageInfo").path("hasNextPage").asBoolean() ? page.path("pageInfo").path("endCursor").asString() : null;
        } while (after != null);
        return orders;
    }
}
