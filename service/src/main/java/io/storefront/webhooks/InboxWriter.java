package io.storefront.webhooks;

import io.storefront.platform.ApiProblems.ApiException;
import io.storefront.webhooks.Deliveries.NewDelivery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Intake's inserts, committed in groups. A request hands its delivery over and waits for the commit that holds
 * it, so a 200 still means "durably in the inbox"; deliveries arriving together share one round trip and one
 * commit (a commit's WAL flush, not the insert, is what a row per request mostly waits for). Nothing waits to
 * fill a group: a writer takes whatever queued while it was committing the previous one, so under light load a
 * group is a single delivery.
 *
 * <p>Stops after the web server (a lower phase), whose graceful shutdown waits for the requests that wait here.
 */
@Component
class InboxWriter implements SmartLifecycle, InboxIntake {

    private static final Logger log = LoggerFactory.getLogger(InboxWriter.class);
    private static final int MAX_GROUP = 500;
    private static final int MAX_QUEUED = 10_000;
    /** Shopify gives up on a delivery after 5 s; an answer later than that helps no one. */
    private static final Duration MAX_WAIT = Duration.ofSeconds(5);
    /** A group this large means deliveries arrive faster than one commit at a time. */
    private static final int CROWDED_GROUP = 4;
    private static final long BUSY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private record Queued(NewDelivery delivery, CompletableFuture<Boolean> inserted) {}

    private final Deliveries deliveries;
    private final TransactionTemplate transactions;
    private final int writers;
    private final BlockingQueue<Queued> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
    private final LoopThreads threads = new LoopThreads();
    private volatile boolean running;
    private volatile long crowdedAt = System.nanoTime() - BUSY_NANOS;

    InboxWriter(Deliveries deliveries, PlatformTransactionManager transactions, WebhookSettings settings) {
        this.deliveries = deliveries;
        this.transactions = new TransactionTemplate(transactions);
        this.writers = settings.intakeWriters();
    }

    /**
     * @return false for a delivery the inbox already had
     * @throws IntakeUnavailable when it could not be committed in time (Shopify retries; a late commit makes the
     *         retry a duplicate, so nothing is stored twice)
     */
    @Override
    public boolean insert(NewDelivery delivery) {
        Queued queued = new Queued(delivery, new CompletableFuture<>());
        if (!running || !queue.offer(queued)) {
            throw new IntakeUnavailable();
        }
        try {
            return queued.inserted().get(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IntakeUnavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntakeUnavailable();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        }
    }

    /** Whether deliveries arrived faster than one commit at a time within the last second. */
    boolean busy() {
        return System.nanoTime() - crowdedAt < BUSY_NANOS;
    }

    private void write() {
        List<Queued> group = new ArrayList<>(MAX_GROUP);
        while (running || !queue.isEmpty()) {
            try {
                Queued first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, MAX_GROUP - 1);
                if (group.size() >= CROWDED_GROUP) {
                    crowdedAt = System.nanoTime();
                }
                commit(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                group.clear();
            }
        }
    }

    private void commit(List<Queued> group) {
        try {
            boolean[] inserted = transactions.execute(
                    status -> deliveries.insert(group.stream().map(Queued::delivery).toList()));
            for (int i = 0; i < group.size(); i++) {
                group.get(i).inserted().complete(inserted[i]);
            }
        } catch (RuntimeException e) {
            if (group.size() == 1) {
                group.get(0).inserted().completeExceptionally(e);
                return;
            }
            // one delivery must not fail its neighbours: alone, each commits or fails on its own
            log.warn("Inbox group of {} failed ({}); committing its deliveries one by one", group.size(), e.toString());
            for (Queued queued : group) {
                commit(List.of(queued));
            }
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        threads.start("inbox-writer-", writers, number -> write());
    }

    @Override
    public synchronized void stop() {
        running = false;
        for (Thread busy : threads.join(MAX_WAIT)) {
            log.warn("Inbox writer {} still committing at shutdown; its requests were answered 503", busy.getName());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Between the web server's graceful shutdown and the workers, see {@link DeliveryWorkers#getPhase()}. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }

    /** 503: the inbox could not take the delivery now; Shopify retries it. */
    static final class IntakeUnavailable extends ApiException {
        IntakeUnavailable() {
            super(HttpStatus.SERVICE_UNAVAILABLE, "intake-unavailable", "Webhook intake unavailable",
                    "The delivery could not be stored now; it is safe to send it again.");
        }
    }
}
