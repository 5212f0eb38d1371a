package io.storefront.ingest;

import io.storefront.tenants.StoreId;
import io.storefront.tenants.Stores;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The daily incremental sync and the weekly reconciliation of every active store. ShedLock makes one instance
 * of the cluster run each slot; the one-active-sync index keeps a store from syncing twice anyway.
 */
@Component
class SyncSchedule {

    private static final Logger log = LoggerFactory.getLogger(SyncSchedule.class);

    private final Stores stores;
    private final SyncRunner runner;

    SyncSchedule(Stores stores, SyncRunner runner) {
        this.stores = stores;
        this.runner = runner;
    }

    @Scheduled(cron = "${storefront.sync.daily-cron:0 0 3 * * *}")
    @SchedulerLock(name = "sync-daily", lockAtMostFor = "PT30M", lockAtLeastFor = "PT1M")
    void daily() {
        startAll(SyncMode.INCREMENTAL, "SCHEDULE");
    }

    @Scheduled(cron = "${storefront.sync.reconcile-cron:0 30 4 * * SUN}")
    @SchedulerLock(name = "sync-reconcile", lockAtMostFor = "PT30M", lockAtLeastFor = "PT1M")
    void reconcile() {
        startAll(SyncMode.RECONCILE, "SCHEDULE");
    }

    private void startAll(SyncMode mode, String trigger) {
        for (StoreId store : stores.activeStores()) {
            try {
                runner.start(store, mode, trigger);
            } catch (SyncAlreadyRunning e) {
                log.info("Store {} is already syncing; skipping its scheduled {} sync", store, mode);
            } catch (RuntimeException e) {
                log.warn("Could not start the scheduled {} sync of store {}: {}", mode, store, e.getMessage());
            }
        }
    }
}
