package dev.storefront.simulator.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class StoreGenerationTests {

    static final ZoneId ZONE = ZoneId.of("America/New_York");
    static final StoreSpec SPEC = new StoreSpec("gen.myshopify.com", 11, Instant.parse("2026-06-01T00:00:00Z"), 2_000, 80, 40_000,
            2_000, ZONE, "USD");
    static final Store STORE = Store.generate(SPEC);

    @Test
    void the_same_seed_and_as_of_give_the_same_records() {
        Store again = Store.generate(SPEC);
        for (int i = 0; i < STORE.orders.size(); i += 997) {
            assertThat(again.orders.get(i)).isEqualTo(STORE.orders.get(i));
        }
        assertThat(again.summary(true)).isEqualTo(STORE.summary(true));
    }

    @Test
    void orders_spread_over_two_years_with_black_friday_and_weekday_patterns() {
        Map<Month, Integer> perMonth = new EnumMap<>(Month.class);
        Map<DayOfWeek, Integer> perWeekday = new EnumMap<>(DayOfWeek.class);
        int blackFridayWeek = 0;
        int januaryWeek = 0;
        long first = Long.MAX_VALUE;
        for (int i = 0; i < STORE.orders.size(); i++) {
            ZonedDateTime at = Instant.ofEpochSecond(STORE.orders.createdAt(i)).atZone(ZONE);
            first = Math.min(first, STORE.orders.createdAt(i));
            perMonth.merge(at.getMonth(), 1, Integer::sum);
            perWeekday.merge(at.getDayOfWeek(), 1, Integer::sum);
            if (at.getMonth() == Month.NOVEMBER && at.getDayOfMonth() >= 24) {
                blackFridayWeek++;
            }
            if (at.getMonth() == Month.JANUARY && at.getDayOfMonth() >= 10 && at.getDayOfMonth() < 17) {
                januaryWeek++;
            }
        }
        assertThat(Instant.ofEpochSecond(first)).isBefore(SPEC.asOf().minusSeconds(700L * 86_400));
        assertThat(blackFridayWeek).isGreaterThan(3 * januaryWeek);
        assertThat(perWeekday.get(DayOfWeek.FRIDAY)).isGreaterThan(perWeekday.get(DayOfWeek.SATURDAY));
        assertThat(perMonth.get(Month.DECEMBER)).isGreaterThan(perMonth.get(Month.FEBRUARY));
    }

    @Test
    void orders_include_guests_tests_cancellations_refunds_discounts_and_foreign_presentment() {
        int guests = 0;
        int tests = 0;
        int cancelled = 0;
        int refunded = 0;
        int discounted = 0;
        Set<String> presentment = new HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            Order order = STORE.orders.get(i);
            guests += order.customerIndex() < 0 ? 1 : 0;
            tests += order.test() ? 1 : 0;
            cancelled += order.cancelledAt() != null ? 1 : 0;
            refunded += order.refunds().isEmpty() ? 0 : 1;
            discounted += order.discountPercent() > 0 ? 1 : 0;
            presentment.add(order.presentmentCurrencyCode());
            assertThat(order.id()).isGreaterThan(1L << 53);
            assertThat(order.updatedAt()).isGreaterThanOrEqualTo(order.createdAt());
            assertThat(order.totalPrice().shopMoney().cents()).isEqualTo(order.subtotal().shopMoney().cents()
                    + order.totalShipping().shopMoney().cents() + order.totalTax().shopMoney().cents());
        }
        assertThat(guests).isBetween(300, 1_000);
        assertThat(tests).isBetween(10, 120);
        assertThat(cancelled).isBetween(50, 300);
        assertThat(refunded).isBetween(100, 500);
        assertThat(discounted).isBetween(700, 1_300);
        assertThat(presentment).contains("USD", "EUR", "GBP", "CAD");
    }

    @Test
    void names_carry_accents_and_other_scripts() {
        boolean nonAscii = false;
        for (int i = 0; i < 200; i++) {
            Customer customer = STORE.customers.get(i);
            nonAscii |= !(customer.firstName() + customer.lastName()).chars().allMatch(c -> c < 128);
            assertThat(customer.email()).matches("[a-z0-9.]+@example\\.com");
        }
        assertThat(nonAscii).isTrue();
    }

    @Test
    void money_prints_with_shopify_scale_in_graphql_and_two_decimals_in_rest() {
        assertThat(new Money(14500, "USD").graphqlAmount()).isEqualTo("145.0");
        assertThat(new Money(14550, "USD").graphqlAmount()).isEqualTo("145.5");
        assertThat(new Money(21393, "USD").graphqlAmount()).isEqualTo("213.93");
        assertThat(new Money(5, "USD").graphqlAmount()).isEqualTo("0.05");
        assertThat(new Money(0, "USD").graphqlAmount()).isEqualTo("0.0");
        assertThat(new Money(-250, "USD").graphqlAmount()).isEqualTo("-2.5");
        assertThat(new Money(4200, "USD").restAmount()).isEqualTo("42.00");
    }

    @Test
    void activity_advances_updated_at_and_appends_new_orders() {
        Store store = Store.generate(new StoreSpec("act.myshopify.com", 1, Instant.parse("2026-01-01T00:00:00Z"), 50, 10, 200, 10, ZONE, "CAD"));
        long now = Instant.parse("2026-02-01T00:00:00Z").getEpochSecond();
        var changes = store.apply(3, 2, 1, 1, 1, 1, 0, now);
        assertThat(changes).extracting(StoreChange::topic).contains("orders/create", "customers/update", "products/update",
                "checkouts/create", "refunds/create", "orders/cancelled");
        assertThat(store.orders.size()).isEqualTo(203);
        assertThat(store.orders.get(202).createdAt()).isEqualTo(now);
        assertThat(store.orders.get(202).currencyCode()).isEqualTo("CAD");
    }
}
