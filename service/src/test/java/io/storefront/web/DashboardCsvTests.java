package io.storefront.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.storefront.Api;
import io.storefront.IntegrationTest;
import io.storefront.catalog.CatalogFixtures;
import io.storefront.catalog.CatalogWriter;
import io.storefront.catalog.CheckoutRecord;
import io.storefront.catalog.CustomerRecord;
import io.storefront.catalog.LineItemRecord;
import io.storefront.catalog.OrderRecord;
import io.storefront.tenants.StoreId;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every dashboard CSV on real rows with the holes real stores have: guests, customers without email or name. */
class DashboardCsvTests extends IntegrationTest {

    @Autowired CatalogWriter writer;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void the_dashboard_and_every_csv_take_rows_whose_cells_are_null_as_empty_cells() {
        Api api = api();
        Api.Session user = api.newUser();
        StoreId store = CatalogFixtures.newStore(jdbc, user.userId());
        Instant day = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        writer.upsertCustomers(store, List.of(new CustomerRecord(71, null, null, null, null, "ENABLED", null, 1,
                new BigDecimal("12.00"), "EUR", day, day)));
        writer.upsertOrders(store, List.of(
                order(81, 71L, day, new LineItemRecord(91, null, null, null, null, 1, new BigDecimal("12.00"), null)),
                order(82, null, day, new LineItemRecord(92, null, null, "Gift wrap", null, 2, new BigDecimal("3.50"), null))));
        writer.upsertCheckouts(store, List.of(new CheckoutRecord(101, null, null, null, day, day, null, "EUR",
                new BigDecimal("40.00"), null, List.of())));

        FormSession web = FormSession.signedIn(api, user);
        assertThat(web.get("/stores/" + store.value() + "/dashboard?range=7d").status()).isEqualTo(200);
        String base = "/stores/" + store.value() + "/dashboard/";
        for (String table : List.of("orders-by-date", "top-customers", "revenue-by-product", "revenue-by-product-type",
                "abandoned-checkouts")) {
            Api.Response csv = web.get(base + table + ".csv?range=7d");
            assertThat(csv.status()).as(table + ": " + csv.body()).isEqualTo(200);
            assertThat(csv.header("Content-Type")).startsWith("text/csv");
            assertThat(csv.body().lines().count()).as(table).isGreaterThan(1);
        }
        assertThat(web.get(base + "top-customers.csv?range=7d").body()).contains("Customer 71,,1,12.00\r\n");
        assertThat(web.get(base + "abandoned-checkouts.csv?range=7d").body()).contains(day + ",,40.00,\r\n");
    }

    private static OrderRecord order(long id, Long customer, Instant at, LineItemRecord item) {
        BigDecimal total = item.price().multiply(BigDecimal.valueOf(item.quantity()));
        return new OrderRecord(id, null, null, customer, at, at, at, null, false, "PAID", "EUR", "EUR", total, total,
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, total, List.of(item), List.of());
    }
}
