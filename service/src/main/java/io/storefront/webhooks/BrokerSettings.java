package io.storefront.webhooks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code storefront.webhooks.rabbitmq.*}: the broker intake, used when {@code storefront.webhooks.broker=rabbitmq}.
 * The connection itself is Spring's {@code spring.rabbitmq.*}.
 *
 * @param queue the quorum queue verified deliveries are published to (declared if absent)
 * @param confirmTimeout how long a request waits for the broker's publisher confirm before answering 503
 * @param consumers threads per instance moving deliveries from the queue into the inbox
 * @param batchSize deliveries moved (and committed) together
 */
@ConfigurationProperties("storefront.webhooks.rabbitmq")
record BrokerSettings(
        @DefaultValue("storefront.webhooks") String queue,
        @DefaultValue("3s") Duration confirmTimeout,
        @DefaultValue("2") int consumers,
        @DefaultValue("200") int batchSize) {

    BrokerSettings {
        if (queue.isBlank() || consumers < 1 || batchSize < 1 || confirmTimeout.isNegative() || confirmTimeout.isZero()) {
            throw new IllegalArgumentException("storefront.webhooks.rabbitmq: queue must be set, consumers and batch-size at least 1, confirm-timeout positive");
        }
    }
}
