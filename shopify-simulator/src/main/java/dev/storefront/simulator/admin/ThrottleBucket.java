package dev.storefront.simulator.admin;

/**
 * Shopify's leaky bucket of query cost points for one shop: it refills continuously at the restore rate up to
 * its size; a query reserves its requested cost up front and gets the difference to its actual cost back.
 */
public final class ThrottleBucket {

    /** The {@code throttleStatus} object of every response. */
    public record ThrottleStatus(double maximumAvailable, long currentlyAvailable, double restoreRate) {
    }

    private double maximum;
    private double restoreRate;
    private double available;
    private long refilledAt = System.nanoTime();

    public ThrottleBucket(double maximum, double restoreRate) {
        this.maximum = maximum;
        this.restoreRate = restoreRate;
        this.available = maximum;
    }

    public synchronized void resize(double newMaximum, double newRestoreRate) {
        refill();
        maximum = newMaximum;
        restoreRate = newRestoreRate;
        available = Math.min(available, maximum);
    }

    public synchronized boolean tryReserve(int cost) {
        refill();
        if (available < cost) {
            return false;
        }
        available -= cost;
        return true;
    }

    public synchronized void refund(int points) {
        refill();
        available = Math.min(maximum, available + points);
    }

    public synchronized ThrottleStatus status() {
        refill();
        return new ThrottleStatus(maximum, (long) Math.floor(available), restoreRate);
    }

    private void refill() {
        long now = System.nanoTime();
        available = Math.min(maximum, available + (now - refilledAt) / 1e9 * restoreRate);
        refilledAt = now;
    }
}
