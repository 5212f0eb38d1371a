package io.storefront.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs left queued or running by an instance that stopped (crash, deploy) have a lease that nobody extends any
 * more: once it has run out, one instance claims each (it becomes the run's owner) and resumes it (incremental
 * syncs continue from their saved cursors, full syncs load again idempotently) or, after too many attempts, marks
 * it failed with the reason. Never stuck "running".
 */
@Component
class SyncRecovery {

    private static final Logger log = LoggerFactory.getLogger(SyncRecovery.class);

    private final SyncRuns runs;
    private final SyncRunner runner;
    private final SyncSettings settings;

    SyncRecovery(SyncRuns runs, SyncRunner runner, SyncSettings settings) {
        this.runs = runs;
        this.runner = runner;
        this.settings = settings;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        recover();
    }

    @Scheduled(fixedDelayString = "${storefront.sync.recovery-interval:30s}", initialDelayString = "${storefront.sync.recovery-interval:30s}")
    void recover() {
        for (SyncRuns.Stored run : runs.stale()) {
            // still running here (its heartbeat came late): the lease thread extends it
            if (runner.isActive(run.id()) || !runs.claim(run.store(), run.id())) {
                continue;
            }
            if (run.attempts() >= settings.maxAttempts()) {
                runs.fail(run.store(), run.id(), "The sync was interrupted " + run.attempts()
                        + " times (the service stopped while it ran) and was given up; start it again.");
                log.warn("Sync {} of store {} given up after {} attempts", run.id(), run.store(), run.attempts());
            } else {
                log.info("Resuming sync {} of store {} (left {} by a stopped instance)", run.id(), run.store(), run.status());
                runner.submit(run.store(), run.id(), run.mode());
            }
        }
    }
}
