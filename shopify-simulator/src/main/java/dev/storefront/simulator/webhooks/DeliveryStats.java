package dev.storefront.simulator.webhooks;

/**
 * What a shop's webhook deliveries came to.
 *
 * @param sent       HTTP attempts made (first tries, retries and duplicates)
 * @param delivered  attempts answered 2xx
 * @param failed     attempts that timed out, could not connect or got another status
 * @param retried    attempts that were retries
 * @param duplicated deliveries deliberately sent twice (faults)
 * @param abandoned  deliveries that failed every retry
 * @param pending    deliveries not yet finished
 */
public record DeliveryStats(long sent, long delivered, long failed, long retried, long duplicated, long abandoned, long pending) {
}
