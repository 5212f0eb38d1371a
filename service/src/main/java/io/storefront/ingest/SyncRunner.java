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
import io.storefront.tenants.StoreId;
import io.storefront.tenants.Stores;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Starts sync runs and executes them in the background on a bounded pool. The database admits one queued or
 * running sync per store; a run lost with its instance is resumed by {@link SyncRecovery}.
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

    SyncRunner(SyncRuns runs, SyncCursors cursors, Stores stores, AdminApi api, BulkSnapshot snapshot,
            IncrementalSync incremental, Clock clock, MeterRegistry meters, SyncSettings settings) {
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
    }

    /**
     * Queues a sync of the store. Without a mode: incremental once a full sync has succeeded, otherwise full.
     *
     * @throws SyncAlreadyRunning when the store already has one queued or running
     */
    public UUID start(StoreId store, @Nullable SyncMode mode, String trigger) {
        SyncMode chosen = mode != null ? mode : runs.hasSucceeded(store, SyncMode.FULL) ? SyncMode.INCREMENTAL : SyncMode.FULL;
        if (chosen == SyncMode.INCREMENTAL && !runs.hasSucceeded(store, SyncMode.FULL)) {
            chosen = SyncMode.FULL;
        }
        UUID id = runs.create(store, chosen, trigger);
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
        executor.execute(() -> execute(store, id, mode));
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
            for (Resource resource : ORDER) {
                switch (mode) {
                    case FULL, RECONCILE -> {
                        snapshot.load(session, resource, snapshotStart, progress);
                        cursors.advance(store, resource, snapshotStart);
                    }
                    case INCREMENTAL -> {
                        incremental.sync(session, resource, progress);
                        snapshot.removeDeleted(session, resource, snapshotStart, progress);
                    }
                }
                progress.resourceDone();
                log.info("Sync {} of store {}: {} done", id, store, resource.path());
            }
            progress.write();
            runs.succeed(store, id);
            outcome = "succeeded";
            log.info("Sync {} of store {} succeeded: {}", id, store, progress.counts());
        } catch (ShopifyAccessRevoked e) {
            stores.markNeedsReconnect(store, e.getMessage());
            runs.fail(store, id, e.getMessage() + ". Reconnect the store, then sync again.");
            log.warn("Sync {} of store {} failed: {}", id, store, e.getMessage());
        } catch (ShopifyUnavailable | SyncFailed | io.storefront.shopify.ShopifyQueryFailed e) {
            runs.fail(store, id, e.getMessage());
            log.warn("Sync {} of store {} failed: {}", id, store, e.getMessage());
        } catch (RuntimeException e) {
            runs.fail(store, id, "Internal error while syncing (" + e.getClass().getSimpleName() + "); see the service log.");
            log.error("Sync {} of store {} failed", id, store, e);
        } finally {
            sample.stop(meters.timer("sync.duration", "mode", mode.name(), "outcome", outcome));
            MDC.remove("syncRunId");
            MDC.remove("tenantId");
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
        executor.shutdownNow();
    }
}
