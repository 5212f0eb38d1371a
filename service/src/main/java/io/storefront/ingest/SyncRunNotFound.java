package io.storefront.ingest;

import io.storefront.platform.ApiProblems.ApiException;
import org.springframework.http.HttpStatus;

public final class SyncRunNotFound extends ApiException {
    SyncRunNotFound() {
        super(HttpStatus.NOT_FOUND, "sync-run-not-found", "Sync run not found", "This store has no sync run with that id.");
    }
}
