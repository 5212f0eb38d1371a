package io.storefront.webhooks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code storefront.webhooks.*}.
 *
 * @param workers threads per instance draining the inbox; all but the first step back while intake is busy
 * @param helperMaxLag how long deliveries may wait before the other workers apply them even while intake is busy
 * @param intakeWriters threads per instance committing accepted deliveries into the inbox, in groups
 * @param batchSize deliveries claimed (and committed) together
 * @param pollInterval how often an idle worker looks for deliveries another instance accepted
 * @param maxAttempts attempts before a delivery is kept as FAILED
 * @param initialBackoff delay before the second attempt; doubled for each further one up to {@code maxBackoff}
 * @param keyCacheTtl how long a tenant's decrypted signing key is kept in memory
 * @param shutdownTimeout how long shutdown waits for the batch in hand
 * @param registerOnConnect subscribe a store's topics when it is connected
 * @param retention how long the body of an applied delivery is kept; {@code purge-interval} (default 1h) is how
 *                  often the job that empties older ones runs
 */
@ConfigurationProperties("storefront.webhooks")
record WebhookSettings(
        @DefaultValue("2") int workers,
        @DefaultValue("2") int intakeWriters,
        @DefaultValue("200") int batchSize,
        @DefaultValue("250ms") Duration pollInterval,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("1s") Duration initialBackoff,
        @DefaultValue("10m") Duration maxBackoff,
        @DefaultValue("30s") Duration keyCacheTtl,
        @DefaultValue("25s") Duration shutdownTimeout,
        @DefaultValue("true") boolean registerOnConnect,
        @DefaultValue("7d") Duration retention,
        @DefaultValue("30s") Duration helperMaxLag) {

    WebhookSettings {
        if (workers < 1 || intakeWriters < 1 || batchSize < 1 || maxAttempts < 1 || retention.isNegative()) {
            throw new IllegalArgumentException("storefront.webhooks: workers, intake-writers, batch-size and max-attempts must be at least 1, retention not negative");
        }
    }

    Duration backoff(int attemptsMade) {
        long factor = 1L << Math.min(Math.max(attemptsMade - 1, 0), 20);
        Duration delay = initialBackoff.multipliedBy(factor);
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }
}
