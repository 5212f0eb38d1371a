package io.storefront.ingest;

import io.storefront.tenants.StoreId;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The counters of one running sync, written to its row (with a heartbeat) at most once a second. {@code totals}
 * holds what the percent is computed from: resources done of all, and lines done of the current bulk result.
 */
final class SyncProgress {

    static final int RESOURCES = 4;

    private final StoreId store;
    private final UUID runId;
    private final SyncRuns runs;
    private final Clock clock;
    private final Map<String, Long> counts;
    private final Map<String, Long> totals = new LinkedHashMap<>();
    private Instant lastWrite = Instant.EPOCH;

    SyncProgress(StoreId store, UUID runId, SyncRuns runs, Clock clock, Map<String, Long> resumedCounts) {
        this.store = store;
        this.runId = runId;
        this.runs = runs;
        this.clock = clock;
        this.counts = new LinkedHashMap<>(resumedCounts);
        totals.put("resources", (long) RESOURCES);
        totals.put("resourcesDone", 0L);
    }

    StoreId store() {
        return store;
    }

    UUID runId() {
        return runId;
    }

    synchronized void add(String kind, long n) {
        counts.merge(kind, n, Long::sum);
        maybeWrite();
    }

    synchronized void lines(long done, long total) {
        totals.put("linesDone", done);
        totals.put("linesTotal", total);
        maybeWrite();
    }

    synchronized void resourceDone() {
        totals.merge("resourcesDone", 1L, Long::sum);
        totals.remove("linesDone");
        totals.remove("linesTotal");
        write();
    }

    synchronized void heartbeat() {
        maybeWrite();
    }

    /** The counts to store in the same transaction as a page (incremental sync). */
    synchronized Map<String, Long> counts() {
        return Map.copyOf(counts);
    }

    synchronized Map<String, Long> totals() {
        return Map.copyOf(totals);
    }

    synchronized void write() {
        runs.progress(store, runId, counts, totals);
        lastWrite = clock.instant();
    }

    private void maybeWrite() {
        if (clock.instant().isAfter(lastWrite.plusSeconds(1))) {
            write();
        }
    }

    /** Percent done from stored totals: finished resources plus the fraction of the current bulk result. */
    static int percent(SyncStatus status, Map<String, Long> totals) {
        if (status == SyncStatus.SUCCEEDED) {
            return 100;
        }
        long resources = totals.getOrDefault("resources", (long) RESOURCES);
        double done = totals.getOrDefault("resourcesDone", 0L);
        long linesTotal = totals.getOrDefault("linesTotal", 0L);
        if (linesTotal > 0) {
            done += Math.min(1.0, totals.getOrDefault("linesDone", 0L) / (double) linesTotal);
        }
        return (int) Math.min(99, Math.floor(done * 100 / Math.max(1, resources)));
    }
}
