package io.storefront.webhooks;

/** Where a delivery stands in the inbox ({@code webhook_deliveries.status}). */
public enum DeliveryStatus {
    /** Accepted, waiting for a worker (or for its next attempt). */
    PENDING,
    APPLIED,
    /** Verified but of a topic the service does not consume. */
    IGNORED,
    /** Gave up after the configured attempts; {@code lastError} says why. */
    FAILED
}
