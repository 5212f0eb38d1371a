package io.storefront.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drains the inbox: each worker claims a batch ({@code FOR UPDATE SKIP LOCKED}, so any number of workers and
 * instances share the work), applies it and records every outcome in the same transaction. Workers poll, and
 * intake on this instance wakes one at once.
 *
 * <p>Applying commits without waiting for the disk ({@link Deliveries#commitWithoutWaitingForDisk()}): the inbox
 * row is what was acknowledged, and it is durable; an apply lost in a crash is redone from it.
 *
 * <p>Stops after the web server (a lower phase): by then no delivery can still be accepted here, and a worker
 * finishes the batch in hand. A batch cut off by a crash rolls back whole and is claimed again, which is safe
 * because applying is idempotent and its outcome commits with it.
 */
@Component
class DeliveryWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorkers.class);
    private static final int MAX_ERROR_LENGTH = 2000;

    private final Deliveries deliveries;
    private final InboxWriter intake;
    private final DeliveryApplier applier;
    private final WebhookMetrics metrics;
    private final WebhookSettings settings;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Semaphore wakeups = new Semaphore(0);
    private final LoopThreads threads = new LoopThreads();
    private volatile boolean running;
    private volatile long depthMeasuredAt;
    /** How long the first delivery of the last batch had waited since it became due (received, or its retry time). */
    private volatile Duration lastBatchWaited = Duration.ZERO;

    DeliveryWorkers(Deliveries deliveries, InboxWriter intake, DeliveryApplier applier, WebhookMetrics metrics,
            WebhookSettings settings, PlatformTransactionManager transactions, Clock clock) {
        this.deliveries = deliveries;
        this.intake = intake;
        this.applier = applier;
        this.metrics = metrics;
        this.settings = settings;
        this.transactions = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** After an intake commit: one sleeping worker looks now instead of at its next poll. */
    void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        threads.start("webhook-worker-", settings.workers(), this::work);
    }

    @Override
    public synchronized void stop() {
        running = false;
        wakeups.release(threads.size());
        for (Thread busy : threads.join(settings.shutdownTimeout())) {
            log.warn("Webhook worker {} still busy at shutdown; its batch rolls back and is applied after restart",
                    busy.getName());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private void work(int number) {
        while (running && !Thread.currentThread().isInterrupted()) {
            if (number > 0 && yieldsToIntake()) {
                stepBack();
                continue;
            }
            int claimed;
            try {
                claimed = drainOnce();
                measureDepth();
            } catch (RuntimeException e) {
                log.warn("Webhook worker could not drain the inbox: {}", describe(e));
                claimed = 0;
            }
            if (claimed < settings.batchSize() && running) {
                pause();
            }
        }
    }

    /**
     * Workers after the first step back while deliveries pour in: intake and applying share the same cores, and an
     * answer Shopify waits for matters more than a figure a few seconds sooner. They join in again when intake
     * calms down, or when what the first worker applies has waited longer than {@code helper-max-lag}.
     */
    private boolean yieldsToIntake() {
        return intake.busy() && lastBatchWaited.compareTo(settings.helperMaxLag()) < 0;
    }

    /** Sleeps without taking a wake-up meant for a worker that is applying. */
    private void stepBack() {
        try {
            Thread.sleep(settings.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pause() {
        try {
            wakeups.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return how many deliveries were claimed */
    int drainOnce() {
        List<WebhookDelivery> claimed = new ArrayList<>();
        try {
            transactions.executeWithoutResult(status -> {
                deliveries.commitWithoutWaitingForDisk();
                claimed.addAll(deliveries.claimDue(settings.batchSize()));
                if (!claimed.isEmpty()) {
                    lastBatchWaited = waited(claimed.get(0));
                    applyAndRecord(claimed);
                }
            });
        } catch (RuntimeException batchFailed) {
            if (claimed.isEmpty()) {
                throw batchFailed;
            }
            // Something outside the per-delivery savepoints failed and the whole batch rolled back, its attempts
            // uncounted: alone, each delivery either applies or counts an attempt, so no poison is retried forever.
            log.warn("Webhook batch of {} rolled back ({}); applying its deliveries one by one", claimed.size(),
                    describe(batchFailed));
            claimed.forEach(this::applyAlone);
        }
        return claimed.size();
    }

    /** Claims come in due order: the first of a batch tells how far applying is behind. */
    private Duration waited(WebhookDelivery first) {
        return Duration.between(first.dueAt(), clock.instant());
    }

    private void applyAndRecord(List<WebhookDelivery> batch) {
        DeliveryApplier.Results results = applier.apply(batch);
        if (!results.applied().isEmpty()) {
            deliveries.finish(results.applied(), DeliveryStatus.APPLIED, null);
        }
        results.failed().forEach(this::failed);
        results.applied().forEach(d -> {
            if (d.triggeredAt() != null) {
                metrics.applied(d.topic(), Duration.between(d.triggeredAt(), clock.instant()));
            }
        });
    }

    private void applyAlone(WebhookDelivery delivery) {
        try {
            transactions.executeWithoutResult(status -> {
                deliveries.commitWithoutWaitingForDisk();
                deliveries.claimAgain(delivery).ifPresent(d -> applyAndRecord(List.of(d)));
            });
        } catch (RuntimeException e) {
            transactions.executeWithoutResult(status -> deliveries.claimAgain(delivery).ifPresent(d -> failed(d, e)));
        }
    }

    private void failed(WebhookDelivery delivery, Exception error) {
        String reason = describe(error);
        int attempts = delivery.attempts() + 1;
        if (UnusableDelivery.permanent(error)) {
            String unusable = UnusableDelivery.reason(error);
            log.error("Webhook delivery {} FAILED, it can never be applied: {}", delivery, unusable);
            deliveries.fail(delivery, unusable);
            metrics.failed(delivery.topic(), true);
        } else if (attempts >= settings.maxAttempts()) {
            log.error("Webhook delivery {} FAILED after {} attempts, kept for the operator: {}", delivery, attempts, reason);
            deliveries.fail(delivery, reason);
            metrics.failed(delivery.topic(), true);
        } else {
            Duration delay = settings.backoff(attempts);
            log.warn("Webhook delivery {} failed (attempt {} of {}), retrying in {}: {}", delivery, attempts,
                    settings.maxAttempts(), delay, reason);
            deliveries.retryLater(delivery, reason, delay);
            metrics.failed(delivery.topic(), false);
        }
    }

    private void measureDepth() {
        long now = System.nanoTime();
        if (now - depthMeasuredAt > TimeUnit.SECONDS.toNanos(5)) {
            depthMeasuredAt = now;
            metrics.inboxDepth(deliveries.pendingCount());
        }
    }

    /** No SQL, no payload text: the error class and, for our own failures, the message. */
    static String describe(Exception error) {
        String text;
        if (error instanceof DataAccessException) {
            Throwable root = error;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            String state = root instanceof java.sql.SQLException sql ? " (SQLSTATE " + sql.getSQLState() + ")" : "";
            text = "database error: " + error.getClass().getSimpleName() + state;
        } else {
            text = error.getClass().getSimpleName() + ": " + error.getMessage();
        }
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }

}
