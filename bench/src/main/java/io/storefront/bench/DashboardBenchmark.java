package io.storefront.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * p50/p95/p99 of every insights endpoint and of the dashboard page for a one-year range of one store, after
 * warm-up, through the packaged service. Ceiling in the same run: one hand-written SQL query per endpoint over
 * the base tables, run directly over JDBC (what a straightforward implementation would cost).
 */
final class DashboardBenchmark {

    record Figure(String name, double p50, double p95, double p99) {}

    record Result(List<Figure> endpoints, List<Figure> ceilings, int requests) {}

    static final int CEILING_SAMPLES = 20;

    private static final String ORDERS_IN_RANGE = """
            select shopify_id, customer_id, total_price, processed_at from orders
             where tenant_id = ? and processed_at >= ? and processed_at < ? and cancelled_at is null and not test""";

    /** Hand-written, one statement each: the figures straight from the base tables. */
    private static final Map<String, String> CEILING_SQL = Map.of(
            "dashboard", "with o as (" + ORDERS_IN_RANGE + """
                    ), days as (select (processed_at at time zone ?)::date as day, count(*) n, sum(total_price) revenue from o group by 1),
                       customers as (select customer_id, count(*) n, sum(total_price) revenue from o where customer_id is not null group by 1)
                    select (select count(*) from o), (select sum(total_price) from o),
                           (select count(*) from customers), (select count(*) from customers where n >= 2),
                           (select json_agg(days order by day) from days),
                           (select json_agg(t) from (select * from customers order by revenue desc, n desc, customer_id limit 5) t)""",
            "customers", "with o as (" + ORDERS_IN_RANGE + """
                    ) select customer_id, count(*), sum(total_price) from o where customer_id is not null
                       group by 1 order by 3 desc, 2 desc, 1 limit 20""",
            "products", "with o as (" + ORDERS_IN_RANGE + """
                    ) select i.product_id, sum(i.quantity), sum(i.quantity * i.price) from order_items i
                       join o on o.shopify_id = i.order_id where i.tenant_id = ? group by 1 order by 3 desc limit 100""",
            "abandoned-carts", """
                    select count(*), sum(total_price) from checkouts
                     where tenant_id = ? and created_at >= ? and created_at < ?
                       and (completed_at is null or completed_at > created_at + interval '60 minutes')""");

    Result run(Database db, Service service, UUID tenant, String password, int requests) throws Exception {
        ZoneId zone = zoneOf(db, tenant);
        LocalDate end = LocalDate.now(zone);
        LocalDate start = end.minusDays(364);
        String range = "startDate=" + start + "&endDate=" + end;
        Map<String, String> endpoints = new java.util.LinkedHashMap<>();
        endpoints.put("dashboard", "/api/insights/dashboard?" + range);
        endpoints.put("dashboard compare=previous", "/api/insights/dashboard?" + range + "&compare=previous");
        endpoints.put("customers", "/api/insights/customers?" + range);
        endpoints.put("products", "/api/insights/products?" + range);
        endpoints.put("abandoned-carts", "/api/insights/abandoned-carts?" + range);
        List<Figure> figures = new ArrayList<>();
        for (var e : endpoints.entrySet()) {
            figures.add(measure(e.getKey(), requests, () -> {
                var r = service.send("GET", e.getValue(), tenant, null);
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(e.getValue() + " → " + r.statusCode() + " " + r.body());
                }
            }));
        }
        figures.add(withNewOrders(db, service, tenant, endpoints.get("dashboard"), requests));
        HttpClient browser = signedIn(service, password);
        String page = service.baseUrl() + "/stores/" + tenant + "/dashboard?" + range;
        figures.add(measure("dashboard page (HTML)", requests, () -> {
            HttpResponse<String> r = browser.send(HttpRequest.newBuilder(URI.create(page)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("page → " + r.statusCode());
            }
        }));

        List<Figure> ceilings = new ArrayList<>();
        java.sql.Timestamp from = java.sql.Timestamp.from(start.atStartOfDay(zone).toInstant());
        java.sql.Timestamp to = java.sql.Timestamp.from(end.plusDays(1).atStartOfDay(zone).toInstant());
        try (Connection c = db.connect()) {
            for (var e : CEILING_SQL.entrySet()) {
                try (PreparedStatement s = c.prepareStatement(e.getValue())) {
                    int i = 1;
                    s.setObject(i++, tenant);
                    s.setTimestamp(i++, from);
                    s.setTimestamp(i++, to);
                    if (e.getKey().equals("dashboard")) {
                        s.setString(i++, zone.getId());
                    }
                    if (e.getKey().equals("products")) {
                        s.setObject(i, tenant);
                    }
                    // up to 2 s a query on the largest store: fewer samples keep the run within its 10 minutes
                    ceilings.add(measure(e.getKey() + " (one SQL query)", Math.min(requests, CEILING_SAMPLES), () -> {
                        try (ResultSet rs = s.executeQuery()) {
                            while (rs.next()) {
                                rs.getObject(1);
                            }
                        }
                    }));
                }
            }
        }
        return new Result(figures, ceilings, requests);
    }

    /**
     * The dashboard with an order landing (written through the same tables and triggers as a sync or webhook) before
     * each request: today's rollup rows change every time, so each request reads them again.
     */
    private static Figure withNewOrders(Database db, Service service, UUID tenant, String path, int requests)
            throws Exception {
        try (Connection c = db.connect();
                PreparedStatement order = c.prepareStatement("""
                        insert into orders (tenant_id, shopify_id, created_at, updated_at, processed_at, currency,
                                            total_price, subtotal_price, total_discounts, customer_id)
                        select ?, (select max(shopify_id) + 1 from orders where tenant_id = ?), now(), now(), now(),
                               'USD', 42.50, 42.50, 0,
                               (select shopify_id from customers where tenant_id = ? order by random() limit 1)
                        returning shopify_id""");
                PreparedStatement item = c.prepareStatement("""
                        insert into order_items (tenant_id, shopify_id, order_id, product_id, title, quantity, price)
                        select ?, ? + 1, ?, shopify_id, title, 1, 42.50
                        from products where tenant_id = ? order by random() limit 1""")) {
            c.setAutoCommit(false);
            Call request = () -> {
                var r = service.send("GET", path, tenant, null);
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(path + " → " + r.statusCode() + " " + r.body());
                }
            };
            Latencies latencies = new Latencies();
            for (int i = 0; i < requests; i++) {
                order.setObject(1, tenant);
                order.setObject(2, tenant);
                order.setObject(3, tenant);
                long orderId;
                try (ResultSet rs = order.executeQuery()) {
                    rs.next();
                    orderId = rs.getLong(1);
                }
                item.setObject(1, tenant);
                item.setLong(2, orderId * 1000);
                item.setLong(3, orderId);
                item.setObject(4, tenant);
                item.executeUpdate();
                c.commit();
                long start = System.nanoTime();
                request.run();
                latencies.record((System.nanoTime() - start) / 1000);
            }
            return new Figure("dashboard, a new order before each request", latencies.percentileMs(50),
                    latencies.percentileMs(95), latencies.percentileMs(99));
        }
    }

    interface Call {
        void run() throws Exception;
    }

    private static Figure measure(String name, int requests, Call call) throws Exception {
        for (int i = 0; i < Math.max(2, requests / 5); i++) {
            call.run();
        }
        Latencies latencies = new Latencies();
        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            call.run();
            latencies.record((System.nanoTime() - start) / 1000);
        }
        return new Figure(name, latencies.percentileMs(50), latencies.percentileMs(95), latencies.percentileMs(99));
    }

    private static ZoneId zoneOf(Database db, UUID tenant) throws Exception {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("select iana_timezone from tenants where id = ?")) {
            s.setObject(1, tenant);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return ZoneId.of(rs.getString(1));
            }
        }
    }

    /** A browser session: the sign-in form with its CSRF token, then the session cookie. */
    private static HttpClient signedIn(Service service, String password) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        String form = browser.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/signin")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(form);
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token on the sign-in page: " + form.substring(0, Math.min(300, form.length())));
        }
        String body = "email=" + URLEncoder.encode(service.email, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/signin"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (signedIn.uri().getPath().startsWith("/signin")) {
            throw new IllegalStateException("sign-in failed");
        }
        return browser;
    }
}
