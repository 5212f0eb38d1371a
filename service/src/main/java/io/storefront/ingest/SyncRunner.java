package io.storefront.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.storefront.catalog.Resource;
import io.storefront.shopify.AdminApi;
import io.storefront.shopify.Shop;
import io.storefront.shopify.ShopifyAccessRevoked;
import io.storefront.shopify.ShopifySession;
import io.storefront.shopify.ShopifyUnavailable;
import io.storefront.tenants.StoreConnected;
import io.storefront.tenants.StoreFacts;
import io.storefront.tenants.StoreId;
import io.storefront.tenants.StoreStatus;
import io.storefront.tenants.StoreUnavailable;
import io.storefront.tenants.Stores;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts sync runs and executes them in the background on a bounded pool. The database admits one queued or
 * running sync per store. Each run this instance holds, queued or running, has its lease extended every quarter
 * of {@code staleAfter}, so only a stopped (or stalled) instance loses it; a run whose lease ran out is resumed by
 * {@link SyncRecovery} on any instance, and a run this instance no longer holds is stopped here.
 */
@Service
public class SyncRunner implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SyncRunner.class);
    private static final List<Resource> ORDER = List.of(Resource.CUSTOMERS, Resource.PRODUCTS, Resource.ORDERS, Resource.CHECKOUTS);
    /** Clock skew between Shopify and us, taken off the snapshot start before comparing it with Shopify's timestamps. */
    private static final Duration SKEW = Duration.ofMinutes(1);

    private final SyncRuns runs;
    private final SyncCursors cursors;
    private final Stores stores;
    private final AdminApi api;
    private final BulkSnapshot snapshot;
    private final IncrementalSync incremental;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ExecutorService executor;
    private final TransactionTemplate newTransaction;
    private final java.util.Map<UUID, Held> active = new java.util.concurrent.ConcurrentHashMap<>();
    private final ScheduledExecutorService leases;
    private volatile boolean stopping;

    private record Held(StoreId store, Future<?> run) {}

    SyncRunner(SyncRuns runs, SyncCursors cursors, Stores stores, AdminApi api, BulkSnapshot snapshot,
            IncrementalSync incremental, Clock clock, MeterRegistry meters, SyncSettings settings,
            PlatformTransactionManager transactionManager) {
        this.newTransaction = new TransactionTemplate(transactionManager);
        newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.runs = runs;
        this.cursors = cursors;
        this.stores = stores;
        this.api = api;
        this.snapshot = snapshot;
        this.incremental = incremental;
        this.clock = clock;
        this.meters = meters;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(settings.concurrentRuns(), task -> {
            Thread thread = new Thread(task, "sync-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.leases = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "sync-leases");
            thread.setDaemon(true);
            return thread;
        });
        long beat = Math.max(100, settings.staleAfter().toMillis() / 4);
        leases.scheduleWithFixedDelay(this::extendLeases, beat, beat, TimeUnit.MILLISECONDS);
    }

    /**
     * Queues a sync of the store. Without a mode: incremental once a full sync has succeeded, otherwise full.
     *
     * @throws SyncAlreadyRunning when the store already has one queued or running
     */
    public UUID start(StoreId store, @Nullable SyncMode mode, String trigger) {
        StoreFacts facts = stores.facts(store);
        if (facts.status() != StoreStatus.ACTIVE) {
            throw new StoreUnavailable("The store is " + facts.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    + "; reconnect it before syncing.");
        }
        SyncMode chosen = mode != null ? mode : runs.hasSucceeded(store, SyncMode.FULL) ? SyncMode.INCREMENTAL : SyncMode.FULL;
        if (chosen == SyncMode.INCREMENTAL && !runs.hasSucceeded(store, SyncMode.FULL)) {
            chosen = SyncMode.FULL;
        }
        SyncMode finalMode = chosen;
        // its own transaction: committed before the worker looks for it, even when called after another commit
        UUID id = newTransaction.execute(status -> runs.create(store, finalMode, trigger));
        log.info("Sync {} of store {} queued ({}, {})", id, store, chosen, trigger);
        submit(store, id, chosen);
        return id;
    }

    public SyncRun find(StoreId store, UUID id) {
        return runs.find(store, id).map(this::view).orElseThrow(SyncRunNotFound::new);
    }

    public List<SyncRun> recent(StoreId store, int limit) {
        return runs.recent(store, limit).stream().map(this::view).toList();
    }

    /** The first full sync of a store, as soon as it is connected. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(StoreConnected event) {
        try {
            start(event.storeId(), null, "CONNECT");
        } catch (SyncAlreadyRunning e) {
            log.info("Store {} reconnected while a sync runs; not starting another", event.storeId());
        }
    }

    void submit(StoreId store, UUID id, SyncMode mode) {
        java.util.concurrent.CompletableFuture<Void> started = new java.util.concurrent.CompletableFuture<>();
        active.put(id, new Held(store, executor.submit(() -> {
            try {
                started.join();
                execute(store, id, mode);
            } finally {
                active.remove(id);
            }
        })));
        started.complete(null);
    }

    /**
     * Stops a run the way a crash would: its row stays RUNNING, for {@link SyncRecovery} to resume once its
     * lease has run out.
     */
    void interrupt(UUID id) {
        Held held = active.get(id);
        if (held != null) {
            held.run().cancel(true);
        }
    }

    private void extendLeases() {
        active.forEach((id, held) -> {
            try {
                if (!runs.heartbeat(held.store(), id)) {
                    log.warn("Sync {} of store {} is no longer held by this instance; stopping it here", id, held.store());
                    held.run().cancel(true);
                }
            } catch (RuntimeException e) {
                // the database is unreachable: the run's own writes fail too; the lease runs out and it is resumed
                log.warn("Could not extend the lease of sync {}: {}", id, e.toString());
            }
        });
    }

    boolean isActive(UUID id) {
        return active.containsKey(id);
    }

    private void execute(StoreId store, UUID id, SyncMode mode) {
        MDC.put("tenantId", store.toString());
        MDC.put("syncRunId", id.toString());
        Timer.Sample sample = Timer.start(meters);
        String outcome = "failed";
        try {
            SyncRuns.Stored stored = runs.find(store, id).orElseThrow();
            runs.markRunning(store, id);
            // a resumed full sync loads everything again, so only an incremental one keeps what it counted
            SyncProgress progress = new SyncProgress(store, id, runs, clock,
                    mode == SyncMode.INCREMENTAL ? stored.counts() : java.util.Map.of());
            progress.write();
            ShopifySession session = stores.session(store);
            Shop shop = api.shop(session);
            stores.recordShopFacts(store, shop.name(), shop.currencyCode(), shop.ianaTimezone());
            Instant snapshotStart = clock.instant().minus(SKEW);
            if (mode == SyncMode.INCREMENTAL) {
                for (Resource resource : ORDER) {
                    incremental.sync(session, resource, progress);
                    snapshot.removeDeleted(session, resource, snapshotStart, progress);
                    resourceDone(store, id, resource, progress);
                }
            } else {
                snapshot.loadAll(session, ORDER, snapshotStart, progress, (resource, snapshotTaken) -> {
                    cursors.advance(store, resource, snapshotTaken);
                    resourceDone(store, id, resource, progress);
                });
            }
            progress.write();
            runs.succeed(store, id);
            outcome = "succeeded";
            log.info("Sync {} of store {} succeeded: {}", id, store, progress.counts());
        } catch (SyncLeaseLost e) {
            log.warn("Sync {} of store {} stopped here: another instance took it over", id, store);
        } catch (RuntimeException e) {
            if (stopping || Thread.currentThread().isInterrupted()) {
                // the instance is going down, or lost the run: leave it RUNNING for its lease to run out and resume
                log.info("Sync {} of store {} interrupted; it will be resumed", id, store);
            } else {
                try {
                    fail(store, id, e);
                } catch (SyncLeaseLost lost) {
                    log.warn("Sync {} of store {} failed here after another instance took it over", id, store, e);
                }
            }
        } finally {
            sample.stop(meters.timer("sync.duration", "mode", mode.name(), "outcome", outcome));
            MDC.remove("syncRunId");
            MDC.remove("tenantId");
        }
    }

    private static void resourceDone(StoreId store, UUID id, Resource resource, SyncProgress progress) {
        progress.resourceDone();
        log.info("Sync {} of store {}: {} done", id, store, resource.path());
    }

    private void fail(StoreId store, UUID id, RuntimeException failure) {
        if (failure instanceof ShopifyAccessRevoked revoked) {
            stores.markNeedsReconnect(store, revoked.getMessage());
            runs.fail(store, id, revoked.getMessage() + ". Reconnect the store, then sync again.");
            log.warn("Sync {} of store {} failed: {}", id, store, revoked.getMessage());
        } else if (failure instanceof ShopifyUnavailable || failure instanceof SyncFailed
                || failure instanceof io.storefront.shopify.ShopifyQueryFailed) {
            runs.fail(store, id, failure.getMessage());
            log.warn("Sync {} of store {} failed: {}", id, store, failure.getMessage());
        } else if (failure instanceof org.springframework.web.ErrorResponseException problem
                && problem.getBody().getDetail() != null) {
            runs.fail(store, id, problem.getBody().getDetail());
            log.warn("Sync {} of store {} failed: {}", id, store, problem.getBody().getDetail());
        } else {
            runs.fail(store, id, "Internal error while syncing (" + failure.getClass().getSimpleName() + "); see the service log.");
            log.error("Sync {} of store {} failed", id, store, failure);
        }
    }

    private SyncRun view(SyncRuns.Stored run) {
        int percent = SyncProgress.percent(run.status(), run.totals());
        Long eta = null;
        if (run.status() == SyncStatus.RUNNING && run.startedAt() != null && percent > 0) {
            long elapsed = Duration.between(run.startedAt(), clock.instant()).toSeconds();
            eta = elapsed * (100 - percent) / percent;
        }
        return new SyncRun(run.id(), run.mode(), run.status(), run.trigger(), run.counts(), run.totals(), percent, eta,
                run.error(), run.createdAt(), run.startedAt(), run.finishedAt());
    }

    @Override
    public void destroy() {
        stopping = true;
        leases.shutdownNow();
        executor.shutdownNow();
    }
}
