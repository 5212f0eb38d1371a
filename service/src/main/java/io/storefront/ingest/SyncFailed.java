package io.storefront.ingest;

/** A sync cannot go on; the message is shown to the merchant as the run's error. */
final class SyncFailed extends RuntimeException {
    SyncFailed(String message) {
        super(message);
    }
}
