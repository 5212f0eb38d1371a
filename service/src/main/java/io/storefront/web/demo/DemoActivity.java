package io.storefront.web.demo;

import dev.storefront.simulator.Activity;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * The demo shop's live activity as a function of time: minute {@code k} after its history ends always brings the
 * same changes, at the rate its history had (orders and checkouts per day), so today looks like any other day and
 * a restart can replay the minutes it missed.
 */
final class DemoActivity {

    static final Duration SLOT = Duration.ofMinutes(1);

    private final long seed;
    private final double ordersPerSlot;
    private final double checkoutsPerSlot;

    DemoActivity(long seed, int historyOrders, int historyCheckouts, Duration history) {
        double slots = history.toSeconds() / (double) SLOT.toSeconds();
        this.seed = seed;
        this.ordersPerSlot = historyOrders / slots;
        this.checkoutsPerSlot = historyCheckouts / slots;
    }

    /** The changes of minute {@code slot} (1 is the first minute after the history ends). */
    Activity at(long slot) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + slot);
        int orders = poisson(random, ordersPerSlot);
        return new Activity(orders, poisson(random, ordersPerSlot / 2), poisson(random, ordersPerSlot / 10),
                poisson(random, checkoutsPerSlot), poisson(random, ordersPerSlot / 20), poisson(random, ordersPerSlot / 50), 0);
    }

    static Instant time(Instant historyUntil, long slot) {
        return historyUntil.plus(SLOT.multipliedBy(slot));
    }

    /** The last slot that has begun by {@code now}. */
    static long lastSlot(Instant historyUntil, Instant now) {
        return Math.max(0, Duration.between(historyUntil, now).toSeconds() / SLOT.toSeconds());
    }

    static boolean isEmpty(Activity a) {
        return a.orders() + a.customerUpdates() + a.productUpdates() + a.checkouts() + a.refunds() + a.cancellations()
                + a.deletions() == 0;
    }

    private static int poisson(SplittableRandom random, double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int n = 0;
        while (product > limit) {
            product *= random.nextDouble();
            n++;
        }
        return n;
    }
}
