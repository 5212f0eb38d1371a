package io.storefront.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class CostBudgetTests {

    MutableClock clock = new MutableClock();
    CostBudget budget = new CostBudget(clock);

    @Test
    void sends_at_once_while_the_bucket_holds_the_cost() {
        budget.observe("a.myshopify.com", new ThrottleStatus(2000, 1500, 100));

        assertThat(budget.reserve("a.myshopify.com", 500)).isZero();
    }

    @Test
    void waits_until_the_restore_rate_refilled_what_is_missing() {
        budget.observe("a.myshopify.com", new ThrottleStatus(2000, 100, 100));

        assertThat(budget.reserve("a.myshopify.com", 300)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void counts_points_reserved_by_queries_still_in_flight() {
        budget.observe("a.myshopify.com", new ThrottleStatus(1000, 1000, 50));

        assertThat(budget.reserve("a.myshopify.com", 600)).isZero();
        assertThat(budget.reserve("a.myshopify.com", 600)).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void counts_the_restore_since_the_last_report_and_keeps_shops_apart() {
        budget.observe("a.myshopify.com", new ThrottleStatus(2000, 0, 100));
        clock.advance(Duration.ofSeconds(3));

        assertThat(budget.reserve("a.myshopify.com", 300)).isZero();
        assertThat(budget.reserve("b.myshopify.com", 300)).isZero();
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2025-11-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
