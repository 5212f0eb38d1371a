package io.storefront.insights;

import io.storefront.Api;
import io.storefront.IntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Latency of every insights endpoint on a one-year range of a 1,000,000-order store with 50 other stores
 * around it, through the real HTTP stack. Not part of the default run (minutes of data generation):
 * <pre>INSIGHTS_BENCHMARK=1 ./mvnw -B -pl service -am verify -Dtest=InsightsBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 * Figures go to the console and to {@code service/target/insights-benchmark.txt}.
 */
@EnabledIfEnvironmentVariable(named = "INSIGHTS_BENCHMARK", matches = "1")
// one client firing back to back would meet the per-user limit; this measures the endpoints, not the limiter
@TestPropertySource(properties = "storefront.rate-limits.enabled=false")
class InsightsBenchmark extends IntegrationTest {

    static final ZoneId ZONE = ZoneId.of("America/New_York");
    static final int ORDERS = Integer.getInteger("insights.benchmark.orders", 1_000_000);
    static final int WARM_UP = 30;
    static final int SAMPLES = 200;

    @Autowired
    DataSource dataSource;

    @Test
    void one_year_of_a_million_order_store() throws Exception {
        Api.Session owner = api().newUser();
        UUID store = UUID.randomUUID();
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute(resource("generate-store.sql"));
            try (PreparedStatement generate = connection.prepareStatement(
                    "select pg_temp.insights_generate_store(?, ?, ?, ?, ?, ?, ?, 1095)")) {
                generate.setObject(1, store);
                generate.setObject(2, owner.userId());
                generate.setString(3, "bench-" + store.toString().substring(0, 8));
                generate.setString(4, ZONE.getId());
                generate.setInt(5, ORDERS);
                generate.setInt(6, ORDERS / 10);
                generate.setInt(7, 200);
                generate.execute();
                for (int other = 0; other < 50; other++) {
                    UUID tenant = UUID.randomUUID();
                    generate.setObject(1, tenant);
                    generate.setObject(2, UUID.randomUUID());
                    generate.setString(3, "around-" + tenant.toString().substring(0, 8));
                    generate.setString(4, other % 2 == 0 ? "Asia/Tokyo" : "Europe/Berlin");
                    generate.setInt(5, 10_000);
                    generate.setInt(6, 2_000);
                    generate.setInt(7, 50);
                    generate.execute();
                }
            }
            sql.execute("vacuum analyze");
        }
        long generated = (System.nanoTime() - started) / 1_000_000;

        LocalDate today = LocalDate.now(ZONE);
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("dashboard", "/api/insights/dashboard?");
        endpoints.put("dashboard compare=previous basis=shopify", "/api/insights/dashboard?compare=previous&basis=shopify&");
        endpoints.put("customers", "/api/insights/customers?limit=50&");
        endpoints.put("products", "/api/insights/products?");
        endpoints.put("abandoned-carts", "/api/insights/abandoned-carts?limit=50&");

        StringBuilder report = new StringBuilder("Insights on a one-year range: %,d orders in the store, 50 stores of 10,000 around it; generated in %,d ms%n"
                .formatted(ORDERS, generated));
        report.append("%-42s %8s %8s %8s %8s%n".formatted("endpoint", "p50 ms", "p95 ms", "p99 ms", "max ms"));
        for (Map.Entry<String, String> endpoint : endpoints.entrySet()) {
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < WARM_UP + SAMPLES; i++) {
                // a different year each time (ending on one of the last 30 days), so nothing is answered twice
                LocalDate end = today.minusDays(i % 30);
                String path = endpoint.getValue() + "startDate=" + end.minusYears(1).plusDays(1) + "&endDate=" + end;
                long t0 = System.nanoTime();
                Api.Response response = api().get(path, owner, store);
                double elapsed = (System.nanoTime() - t0) / 1e6;
                if (response.status() != 200) {
                    throw new IllegalStateException(path + " answered " + response.status() + ": " + response.body());
                }
                if (i >= WARM_UP) {
                    millis.add(elapsed);
                }
            }
            double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            report.append("%-42s %8.1f %8.1f %8.1f %8.1f%n".formatted(endpoint.getKey(), percentile(sorted, 50),
                    percentile(sorted, 95), percentile(sorted, 99), sorted[sorted.length - 1]));
        }
        System.out.println(report);
        Files.writeString(Path.of("target", "insights-benchmark.txt"), report);
    }

    private static double percentile(double[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(rank, sorted.length - 1))];
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = InsightsBenchmark.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
