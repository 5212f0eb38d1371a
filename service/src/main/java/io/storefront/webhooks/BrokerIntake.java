package io.storefront.webhooks;

import io.storefront.webhooks.Deliveries.NewDelivery;
import io.storefront.webhooks.InboxWriter.IntakeUnavailable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.connection.CorrelationData.Confirm;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Broker mode's intake: a verified delivery is published to the quorum queue, and the request waits for the
 * broker's publisher confirm (the queue's replicas have it on disk) before the 200. A delivery the broker did not
 * confirm, or could not route to the queue, is answered 503 so Shopify sends it again; one confirmed too late is
 * then also in the queue, and the inbox's unique webhook id makes the second copy a duplicate.
 *
 * <p>Whether a delivery is a duplicate is known only when {@link BrokerConsumer} inserts it, so here every
 * delivery counts as accepted.
 */
class BrokerIntake implements InboxIntake {

    private static final Logger log = LoggerFactory.getLogger(BrokerIntake.class);

    private final RabbitTemplate rabbit;
    private final BrokerSettings settings;

    BrokerIntake(RabbitTemplate rabbit, BrokerSettings settings) {
        this.rabbit = rabbit;
        this.settings = settings;
    }

    @Override
    public boolean insert(NewDelivery delivery) {
        CorrelationData correlation = new CorrelationData(delivery.webhookId());
        try {
            rabbit.send("", settings.queue(), BrokerMessages.message(delivery), correlation);
            Confirm confirm = correlation.getFuture().get(settings.confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!confirm.ack() || correlation.getReturned() != null) {
                log.warn("Broker did not take webhook {}: {}", delivery.webhookId(),
                        correlation.getReturned() != null ? "unroutable to " + settings.queue() : confirm.reason());
                throw new IntakeUnavailable();
            }
            return true;
        } catch (AmqpException | ExecutionException | TimeoutException e) {
            log.warn("Broker unavailable for webhook {}: {}", delivery.webhookId(), e.toString());
            throw new IntakeUnavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntakeUnavailable();
        }
    }
}
