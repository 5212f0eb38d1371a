package io.storefront.catalog;

import io.storefront.tenants.StoreId;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A batch writer on one database connection: records are buffered in COPY format and written a batch at a time
 * by its {@link LoadConnection} (staging tables, one set-based upsert per table; newest {@code updated_at} wins;
 * the children of a parent are replaced only when the parent's version was applied). Children may arrive in a
 * later batch than their parent, but never before it, which is the order of Shopify's bulk JSONL: the set of
 * parents applied by this load lives in a temp table, so no parent needs to stay in memory.
 *
 * <p>Every flush commits. With its own connection, a load hands a full batch to the writers' executor while the
 * caller parses and buffers the next one: parsing and the database overlap, and at most two batches are held.
 * Not thread-safe otherwise; close it (try-with-resources) to release the connection.
 */
public final class CatalogLoad implements AutoCloseable {

    private final LoadConnection database;
    private final JsonMapper json;
    private final int batchSize;
    private final boolean trackSeen;
    /** Null when the caller's Spring transaction owns the connection: then batches are written on its thread. */
    private final @Nullable Executor writers;
    private final Runnable release;
    /** Written by the writer, read by the caller only after awaiting the write. */
    private final Map<Resource, Long> applied = new EnumMap<>(Resource.class);
    private StagedBatch filling = new StagedBatch();
    /** The batch being written (pipelined), or written last; its buffers are reused once the write is done. */
    private StagedBatch spare = new StagedBatch();
    private @Nullable Future<?> writing;
    private boolean failed;
    private boolean closed;

    /**
     * @param writers where batches are written while the caller fills the next, when this load owns its
     *                transaction; null to write inside the caller's transaction, on its thread
     */
    CatalogLoad(StoreId store, Connection connection, @Nullable Executor writers, Runnable release, JsonMapper json,
            int batchSize, boolean trackSeen) {
        this.writers = writers;
        this.release = release;
        this.json = json;
        this.batchSize = batchSize;
        this.trackSeen = trackSeen;
        try {
            this.database = new LoadConnection(store, connection, writers != null, trackSeen);
        } catch (SQLException e) {
            release.run();
            throw LoadConnection.failure("could not prepare the staging tables", e);
        }
    }

    public void customer(CustomerRecord c) {
        row(CatalogTable.CUSTOMERS).add(c.id()).add(c.email()).add(c.firstName()).add(c.lastName()).add(c.phone())
                .add(c.state()).add(c.tags()).add(c.numberOfOrders()).add(c.amountSpent()).add(c.currency())
                .add(c.createdAt()).add(c.updatedAt()).endRow();
        counted();
    }

    /** The product and the variants it carries; more variants of it may follow with {@link #variant}. */
    public void product(ProductRecord p) {
        row(CatalogTable.PRODUCTS).add(p.id()).add(p.title()).add(p.handle()).add(p.productType()).add(p.vendor())
                .add(p.status()).add(p.createdAt()).add(p.updatedAt()).endRow();
        p.variants().forEach(v -> stageVariant(p.id(), v));
        counted();
    }

    public void variant(long productId, VariantRecord v) {
        stageVariant(productId, v);
        counted();
    }

    /** The order and the line items and refunds it carries; more of them may follow. */
    public void order(OrderRecord o) {
        row(CatalogTable.ORDERS).add(o.id()).add(o.name()).add(o.email()).add(o.customerId()).add(o.createdAt())
                .add(o.updatedAt()).add(o.processedAt()).add(o.cancelledAt()).add(o.test()).add(o.financialStatus())
                .add(o.currency()).add(o.presentmentCurrency()).add(o.totalPrice()).add(o.subtotalPrice())
                .add(o.totalDiscounts()).add(o.totalTax()).add(o.totalRefunded()).add(o.presentmentTotalPrice())
                .endRow();
        o.lineItems().forEach(item -> stageLineItem(o.id(), item));
        o.refunds().forEach(refund -> stageRefund(o.id(), refund));
        counted();
    }

    public void lineItem(long orderId, LineItemRecord item) {
        stageLineItem(orderId, item);
        counted();
    }

    public void refund(long orderId, RefundRecord refund) {
        stageRefund(orderId, refund);
        counted();
    }

    public void checkout(CheckoutRecord c) {
        row(CatalogTable.CHECKOUTS).add(c.id()).add(c.token()).add(c.email()).add(c.customerId()).add(c.createdAt())
                .add(c.updatedAt()).add(c.completedAt()).add(c.currency()).add(c.totalPrice())
                .add(c.abandonedCheckoutUrl()).add(json.writeValueAsString(c.lineItems().stream().map(CatalogLoad::stored).toList()))
                .endRow();
        counted();
    }

    /** One more line item of a checkout loaded before (in bulk results they are lines of their own). */
    public void checkoutLineItem(long checkoutId, CheckoutLineItem item) {
        if (closed) {
            throw new IllegalStateException("the load is closed");
        }
        filling.checkoutItems.add(checkoutId).add(filling.checkoutItems.rows()).add(json.writeValueAsString(stored(item)))
                .endRow();
        counted();
    }

    /**
     * A checkout line item as the jsonb column holds it and the API returns it: the variant id and the price as
     * strings (ids beyond 2^53, exact decimals), like every id and amount of the API.
     */
    private static Map<String, @Nullable Object> stored(CheckoutLineItem item) {
        Map<String, @Nullable Object> stored = new LinkedHashMap<>();
        stored.put("title", item.title());
        stored.put("quantity", item.quantity());
        stored.put("variantId", CatalogViews.id(item.variantId()));
        stored.put("price", CatalogViews.money(item.price()));
        return stored;
    }

    /**
     * Notes that Shopify still has this record, without loading it (an ids-only snapshot): with seen-tracking,
     * {@link #removeMissing} then keeps it.
     */
    public void present(Resource resource, long shopifyId) {
        if (!trackSeen) {
            throw new IllegalStateException("this load does not track the records it has seen");
        }
        filling.presentIds.get(tableOf(resource)).add(shopifyId).endRow();
        counted();
    }

    /** Time spent writing to the database so far (COPY, upserts, commits). */
    public Duration databaseTime() {
        return database.databaseTime();
    }

    /** Top-level records of a resource whose version was applied (new or newer) so far. */
    public long applied(Resource resource) {
        return applied.getOrDefault(resource, 0L);
    }

    /** Writes and commits what is buffered, and waits until it (and any batch before it) is written. */
    public void flush() {
        handOff();
        awaitWrite();
    }

    /**
     * After a complete snapshot of a resource was loaded (with seen-tracking on): removes the records of the
     * store that were absent from it and not updated since the snapshot started, with their children.
     */
    public int removeMissing(Resource resource, Instant snapshotStartedAt) {
        if (!trackSeen) {
            throw new IllegalStateException("this load does not track the records it has seen");
        }
        flush();
        return database.removeMissing(tableOf(resource), snapshotStartedAt);
    }

    /** Flushes what is left (unless a write failed) and releases the connection. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            if (!failed) {
                flush();
            }
        } finally {
            closeQuietly();
        }
    }

    /** Releases the connection without writing what is buffered. */
    public void abandon() {
        filling.clear();
        closeQuietly();
    }

    /**
     * Starts writing the buffered batch once the previous one is written: on a writer when this load owns its
     * transaction, otherwise right here.
     */
    private void handOff() {
        awaitWrite();
        StagedBatch batch = filling;
        if (batch.count == 0) {
            return;
        }
        filling = spare;
        spare = batch;
        if (writers == null) {
            try {
                database.write(batch, applied);
            } catch (RuntimeException e) {
                failed = true;
                throw e;
            }
            batch.clear();
            return;
        }
        FutureTask<Void> task = new FutureTask<>(() -> database.write(batch, applied), null);
        writing = task;
        writers.execute(task);
    }

    /** Waits for the batch being written; a failure of its write is thrown here, on the caller's thread. */
    private void awaitWrite() {
        Future<?> pending = writing;
        if (pending == null) {
            return;
        }
        try {
            pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed = true;
            throw new DataAccessResourceFailureException("interrupted while a batch of catalog records was written", e);
        } catch (ExecutionException e) {
            writing = null;
            failed = true;
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new DataAccessResourceFailureException("could not write a batch of catalog records", e.getCause());
        }
        writing = null;
        spare.clear();
    }

    private void stageVariant(long productId, VariantRecord v) {
        row(CatalogTable.PRODUCT_VARIANTS).add(v.id()).add(productId).add(v.title()).add(v.sku()).add(v.price()).endRow();
    }

    private void stageLineItem(long orderId, LineItemRecord i) {
        row(CatalogTable.ORDER_ITEMS).add(i.id()).add(orderId).add(i.productId()).add(i.variantId()).add(i.title())
                .add(i.sku()).add(i.quantity()).add(i.price()).add(i.discountedPrice()).endRow();
    }

    private void stageRefund(long orderId, RefundRecord r) {
        row(CatalogTable.REFUNDS).add(r.id()).add(orderId).add(r.createdAt()).add(r.amount()).endRow();
    }

    private CopyRows row(CatalogTable table) {
        if (closed) {
            throw new IllegalStateException("the load is closed");
        }
        return filling.rows.get(table);
    }

    private void counted() {
        if (++filling.count >= batchSize) {
            handOff();
        }
    }

    private void closeQuietly() {
        closed = true;
        awaitWriterQuietly();
        try {
            database.release();
        } catch (SQLException ignored) {
            // returned to the pool regardless; a broken connection is evicted by it
        } finally {
            release.run();
        }
    }

    /** The connection is the writer's until its write ends, even when the caller was interrupted meanwhile. */
    private void awaitWriterQuietly() {
        Future<?> pending = writing;
        if (pending == null) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                pending.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                break;
            }
        }
        writing = null;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    static CatalogTable tableOf(Resource resource) {
        return switch (resource) {
            case CUSTOMERS -> CatalogTable.CUSTOMERS;
            case PRODUCTS -> CatalogTable.PRODUCTS;
            case ORDERS -> CatalogTable.ORDERS;
            case CHECKOUTS -> CatalogTable.CHECKOUTS;
        };
    }
}
