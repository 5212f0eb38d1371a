package io.storefront.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.storefront.Api;
import io.storefront.IntegrationTest;
import io.storefront.insights.ExpectedFigures.ProductLine;
import io.storefront.insights.ExpectedFigures.TopCustomer;
import io.storefront.insights.StoreRows.Order;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import tools.jackson.databind.JsonNode;

/**
 * Every figure of the insights API against totals computed in Java from the raw rows the test inserted, for
 * stores in different zones that share Shopify ids (so a figure leaking across tenants would show).
 */
class InsightsTests extends IntegrationTest {

    static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    // spans the spring-forward day of 2026-03-08 in Pacific time
    static final LocalDate START = LocalDate.parse("2026-02-20");
    static final LocalDate END = LocalDate.parse("2026-03-20");

    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    /** Every rollup row of a store as one sortable text (rows that add nothing left out). */
    static final String ROLLUPS = """
            select string_agg(x, ';' order by x) from (
              select (day, orders, revenue::numeric(20, 2), refunds::numeric(20, 2), gross_sales::numeric(20, 2),
                      discounts::numeric(20, 2), cancelled_returns::numeric(20, 2), new_customers)::text as x
              from insights_sales_days
              where tenant_id = :tenant
                and (orders, revenue, refunds, gross_sales, discounts, cancelled_returns, new_customers)
                    <> (0, 0, 0, 0, 0, 0, 0)
              union all
              select (day, product_id, custom_title, units, revenue_milli)::text from insights_product_days
              where tenant_id = :tenant and (units, revenue_milli) <> (0, 0)
              union all
              select (month, product_id, custom_title, units, revenue_milli)::text from insights_product_months
              where tenant_id = :tenant and (units, revenue_milli) <> (0, 0)
              union all
              select (day, customer_ids, orders, revenue_milli)::text from insights_customer_days
              where tenant_id = :tenant and cardinality(customer_ids) > 0
              union all
              select (customer_id, first_order_at)::text from insights_first_orders where tenant_id = :tenant) t
            """;

    record Store(Api.Session owner, UUID tenant, ZoneId zone) {}

    Store store(ZoneId zone) {
        Api.Session owner = api().newUser();
        UUID tenant = UUID.randomUUID();
        jdbc.sql("""
                insert into tenants (id, owner_id, name, shop_domain, currency, iana_timezone, connection_type)
                values (?, ?, 'Insights test', ?, 'USD', ?, 'ADMIN_TOKEN')
                """).params(tenant, owner.userId(), "insights-" + tenant + ".myshopify.com", zone.getId()).update();
        return new Store(owner, tenant, zone);
    }

    Store seeded(ZoneId zone, long seed, int orders) {
        Store store = store(zone);
        StoreRows.random(store.tenant(), seed, instant("2025-12-01T00:00:00Z"), instant("2026-04-10T00:00:00Z"), orders)
                .insert(jdbc);
        return store;
    }

    StoreRows rows(Store store, long seed, int orders) {
        return StoreRows.random(store.tenant(), seed, instant("2025-12-01T00:00:00Z"), instant("2026-04-10T00:00:00Z"), orders);
    }

    JsonNode get(Store store, String path) {
        Api.Response response = api().get(path, store.owner(), store.tenant());
        assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
        return response.json();
    }

    static Instant instant(String text) {
        return Instant.parse(text);
    }

    static String dates(LocalDate start, LocalDate end) {
        return "startDate=" + start + "&endDate=" + end;
    }

    @Test
    void every_dashboard_figure_matches_totals_computed_from_the_raw_rows_and_no_other_store_leaks_in() {
        Store pacific = store(PACIFIC);
        StoreRows pacificRows = rows(pacific, 1, 400);
        pacificRows.insert(jdbc);
        Store tokyo = store(TOKYO);
        StoreRows tokyoRows = rows(tokyo, 2, 300);
        tokyoRows.insert(jdbc);

        assertDashboard(pacific, pacificRows, START, END);
        assertDashboard(tokyo, tokyoRows, START, END);
        assertDashboard(pacific, pacificRows, LocalDate.parse("2025-11-01"), LocalDate.parse("2026-05-01"));
    }

    void assertDashboard(Store store, StoreRows rows, LocalDate start, LocalDate end) {
        JsonNode json = get(store, "/api/insights/dashboard?" + dates(start, end) + "&compare=previous&basis=shopify");
        assertPeriod(json, new ExpectedFigures(rows, store.zone(), start, end, Instant.now()));
        long days = end.toEpochDay() - start.toEpochDay() + 1;
        assertPeriod(json.get("previous"),
                new ExpectedFigures(rows, store.zone(), start.minusDays(days), start.minusDays(1), Instant.now()));
        assertThat(json.get("currency").asString()).isEqualTo("USD");
        assertThat(json.get("timeZone").asString()).isEqualTo(store.zone().getId());
        assertThat(json.get("basis").asString()).isEqualTo("shopify");
    }

    void assertPeriod(JsonNode json, ExpectedFigures expected) {
        assertThat(json.get("totalRevenue").asString()).isEqualTo(ExpectedFigures.money(expected.revenue));
        assertThat(json.get("netRevenue").asString())
                .isEqualTo(ExpectedFigures.money(expected.revenue.subtract(expected.refunds)));
        assertThat(json.get("totalOrders").asLong()).isEqualTo(expected.orders());
        assertThat(json.get("averageOrderValue").asString()).isEqualTo(expected.orders() == 0 ? "0.00"
                : expected.revenue.divide(BigDecimal.valueOf(expected.orders()), 2, java.math.RoundingMode.HALF_UP).toPlainString());
        assertThat(json.get("totalCustomers").asLong()).isEqualTo(expected.customers);
        assertThat(json.get("newCustomers").asLong()).isEqualTo(expected.newCustomers);
        assertThat(json.get("repeatCustomerRate").asString())
                .isEqualTo(ExpectedFigures.ratio(expected.repeatCustomers, expected.customers));

        List<String> days = new ArrayList<>();
        json.get("ordersByDate").forEach(d -> days.add(d.get("date").asString() + " " + d.get("orders").asLong() + " "
                + d.get("revenue").asString()));
        assertThat(days).containsExactlyElementsOf(expected.days.stream()
                .map(d -> d.date() + " " + d.orders() + " " + ExpectedFigures.money(d.revenue())).toList());

        List<String> top = new ArrayList<>();
        json.get("topCustomers").forEach(c -> top.add(c.get("customerId").asString() + " " + c.get("revenue").asString()
                + " " + c.get("orders").asLong() + " " + c.get("email").asString()));
        assertThat(top).containsExactlyElementsOf(expected.topCustomers.stream().limit(5)
                .map(c -> c.customerId() + " " + ExpectedFigures.money(c.revenue()) + " " + c.orders() + " c"
                        + (c.customerId() - 9_007_199_254_740_000L) + "@example.com").toList());

        List<String> products = new ArrayList<>();
        json.get("revenueByProduct").forEach(p -> products.add(p.get("title").asString() + " " + p.get("units").asLong()
                + " " + p.get("revenue").asString()));
        List<String> expectedProducts = new ArrayList<>(expected.products.stream().limit(10)
                .map(p -> p.title() + " " + p.units() + " " + ExpectedFigures.money(p.revenue())).toList());
        if (expected.products.size() > 10) {
            List<ProductLine> rest = expected.products.subList(10, expected.products.size());
            expectedProducts.add("Other " + rest.stream().mapToLong(ProductLine::units).sum() + " "
                    + ExpectedFigures.money(rest.stream().map(ProductLine::revenue).reduce(BigDecimal.ZERO, BigDecimal::add)));
        }
        assertThat(products).containsExactlyElementsOf(expectedProducts);

        Map<String, BigDecimal> byType = new HashMap<>();
        expected.products.forEach(p -> byType.merge(p.productType(), p.revenue(), BigDecimal::add));
        Map<String, String> types = new HashMap<>();
        json.get("revenueByProductType").forEach(t -> types.put(t.get("productType").asString(), t.get("revenue").asString()));
        Map<String, String> expectedTypes = new HashMap<>();
        byType.forEach((type, revenue) -> expectedTypes.put(type, ExpectedFigures.money(revenue)));
        assertThat(types).isEqualTo(expectedTypes);

        assertThat(json.get("abandonedCheckouts").get("count").asLong()).isEqualTo(expected.abandoned);
        assertThat(json.get("abandonedCheckouts").get("value").asString()).isEqualTo(ExpectedFigures.money(expected.abandonedValue));

        JsonNode shopify = json.get("shopifySales");
        assertThat(shopify.get("grossSales").asString()).isEqualTo(ExpectedFigures.money(expected.grossSales));
        assertThat(shopify.get("discounts").asString()).isEqualTo(ExpectedFigures.money(expected.discounts));
        assertThat(shopify.get("returns").asString()).isEqualTo(ExpectedFigures.money(expected.returns));
        assertThat(shopify.get("netSales").asString())
                .isEqualTo(ExpectedFigures.money(expected.grossSales.subtract(expected.discounts).subtract(expected.returns)));
    }

    @Test
    void the_same_instant_falls_on_different_days_in_pacific_and_tokyo() {
        Store pacific = store(PACIFIC);
        Store tokyo = store(TOKYO);
        Instant at = instant("2026-03-10T02:00:00Z"); // 19:00 on the 9th in Los Angeles, 11:00 on the 10th in Tokyo
        for (Store s : List.of(pacific, tokyo)) {
            new StoreRows(s.tenant()).insertOrder(jdbc, new Order(1, 42L, at, null, false, new BigDecimal("12.34"),
                    new BigDecimal("12.34"), BigDecimal.ZERO, BigDecimal.ZERO));
        }
        String range = "/api/insights/dashboard?startDate=2026-03-09&endDate=2026-03-10";
        assertThat(get(pacific, range).get("ordersByDate").toString())
                .isEqualTo("[{\"date\":\"2026-03-09\",\"orders\":1,\"revenue\":\"12.34\"},{\"date\":\"2026-03-10\",\"orders\":0,\"revenue\":\"0.00\"}]");
        assertThat(get(tokyo, range).get("ordersByDate").toString())
                .isEqualTo("[{\"date\":\"2026-03-09\",\"orders\":0,\"revenue\":\"0.00\"},{\"date\":\"2026-03-10\",\"orders\":1,\"revenue\":\"12.34\"}]");
    }

    @Test
    void a_23_hour_and_a_25_hour_day_hold_exactly_their_own_orders() {
        Store pacific = store(PACIFIC);
        StoreRows rows = new StoreRows(pacific.tenant());
        // spring forward 2026-03-08 (08:00Z to 07:00Z next day), fall back 2026-11-01 (07:00Z to 08:00Z next day)
        String[] instants = {"2026-03-08T07:59:59Z", "2026-03-08T08:00:00Z", "2026-03-09T06:59:59Z", "2026-03-09T07:00:00Z",
            "2026-11-01T06:59:59Z", "2026-11-01T07:00:00Z", "2026-11-02T07:59:59Z", "2026-11-02T08:00:00Z"};
        long id = 1;
        for (String text : instants) {
            Order order = new Order(id++, id, instant(text), null, false, BigDecimal.TEN, BigDecimal.TEN, BigDecimal.ZERO,
                    BigDecimal.ZERO);
            rows.orders.add(order);
            rows.insertOrder(jdbc, order);
        }
        JsonNode spring = get(pacific, "/api/insights/dashboard?startDate=2026-03-07&endDate=2026-03-09");
        assertThat(spring.get("ordersByDate").findValues("date").stream().map(JsonNode::asString).toList()).containsExactly("2026-03-07", "2026-03-08", "2026-03-09");
        assertThat(spring.get("ordersByDate").findValues("orders").stream().map(JsonNode::asLong).toList()).containsExactly(1L, 2L, 1L);
        JsonNode fall = get(pacific, "/api/insights/dashboard?startDate=2026-10-31&endDate=2026-11-02");
        assertThat(fall.get("ordersByDate").findValues("orders").stream().map(JsonNode::asLong).toList()).containsExactly(1L, 2L, 1L);
        JsonNode day = get(pacific, "/api/insights/dashboard?startDate=2026-03-08&endDate=2026-03-08");
        assertThat(day.get("totalOrders").asLong()).isEqualTo(2);
        assertThat(day.get("totalRevenue").asString()).isEqualTo("20.00");
    }

    @Test
    void an_empty_range_has_zero_figures_and_a_zero_filled_day_for_every_date() {
        Store store = seeded(PACIFIC, 3, 50);
        JsonNode json = get(store, "/api/insights/dashboard?startDate=2020-01-01&endDate=2020-01-31");
        assertThat(json.get("totalRevenue").asString()).isEqualTo("0.00");
        assertThat(json.get("netRevenue").asString()).isEqualTo("0.00");
        assertThat(json.get("averageOrderValue").asString()).isEqualTo("0.00");
        assertThat(json.get("totalOrders").asLong()).isZero();
        assertThat(json.get("totalCustomers").asLong()).isZero();
        assertThat(json.get("repeatCustomerRate").asString()).isEqualTo("0.0000");
        assertThat(json.get("ordersByDate").size()).isEqualTo(31);
        assertThat(json.get("topCustomers").size()).isZero();
        assertThat(json.get("revenueByProduct").size()).isZero();
        assertThat(json.get("abandonedCheckouts").get("count").asLong()).isZero();
        assertThat(json.has("previous")).isFalse();
        assertThat(json.get("lastSyncedAt")).isNull();
    }

    @Test
    void without_dates_the_range_is_the_last_30_days_in_the_shop_zone_and_the_last_sync_is_reported() {
        Store store = store(TOKYO);
        jdbc.sql("""
                insert into sync_runs (tenant_id, id, mode, status, trigger, finished_at) values
                  (?, ?, 'FULL', 'SUCCEEDED', 'USER', '2026-01-02T03:04:05Z'),
                  (?, ?, 'FULL', 'FAILED', 'USER', '2026-02-02T03:04:05Z')
                """).params(store.tenant(), UUID.randomUUID(), store.tenant(), UUID.randomUUID()).update();
        JsonNode json = get(store, "/api/insights/dashboard");
        LocalDate today = LocalDate.now(TOKYO);
        assertThat(json.get("endDate").asString()).isEqualTo(today.toString());
        assertThat(json.get("startDate").asString()).isEqualTo(today.minusDays(29).toString());
        assertThat(json.get("ordersByDate").size()).isEqualTo(30);
        assertThat(json.get("lastSyncedAt").asString()).isEqualTo("2026-01-02T03:04:05Z");
    }

    @Test
    void bad_dates_a_reversed_range_and_ranges_over_five_years_are_400_problems() {
        Store store = store(PACIFIC);
        Map<String, String> cases = Map.of(
                "/api/insights/dashboard?startDate=2026-02-30&endDate=2026-03-01", "startDate",
                "/api/insights/dashboard?startDate=20260101&endDate=2026-03-01", "startDate",
                "/api/insights/dashboard?startDate=2026-01-01&endDate=tomorrow", "endDate",
                "/api/insights/dashboard?startDate=2026-03-02&endDate=2026-03-01", "endDate",
                "/api/insights/dashboard?startDate=2020-01-01&endDate=2025-01-01", "endDate",
                "/api/insights/abandoned-carts?startDate=2026-03-02&endDate=2026-03-01", "endDate",
                "/api/insights/customers?startDate=2026-03-01&endDate=2026-03-02&sort=email", "sort",
                "/api/insights/products?limit=0", "limit",
                "/api/insights/dashboard?basis=gaap", "basis",
                "/api/insights/abandoned-carts?cursor=nonsense", "cursor");
        cases.forEach((path, parameter) -> {
            Api.Response response = api().get(path, store.owner(), store.tenant());
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.header("Content-Type")).as(path).startsWith("application/problem+json");
            assertThat(response.json().get("type").asString()).isEqualTo("/problems/invalid-insights-request");
            assertThat(response.json().get("title").asString()).isEqualTo("Invalid insights request");
            assertThat(response.json().get("parameter").asString()).as(path).isEqualTo(parameter);
        });
        // exactly five years less a day is allowed
        assertThat(api().get("/api/insights/dashboard?startDate=2020-01-01&endDate=2024-12-31", store.owner(), store.tenant())
                .status()).isEqualTo(200);
    }

    @Test
    void the_customers_table_ranks_by_revenue_or_by_orders() {
        Store store = store(PACIFIC);
        StoreRows rows = rows(store, 4, 300);
        rows.insert(jdbc);
        ExpectedFigures expected = new ExpectedFigures(rows, PACIFIC, START, END, Instant.now());

        JsonNode byRevenue = get(store, "/api/insights/customers?" + dates(START, END) + "&limit=100");
        assertThat(byRevenue.get("totalCustomers").asLong()).isEqualTo(expected.customers);
        assertThat(byRevenue.get("repeatCustomers").asLong()).isEqualTo(expected.repeatCustomers);
        assertThat(byRevenue.get("customers").findValues("customerId").stream().map(JsonNode::asString).toList())
                .containsExactlyElementsOf(expected.topCustomers.stream().map(c -> Long.toString(c.customerId())).toList());

        JsonNode byOrders = get(store, "/api/insights/customers?" + dates(START, END) + "&sort=orders&limit=3");
        List<TopCustomer> expectedByOrders = expected.topCustomers.stream()
                .sorted(java.util.Comparator.comparingLong(TopCustomer::orders).reversed()
                        .thenComparing(java.util.Comparator.comparing(TopCustomer::revenue).reversed())
                        .thenComparingLong(TopCustomer::customerId))
                .limit(3).toList();
        assertThat(byOrders.get("customers").findValues("customerId").stream().map(JsonNode::asString).toList())
                .containsExactlyElementsOf(expectedByOrders.stream().map(c -> Long.toString(c.customerId())).toList());
    }

    @Test
    void the_products_table_lists_every_product_with_units_and_revenue() {
        Store store = store(PACIFIC);
        StoreRows rows = rows(store, 5, 300);
        rows.insert(jdbc);
        ExpectedFigures expected = new ExpectedFigures(rows, PACIFIC, START, END, Instant.now());
        JsonNode json = get(store, "/api/insights/products?" + dates(START, END));
        List<String> products = new ArrayList<>();
        json.get("products").forEach(p -> products.add(p.get("title").asString() + " " + p.get("productType").asString()
                + " " + p.get("units").asLong() + " " + p.get("revenue").asString()));
        assertThat(products).containsExactlyElementsOf(expected.products.stream()
                .map(p -> p.title() + " " + p.productType() + " " + p.units() + " " + ExpectedFigures.money(p.revenue())).toList());
        assertThat(json.get("totalRevenue").asString()).isEqualTo(ExpectedFigures.money(
                expected.products.stream().map(ProductLine::revenue).reduce(BigDecimal.ZERO, BigDecimal::add)));
        // a product gone from the catalog keeps its line items' title; its id is still a string
        assertThat(json.get("products").findValues("productId").stream().map(JsonNode::asString).toList()).contains("8000000000100");
    }

    @Test
    void abandoned_carts_are_listed_page_by_page_with_totals_and_the_abandonment_rate() {
        Store store = store(PACIFIC);
        StoreRows rows = rows(store, 6, 200);
        rows.insert(jdbc);
        ExpectedFigures expected = new ExpectedFigures(rows, PACIFIC, START, END, Instant.now());

        Set<String> seen = new HashSet<>();
        String cursor = null;
        JsonNode first = null;
        int pages = 0;
        do {
            JsonNode page = get(store, "/api/insights/abandoned-carts?" + dates(START, END) + "&limit=7"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            if (first == null) {
                first = page;
            }
            page.get("checkouts").forEach(c -> assertThat(seen.add(c.get("checkoutId").asString())).isTrue());
            cursor = page.get("nextCursor") == null || page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null);

        assertThat(seen).hasSize((int) expected.abandoned);
        assertThat(pages).isGreaterThan(1);
        assertThat(first.get("abandoned").asLong()).isEqualTo(expected.abandoned);
        assertThat(first.get("abandonedValue").asString()).isEqualTo(ExpectedFigures.money(expected.abandonedValue));
        assertThat(first.get("completed").asLong()).isEqualTo(expected.completedCheckouts);
        assertThat(first.get("abandonmentRate").asString())
                .isEqualTo(ExpectedFigures.ratio(expected.abandoned, expected.abandoned + expected.completedCheckouts));
        assertThat(first.get("recoverable").asLong()).isEqualTo(expected.recoverable);
        assertThat(first.get("recoverableValue").asString()).isEqualTo(ExpectedFigures.money(expected.recoverableValue));
        assertThat(first.get("abandonmentWindowMinutes").asLong()).isEqualTo(60);
        JsonNode cart = first.get("checkouts").get(0);
        assertThat(cart.get("recoveryUrl").asString()).startsWith("https://shop.example/recover/");
        assertThat(cart.get("lineItems").get(0).get("title").asString()).isEqualTo("Mug");
    }

    @Test
    void figures_stay_exact_after_bulk_updates_deletes_upserts_and_a_change_of_zone() {
        Store store = store(PACIFIC);
        StoreRows rows = rows(store, 7, 300);
        rows.insert(jdbc);
        // read once before the changes: what the service keeps of these days must not outlive them
        assertDashboard(store, rows, START, END);

        // one statement cancelling many orders, one deleting some with their items, an upsert moving an order's date
        jdbc.sql("update orders set cancelled_at = processed_at + interval '1 hour', updated_at = now() where tenant_id = ? and shopify_id % 9 = 0")
                .param(store.tenant()).update();
        jdbc.sql("delete from orders where tenant_id = ? and shopify_id % 11 = 0").param(store.tenant()).update();
        jdbc.sql("delete from order_items where tenant_id = ? and order_id % 11 = 0").param(store.tenant()).update();
        jdbc.sql("update order_items set quantity = quantity + 1 where tenant_id = ? and order_id % 5 = 0").param(store.tenant()).update();
        jdbc.sql("delete from refunds where tenant_id = ? and order_id % 4 = 0").param(store.tenant()).update();
        Order moved = rows.orders.stream()
                .filter(o -> o.id() % 9 != 0 && o.id() % 11 != 0 && !o.test() && o.cancelledAt() == null)
                .findFirst().orElseThrow();
        jdbc.sql("""
                insert into orders (tenant_id, shopify_id, created_at, updated_at, processed_at, currency, total_price,
                                    subtotal_price, total_discounts, total_refunded, customer_id, test)
                values (?, ?, now(), now() + interval '1 day', '2026-03-01T12:00:00Z', 'USD', 99.99, 99.99, 0, ?, ?, false)
                on conflict (tenant_id, shopify_id) do update set processed_at = excluded.processed_at,
                    total_price = excluded.total_price, subtotal_price = excluded.subtotal_price,
                    total_discounts = excluded.total_discounts, updated_at = excluded.updated_at
                    where orders.updated_at < excluded.updated_at
                """).params(store.tenant(), moved.id(), moved.totalRefunded(), moved.customerId()).update();

        List<Order> orders = new ArrayList<>();
        for (Order o : rows.orders) {
            if (o.id() % 11 == 0) {
                continue;
            }
            Order changed = o.id() % 9 == 0
                    ? new Order(o.id(), o.customerId(), o.processedAt(), o.processedAt().plusSeconds(3600), o.test(),
                            o.totalPrice(), o.subtotalPrice(), o.totalDiscounts(), o.totalRefunded())
                    : o;
            if (o.id() == moved.id()) {
                changed = new Order(o.id(), o.customerId(), instant("2026-03-01T12:00:00Z"), null, false,
                        new BigDecimal("99.99"), new BigDecimal("99.99"), BigDecimal.ZERO, o.totalRefunded());
            }
            orders.add(changed);
        }
        rows.orders.clear();
        rows.orders.addAll(orders);
        rows.items.removeIf(i -> i.orderId() % 11 == 0);
        rows.items.replaceAll(i -> i.orderId() % 5 == 0
                ? new StoreRows.Item(i.id(), i.orderId(), i.productId(), i.title(), i.quantity() + 1, i.price()) : i);
        // refunds of deleted orders stay in the table but no longer have a (non-test) order to count for
        List<StoreRows.Refund> refunds = rows.refunds.stream().filter(r -> r.orderId() % 4 != 0).toList();
        rows.refunds.clear();
        rows.refunds.addAll(refunds);
        Set<Long> present = new HashSet<>(orders.stream().map(Order::id).toList());
        rows.refunds.removeIf(r -> !present.contains(r.orderId()));
        StoreRows counted = rows;

        assertDashboard(store, counted, START, END);

        jdbc.sql("update tenants set iana_timezone = 'Asia/Tokyo' where id = ?").param(store.tenant()).update();
        assertDashboard(new Store(store.owner(), store.tenant(), TOKYO), counted, START, END);
    }

    @Test
    void erasing_a_store_erases_its_figures_and_leaves_other_stores_alone() {
        Store gone = seeded(PACIFIC, 9, 60);
        Store kept = store(TOKYO);
        StoreRows keptRows = rows(kept, 10, 60);
        keptRows.insert(jdbc);
        jdbc.sql("delete from orders where tenant_id = ?").param(gone.tenant()).update();
        jdbc.sql("delete from tenants where id = ?").param(gone.tenant()).update();
        for (String table : List.of("insights_sales_days", "insights_product_days", "insights_product_months",
                "insights_customer_days", "insights_first_orders")) {
            assertThat(jdbc.sql("select count(*) from " + table + " where tenant_id = ?").param(gone.tenant())
                    .query(Long.class).single()).as(table).isZero();
        }
        assertDashboard(kept, keptRows, START, END);
    }

    @Test
    void rollups_equal_a_rebuild_from_the_base_tables() {
        Store store = seeded(PACIFIC, 8, 200);
        jdbc.sql("update orders set test = not test, updated_at = now() where tenant_id = ? and shopify_id % 13 = 0")
                .param(store.tenant()).update();
        String before = jdbc.sql(ROLLUPS).param("tenant", store.tenant()).query(String.class).single();
        jdbc.sql("select insights_rebuild(?)").param(store.tenant()).query().singleRow();
        String after = jdbc.sql(ROLLUPS).param("tenant", store.tenant()).query(String.class).single();
        assertThat(before).isNotBlank().isEqualTo(after);
    }

    /**
     * A rebuild (after a change of the shop's zone) replaces every rollup row of the store from the base tables, so
     * it must not run beside a writer of the store: it waits for a writer in flight, which holds the store row for
     * key share, and then counts what that writer committed.
     */
    @Test
    void a_rebuild_waits_for_a_writer_in_flight_and_counts_what_it_commits() throws Exception {
        Store store = seeded(PACIFIC, 9, 100);
        CompletableFuture<Void> rebuild;
        try (Connection writer = dataSource.getConnection()) {
            writer.setAutoCommit(false);
            JdbcClient inFlight = JdbcClient.create(new SingleConnectionDataSource(writer, true));
            inFlight.sql("select 1 from tenants where id = ? for key share").param(store.tenant()).query().singleRow();

            rebuild = CompletableFuture.runAsync(
                    () -> jdbc.sql("select insights_rebuild(?)").param(store.tenant()).query().singleRow());
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
                    select count(*) from pg_stat_activity
                     where wait_event_type = 'Lock' and query like 'select insights_rebuild%'""").query(Long.class).single() > 0);
            new StoreRows(store.tenant()).insertOrder(inFlight, new Order(990_000_001L, 4_242L,
                    instant("2026-03-01T18:00:00Z"), null, false, new BigDecimal("77.70"), new BigDecimal("77.70"),
                    BigDecimal.ZERO, BigDecimal.ZERO));
            assertThat(rebuild).isNotDone();
            writer.commit();
        }
        rebuild.get(30, TimeUnit.SECONDS);

        String rebuilt = jdbc.sql(ROLLUPS).param("tenant", store.tenant()).query(String.class).single();
        jdbc.sql("select insights_rebuild(?)").param(store.tenant()).query().singleRow();
        assertThat(rebuilt).isEqualTo(jdbc.sql(ROLLUPS).param("tenant", store.tenant()).query(String.class).single());
        assertThat(jdbc.sql("select sum(orders) from insights_sales_days where tenant_id = ?").param(store.tenant())
                .query(Long.class).single())
                .isEqualTo(jdbc.sql("select count(*) from orders where tenant_id = ? and not test and cancelled_at is null")
                        .param(store.tenant()).query(Long.class).single());
    }

}
