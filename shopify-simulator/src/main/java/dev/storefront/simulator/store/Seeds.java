package dev.storefront.simulator.store;

import java.util.SplittableRandom;

/**
 * Per-record random streams: every record's fields come from its own stream, keyed by the shop's seed,
 * the kind of record and its index, so any record can be regenerated alone, in any order.
 */
final class Seeds {

    static final long CUSTOMER = 0x1b873593L;
    static final long PRODUCT = 0x85ebca6bL;
    static final long ORDER = 0xc2b2ae35L;
    static final long CHECKOUT = 0x27d4eb2fL;
    static final long TIMELINE = 0x165667b1L;
    static final long ACTIVITY = 0x9e3779b9L;

    private Seeds() {
    }

    static SplittableRandom random(long seed, long kind, long index) {
        return new SplittableRandom(mix(mix(seed ^ kind) + index));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
