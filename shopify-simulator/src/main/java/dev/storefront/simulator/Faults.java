package dev.storefront.simulator;

/**
 * Misbehaviour to inject into one shop. {@link #NONE} is the default: Shopify as documented.
 *
 * @param throttle           whether the cost bucket may refuse requests (on by default)
 * @param bucketSize         override of the plan's bucket size, or null
 * @param restoreRate        override of the plan's restore rate (points per second), or null
 * @param errorRate          share of Admin API requests answered 502 or 503
 * @param latencyMs          delay added before answering each Admin API request
 * @param duplicateRate      share of webhook deliveries sent twice (same X-Shopify-Webhook-Id)
 * @param reorder            deliver webhooks out of order (random delays up to 250 ms)
 * @param dropConnectionRate share of Admin API requests whose connection is closed without an answer
 * @param retryBaseMs        first webhook retry delay; later ones double (Shopify: 8 retries over about 4 hours)
 */
public record Faults(boolean throttle, Integer bucketSize, Double restoreRate, double errorRate, long latencyMs,
                     double duplicateRate, boolean reorder, double dropConnectionRate, Long retryBaseMs) {

    public static final Faults NONE = new Faults(true, null, null, 0, 0, 0, false, 0, null);

    public Faults {
        if (errorRate < 0 || errorRate > 1 || duplicateRate < 0 || duplicateRate > 1 || dropConnectionRate < 0 || dropConnectionRate > 1) {
            throw new IllegalArgumentException("rates must be between 0 and 1");
        }
        if (latencyMs < 0 || (bucketSize != null && bucketSize < 1) || (restoreRate != null && restoreRate < 0)
                || (retryBaseMs != null && retryBaseMs < 1)) {
            throw new IllegalArgumentException("latencyMs, bucketSize, restoreRate and retryBaseMs must be positive");
        }
    }
}
