package io.storefront.ingest;

public enum SyncStatus {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED
}
