package io.storefront.webhooks;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code storefront.webhooks.broker=rabbitmq}: intake publishes to a RabbitMQ quorum queue instead of committing
 * to the inbox itself; consumers on every instance fill the inbox from it. Off by default: without it no
 * connection to a broker is ever opened.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "storefront.webhooks.broker", havingValue = "rabbitmq")
class BrokerIntakeConfiguration {

    /** Declared (by Spring's RabbitAdmin) on every new connection, so a broker that lost it gets it back. */
    @Bean
    Queue webhookQueue(BrokerSettings settings) {
        return QueueBuilder.durable(settings.queue()).quorum().build();
    }

    @Bean
    @Primary
    BrokerIntake brokerIntake(RabbitTemplate rabbit, BrokerSettings settings) {
        return new BrokerIntake(rabbit, settings);
    }

    @Bean
    BrokerConsumer brokerConsumer(Deliveries deliveries, PlatformTransactionManager transactions,
            DeliveryWorkers workers, WebhookMetrics metrics) {
        return new BrokerConsumer(deliveries, transactions, workers, metrics);
    }

    @Bean
    SimpleMessageListenerContainer brokerConsumers(ConnectionFactory connections, BrokerConsumer consumer,
            BrokerSettings settings) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connections);
        container.setQueueNames(settings.queue());
        container.setMessageListener(consumer);
        container.setAcknowledgeMode(AcknowledgeMode.AUTO);
        container.setDefaultRequeueRejected(true);
        container.setConsumerBatchEnabled(true);
        container.setBatchSize(settings.batchSize());
        container.setPrefetchCount(settings.batchSize() * 2);
        // a batch goes to the inbox when full, after 50 ms without a message, or 100 ms after it began
        container.setReceiveTimeout(50);
        container.setBatchReceiveTimeout(100);
        container.setConcurrentConsumers(settings.consumers());
        container.setMissingQueuesFatal(false);
        // back quickly after a broker restart: the queue fills meanwhile
        container.setRecoveryInterval(1000);
        return container;
    }
}
