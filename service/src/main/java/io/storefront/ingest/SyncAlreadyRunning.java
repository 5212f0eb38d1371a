package io.storefront.ingest;

import io.storefront.platform.ApiProblems.ApiException;
import org.springframework.http.HttpStatus;

/** The store already has a queued or running sync (the database's partial unique index said so). */
public final class SyncAlreadyRunning extends ApiException {
    SyncAlreadyRunning() {
        super(HttpStatus.CONFLICT, "sync-already-running", "A sync is already running",
                "This store already has a sync queued or running; wait for it to finish.");
    }
}
