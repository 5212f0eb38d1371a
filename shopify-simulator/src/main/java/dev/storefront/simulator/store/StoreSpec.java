package dev.storefront.simulator.store;

import java.time.Instant;
import java.time.ZoneId;

/** What to generate for one shop. */
public record StoreSpec(String domain, long seed, Instant asOf, int customers, int products, int orders, int checkouts,
                        ZoneId zone, String currency) {
}
