package io.storefront.web.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.simulator.Activity;
import dev.storefront.simulator.ShopSpec;
import dev.storefront.simulator.ShopifySimulator;
import dev.storefront.simulator.store.StoreSummary;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DemoActivityTests {

    private final DemoActivity live = new DemoActivity(DemoStore.SEED, DemoStore.ORDERS, DemoStore.CHECKOUTS,
            DemoStore.HISTORY);

    @Test
    void a_day_of_live_activity_brings_about_as_many_orders_as_an_average_day_of_the_history() {
        long perDay = DemoActivity.lastSlot(Instant.EPOCH, Instant.EPOCH.plus(Duration.ofDays(1)));
        long orders = 0;
        long checkouts = 0;
        for (long slot = 1; slot <= perDay; slot++) {
            Activity a = live.at(slot);
            orders += a.orders();
            checkouts += a.checkouts();
        }
        double average = DemoStore.ORDERS / (double) DemoStore.HISTORY.toDays();
        assertThat((double) orders).isBetween(average * 0.6, average * 1.5);
        assertThat((double) checkouts).isBetween(0.0, DemoStore.CHECKOUTS / (double) DemoStore.HISTORY.toDays() * 3);
        assertThat(live.at(17)).as("a minute always brings the same changes").isEqualTo(live.at(17));
    }

    @Test
    void a_restarted_simulator_rebuilds_the_same_shop_with_the_activity_it_missed() {
        Instant historyUntil = Instant.parse("2026-11-01T10:00:00Z");
        Instant restart = historyUntil.plus(Duration.ofHours(30));
        ShopSpec spec = ShopSpec.of(DemoStore.DOMAIN).withSeed(DemoStore.SEED).withAsOf(historyUntil)
                .withCounts(200, 10, 1_000, 100);
        try (ShopifySimulator before = ShopifySimulator.start(0); ShopifySimulator after = ShopifySimulator.start(0)) {
            before.createShop(spec);
            long last = DemoActivity.lastSlot(historyUntil, restart);
            for (long slot = 1; slot <= last; slot++) {
                Activity changes = live.at(slot);
                if (!DemoActivity.isEmpty(changes)) {
                    before.activity(DemoStore.DOMAIN, changes, DemoActivity.time(historyUntil, slot));
                }
            }
            after.createShop(spec);
            assertThat(DemoStore.replay(after, live, historyUntil, restart)).isEqualTo(last);

            StoreSummary lived = before.summary(DemoStore.DOMAIN, true);
            StoreSummary rebuilt = after.summary(DemoStore.DOMAIN, true);
            assertThat(lived.orders()).as("the live minutes added orders").isGreaterThan(1_000);
            assertThat(rebuilt).isEqualTo(lived);
        }
    }
}
