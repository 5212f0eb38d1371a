package io.storefront.webhooks;

import io.storefront.webhooks.Deliveries.NewDelivery;
import java.util.List;
import org.springframework.amqp.core.BatchMessageListener;
import org.springframework.amqp.core.Message;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves deliveries from the queue into the inbox, a batch per commit, and acknowledges them only after that
 * commit (the container acks when this returns, and requeues the batch when it throws). A batch redelivered after
 * a broker restart or a lost ack inserts nothing twice: the inbox's unique (tenant, webhook id) keeps one row, and
 * the workers apply it with the same idempotent code as embedded mode.
 */
class BrokerConsumer implements BatchMessageListener {

    private final Deliveries deliveries;
    private final TransactionTemplate transactions;
    private final DeliveryWorkers workers;
    private final WebhookMetrics metrics;

    BrokerConsumer(Deliveries deliveries, PlatformTransactionManager transactions, DeliveryWorkers workers,
            WebhookMetrics metrics) {
        this.deliveries = deliveries;
        this.transactions = new TransactionTemplate(transactions);
        this.workers = workers;
        this.metrics = metrics;
    }

    @Override
    public void onMessageBatch(List<Message> messages) {
        List<NewDelivery> batch = messages.stream().map(BrokerMessages::delivery).toList();
        boolean[] inserted = transactions.execute(status -> deliveries.insert(batch));
        for (int i = 0; i < inserted.length; i++) {
            if (!inserted[i]) {
                metrics.duplicate(batch.get(i).topic());
            }
        }
        workers.wake();
    }
}
