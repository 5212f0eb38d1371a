package dev.storefront.simulator.bulk;

import dev.storefront.simulator.admin.BulkOperation;
import dev.storefront.simulator.admin.BulkOperations;
import dev.storefront.simulator.store.Store;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The bulk query operations of one shop. One runs at a time, as Shopify allows up to API version 2025-10.
 * Results are written to a file of the simulator and served at {@code /_sim/bulk/{id}.jsonl}.
 */
public final class ShopBulkOperations implements BulkOperations {

    private static final AtomicLong NEXT_ID = new AtomicLong(4_039_184_154_813L);
    private static final int RENDER_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

    /** Shared by every shop's exports: they are CPU-bound, so more threads than cores would only queue. */
    private static final java.util.concurrent.ExecutorService RENDERERS = java.util.concurrent.Executors.newFixedThreadPool(RENDER_THREADS, runnable -> {
        Thread thread = new Thread(runnable, "bulk-export");
        thread.setDaemon(true);
        return thread;
    });

    private final Store store;
    private final BulkFiles files;
    private final Executor executor;
    private final LongSupplier clock;
    private final Consumer<BulkOperation> onFinish;
    private final Map<Long, BulkOperation> operations = new ConcurrentHashMap<>();
    private final Map<Long, Boolean> cancelRequests = new ConcurrentHashMap<>();
    private volatile BulkOperation current;

    /**
     * @param clock    epoch seconds
     * @param onFinish called when an operation completes, fails or is cancelled (bulk_operations/finish)
     */
    public ShopBulkOperations(Store store, BulkFiles files, Executor executor, LongSupplier clock, Consumer<BulkOperation> onFinish) {
        this.store = store;
        this.files = files;
        this.executor = executor;
        this.clock = clock;
        this.onFinish = onFinish;
    }

    @Override
    public synchronized BulkOperation run(String query, boolean groupObjects, long oldestVisibleOrder,
                                          java.util.function.Predicate<String> grantedScopes) {
        BulkOperation running = current;
        if (running != null && (running.status().equals("CREATED") || running.status().equals("RUNNING") || running.status().equals("CANCELING"))) {
            throw new BulkQueryRejected("OPERATION_IN_PROGRESS", "A bulk query operation for this app and shop is already in progress: " + running.gid() + ".");
        }
        BulkExport export = BulkExport.parse(store, query, groupObjects);
        long id = NEXT_ID.getAndAdd(11);
        BulkOperation created = new BulkOperation(id, "CREATED", null, query, 0, 0, null, null, null, clock.getAsLong(), null);
        update(created);
        if (!grantedScopes.test(export.requiredScope())) {
            executor.execute(() -> {
                BulkOperation failed = withStatus(created, "FAILED", "ACCESS_DENIED", 0, 0, null, null, clock.getAsLong());
                update(failed);
                onFinish.accept(failed);
            });
            return created;
        }
        executor.execute(() -> export(created, export, oldestVisibleOrder));
        return created;
    }

    private void export(BulkOperation created, BulkExport export, long oldestVisibleOrder) {
        update(withStatus(created, "RUNNING", null, 0, 0, null, null, null));
        Path file = files.pathOf(created.id());
        BulkOperation finished;
        try (JsonLines out = new JsonLines(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            BulkExport.Result result = export.write(out, oldestVisibleOrder, () -> cancelRequests.containsKey(created.id()),
                    RENDERERS, RENDER_THREADS);
            out.close();
            long size = Files.size(file);
            if (result.cancelled()) {
                finished = withStatus(created, "CANCELED", null, result.objectCount(), result.rootObjectCount(), size, null, clock.getAsLong());
            } else {
                finished = withStatus(created, "COMPLETED", null, result.objectCount(), result.rootObjectCount(), size,
                        result.objectCount() == 0 ? null : files.urlOf(created.id()), clock.getAsLong());
            }
        } catch (IOException | RuntimeException e) {
            finished = withStatus(created, "FAILED", "INTERNAL_SERVER_ERROR", 0, 0, null, null, clock.getAsLong());
        }
        update(finished);
        onFinish.accept(finished);
    }

    private static BulkOperation withStatus(BulkOperation operation, String status, String errorCode, long objects, long roots,
                                            Long fileSize, String url, Long completedAt) {
        return new BulkOperation(operation.id(), status, errorCode, operation.query(), objects, roots, fileSize, url, null,
                operation.createdAt(), completedAt);
    }

    private synchronized void update(BulkOperation operation) {
        operations.put(operation.id(), operation);
        if (current == null || current.id() <= operation.id()) {
            current = operation;
        }
    }

    @Override
    public BulkOperation current() {
        return current;
    }

    @Override
    public BulkOperation find(long id) {
        return operations.get(id);
    }

    @Override
    public java.util.Collection<BulkOperation> all() {
        return java.util.List.copyOf(operations.values());
    }

    @Override
    public synchronized BulkOperation cancel(long id) {
        BulkOperation operation = operations.get(id);
        if (operation == null) {
            return null;
        }
        if (operation.status().equals("RUNNING") || operation.status().equals("CREATED")) {
            cancelRequests.put(id, Boolean.TRUE);
            BulkOperation canceling = withStatus(operation, "CANCELING", null, operation.objectCount(), operation.rootObjectCount(), null, null, null);
            update(canceling);
            return canceling;
        }
        return operation;
    }

    /** Writes a bulk query's JSONL straight to a stream, outside any operation (benchmarks, determinism checks). */
    public static long exportTo(Store store, String query, OutputStream out) {
        try (JsonLines lines = new JsonLines(out)) {
            return BulkExport.parse(store, query, false).write(lines, Long.MIN_VALUE, () -> false, RENDERERS, RENDER_THREADS).objectCount();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
