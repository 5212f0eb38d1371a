package io.storefront.ingest;

import io.storefront.catalog.CatalogLoad;
import io.storefront.catalog.CatalogWriter;
import io.storefront.catalog.Resource;
import io.storefront.shopify.BulkOperation;
import io.storefront.shopify.BulkOperations;
import io.storefront.shopify.ShopifySession;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Full sync by bulk operations, each one's JSONL streamed straight into a catalog load. Children are
 * written with their parent's id as they come, so nothing but the current batch is held in memory. What the
 * snapshot lacks and was not touched since it started was deleted at Shopify, and is removed.
 */
@Component
class BulkSnapshot {

    private static final Logger log = LoggerFactory.getLogger(BulkSnapshot.class);

    private final BulkOperations bulk;
    private final CatalogWriter catalog;
    private final MeterRegistry meters;

    BulkSnapshot(BulkOperations bulk, CatalogWriter catalog, MeterRegistry meters) {
        this.bulk = bulk;
        this.catalog = catalog;
        this.meters = meters;
    }

    /**
     * Loads every record of each resource, in the given order, and removes those the store no longer has. Shopify
     * runs one bulk query per shop at a time, but a finished one no longer counts: the next resource's operation
     * starts as soon as one completes, so Shopify prepares it while the finished one's file streams in.
     *
     * @param loaded told of each resource once it is loaded, with when Shopify took its snapshot (its clock), from
     *               when on the next incremental sync must read
     */
    void loadAll(ShopifySession session, List<Resource> resources, Instant fallbackStart, SyncProgress progress,
            BiConsumer<Resource, Instant> loaded) {
        boolean protectedData = true;
        BulkOperation next = bulk.run(session, SyncQueries.bulk(resources.get(0), protectedData));
        for (int i = 0; i < resources.size(); i++) {
            Resource resource = resources.get(i);
            long started = System.nanoTime();
            BulkOperation operation = bulk.await(session, next.id(), objects -> progress.heartbeat());
            if (protectedData && "ACCESS_DENIED".equals(operation.errorCode())) {
                // an app Shopify has not approved for protected customer data: the rest of the store still loads
                log.warn("Store {}: Shopify denies protected customer data to this app; syncing without names, emails and phones",
                        progress.store());
                protectedData = false;
                operation = bulk.run(session, SyncQueries.bulk(resource, false));
                operation = bulk.await(session, operation.id(), objects -> progress.heartbeat());
            }
            completed(operation);
            long waited = System.nanoTime() - started;
            if (i + 1 < resources.size()) {
                next = bulk.run(session, SyncQueries.bulk(resources.get(i + 1), protectedData));
            }
            loaded.accept(resource, load(operation, resource, fallbackStart, waited, progress));
        }
    }

    private Instant load(BulkOperation operation, Resource resource, Instant fallbackStart, long waitedNanos,
            SyncProgress progress) {
        long streaming = System.nanoTime();
        Instant snapshotStart = operation.createdAt() != null ? operation.createdAt() : fallbackStart;
        try (CatalogLoad load = catalog.load(progress.store(), true)) {
            if (operation.url() != null) {
                long total = operation.objectCount();
                long[] lines = {0};
                bulk.forEachLine(operation.url(), line -> {
                    dispatch(resource, line, load, progress);
                    if (++lines[0] % 1000 == 0) {
                        progress.lines(lines[0], total);
                    }
                });
            }
            load.flush();
            log.info("Loaded {} lines of {} for store {}: waited {} ms for Shopify to finish them, streaming took {} ms of which the database {} ms",
                    operation.objectCount(), resource.path(), progress.store(), waitedNanos / 1_000_000,
                    (System.nanoTime() - streaming) / 1_000_000, load.databaseTime().toMillis());
            int removed = load.removeMissing(resource, snapshotStart);
            if (removed > 0) {
                log.info("Removed {} {} of store {} that Shopify no longer has", removed, resource.path(), progress.store());
                progress.add(resource.path() + "Removed", removed);
            }
            return snapshotStart;
        }
    }

    /** An ids-only snapshot: removes what Shopify deleted, without fetching the records again. */
    int removeDeleted(ShopifySession session, Resource resource, Instant fallbackStart, SyncProgress progress) {
        BulkOperation operation = finished(session,
                bulk.run(session, "{ " + SyncQueries.connection(resource) + " { edges { node { id } } } }"), progress);
        // records changed after Shopify took the snapshot may be missing from it without being deleted
        Instant snapshotStart = operation.createdAt() != null ? operation.createdAt() : fallbackStart;
        try (CatalogLoad load = catalog.load(progress.store(), true)) {
            if (operation.url() != null) {
                bulk.forEachLine(operation.url(), line -> {
                    load.present(resource, ShopifyRecords.id(line.path("id").asString()));
                    progress.heartbeat();
                });
            }
            int removed = load.removeMissing(resource, snapshotStart);
            if (removed > 0) {
                progress.add(resource.path() + "Removed", removed);
            }
            return removed;
        }
    }

    private BulkOperation finished(ShopifySession session, BulkOperation started, SyncProgress progress) {
        return completed(bulk.await(session, started.id(), objects -> progress.heartbeat()));
    }

    private static BulkOperation completed(BulkOperation operation) {
        if (!operation.completed()) {
            throw new SyncFailed("Shopify's bulk operation ended " + operation.status()
                    + (operation.errorCode() == null ? "" : " (" + operation.errorCode() + ")"));
        }
        return operation;
    }

    private void dispatch(Resource resource, JsonNode line, CatalogLoad load, SyncProgress progress) {
        JsonNode parent = line.path("__parentId");
        String kind;
        if (parent.isMissingNode() || parent.isNull()) {
            switch (resource) {
                case CUSTOMERS -> load.customer(ShopifyRecords.customer(line));
                case PRODUCTS -> load.product(ShopifyRecords.product(line));
                case ORDERS -> {
                    var order = ShopifyRecords.order(line);
                    load.order(order);
                    if (!order.refunds().isEmpty()) {
                        progress.add("refunds", order.refunds().size());
                    }
                }
                case CHECKOUTS -> load.checkout(ShopifyRecords.checkout(line));
            }
            kind = resource.path();
        } else {
            long parentId = ShopifyRecords.id(parent.asString());
            String type = ShopifyRecords.type(line.path("id").asString(""));
            switch (type) {
                case "ProductVariant" -> { load.variant(parentId, ShopifyRecords.variant(line)); kind = "variants"; }
                case "LineItem" -> { load.lineItem(parentId, ShopifyRecords.lineItem(line)); kind = "lineItems"; }
                case "Refund" -> { load.refund(parentId, ShopifyRecords.refund(line)); kind = "refunds"; }
                default -> {
                    if (resource == Resource.CHECKOUTS) {
                        load.checkoutLineItem(parentId, ShopifyRecords.checkoutLineItem(line));
                        kind = "checkoutLineItems";
                    } else {
                        log.debug("Ignoring a {} line in the {} result", type, resource.path());
                        return;
                    }
                }
            }
        }
        progress.add(kind, 1);
        meters.counter("sync.records.ingested", "resource", kind).increment();
    }
}
