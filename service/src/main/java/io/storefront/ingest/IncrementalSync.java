package io.storefront.ingest;

import io.storefront.catalog.CatalogWriter;
import io.storefront.catalog.CheckoutRecord;
import io.storefront.catalog.CustomerRecord;
import io.storefront.catalog.LineItemRecord;
import io.storefront.catalog.OrderRecord;
import io.storefront.catalog.ProductRecord;
import io.storefront.catalog.Resource;
import io.storefront.catalog.VariantRecord;
import io.storefront.shopify.AdminApi;
import io.storefront.shopify.ShopifyQueryTooCostly;
import io.storefront.shopify.ShopifySession;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Incremental sync of one resource: pages of records updated since the saved cursor (minus an overlap), oldest
 * first. Each page is written, and the cursor moved to its newest {@code updated_at}, in one transaction, so a
 * crash resumes at the last committed page and loses nothing.
 */
@Component
class IncrementalSync {

    private final AdminApi api;
    private final CatalogWriter catalog;
    private final SyncCursors cursors;
    private final SyncRuns runs;
    private final TransactionTemplate transactions;
    private final SyncSettings settings;
    private final MeterRegistry meters;
    /** The page size that last fitted Shopify's cost limits, per shop and resource. */
    private final Map<String, Integer> pageSizes = new java.util.concurrent.ConcurrentHashMap<>();

    IncrementalSync(AdminApi api, CatalogWriter catalog, SyncCursors cursors, SyncRuns runs,
            TransactionTemplate transactions, SyncSettings settings, MeterRegistry meters) {
        this.api = api;
        this.catalog = catalog;
        this.cursors = cursors;
        this.runs = runs;
        this.transactions = transactions;
        this.settings = settings;
        this.meters = meters;
    }

    void sync(ShopifySession session, Resource resource, SyncProgress progress) {
        Instant since = cursors.get(progress.store(), resource).map(c -> c.minus(settings.overlap())).orElse(Instant.EPOCH);
        String search = "updated_at:>='" + since + "'";
        String after = null;
        int first = pageSizes.getOrDefault(session.shopDomain() + "/" + resource, settings.pageSize());
        Instant newest = null;
        while (true) {
            JsonNode connection;
            try {
                connection = api.query(session, SyncQueries.page(resource), variables(resource, first, after, search))
                        .path(SyncQueries.connection(resource));
            } catch (ShopifyQueryTooCostly e) {
                if (first == 1) {
                    throw e;
                }
                // cost grows about linearly with first; aim a little under the limit
                first = Math.max(1, Math.min(first - 1, (int) (first * e.limit() * 0.9 / e.requestedCost())));
                pageSizes.put(session.shopDomain() + "/" + resource, first);
                continue;
            }
            List<JsonNode> nodes = ShopifyRecords.nodes(connection);
            if (!nodes.isEmpty()) {
                Instant pageNewest = write(session, resource, nodes, progress);
                newest = newest == null || pageNewest.isAfter(newest) ? pageNewest : newest;
            }
            JsonNode pageInfo = connection.path("pageInfo");
            if (!pageInfo.path("hasNextPage").asBoolean(false)) {
                if (!SyncQueries.sortedByUpdate(resource) && newest != null) {
                    // pages in id order: only after the last one is everything up to the newest seen committed
                    cursors.advance(progress.store(), resource, newest);
                }
                return;
            }
            after = pageInfo.path("endCursor").asString();
        }
    }

    /** @return the newest {@code updated_at} of the page */
    private Instant write(ShopifySession session, Resource resource, List<JsonNode> nodes, SyncProgress progress) {
        Instant newest = Instant.EPOCH;
        Runnable upsert;
        String kind = resource.path();
        long children = 0;
        switch (resource) {
            case CUSTOMERS -> {
                List<CustomerRecord> records = nodes.stream().map(ShopifyRecords::customer).toList();
                newest = records.stream().map(CustomerRecord::updatedAt).max(Instant::compareTo).orElse(newest);
                upsert = () -> catalog.upsertCustomers(progress.store(), records);
            }
            case PRODUCTS -> {
                List<ProductRecord> records = new ArrayList<>();
                for (JsonNode node : nodes) {
                    ProductRecord product = ShopifyRecords.product(node);
                    List<VariantRecord> variants = new ArrayList<>(product.variants());
                    rest(session, resource, node.path("id").asString(), node.path("variants").path("pageInfo"),
                            item -> variants.add(ShopifyRecords.variant(item)));
                    records.add(new ProductRecord(product.id(), product.title(), product.handle(), product.productType(),
                            product.vendor(), product.status(), product.createdAt(), product.updatedAt(), variants));
                    children += variants.size();
                }
                newest = records.stream().map(ProductRecord::updatedAt).max(Instant::compareTo).orElse(newest);
                upsert = () -> catalog.upsertProducts(progress.store(), records);
                progress.add("variants", children);
            }
            case ORDERS -> {
                List<OrderRecord> records = new ArrayList<>();
                long refunds = 0;
                for (JsonNode node : nodes) {
                    OrderRecord order = ShopifyRecords.order(node);
                    List<LineItemRecord> items = new ArrayList<>(order.lineItems());
                    rest(session, resource, node.path("id").asString(), node.path("lineItems").path("pageInfo"),
                            item -> items.add(ShopifyRecords.lineItem(item)));
                    records.add(withItems(order, items));
                    children += items.size();
                    refunds += order.refunds().size();
                }
                newest = records.stream().map(OrderRecord::updatedAt).max(Instant::compareTo).orElse(newest);
                upsert = () -> catalog.upsertOrders(progress.store(), records);
                progress.add("lineItems", children);
                progress.add("refunds", refunds);
            }
            case CHECKOUTS -> {
                List<CheckoutRecord> records = nodes.stream().map(ShopifyRecords::checkout).toList();
                newest = records.stream().map(CheckoutRecord::updatedAt).max(Instant::compareTo).orElse(newest);
                upsert = () -> catalog.upsertCheckouts(progress.store(), records);
            }
            default -> throw new IllegalArgumentException(resource.toString());
        }
        Instant cursor = newest;
        progress.add(kind, nodes.size());
        for (int attempt = 1; ; attempt++) {
            try {
                transactions.executeWithoutResult(status -> {
                    upsert.run();
                    if (SyncQueries.sortedByUpdate(resource)) {
                        cursors.advance(progress.store(), resource, cursor);
                    }
                    runs.progress(progress.store(), progress.runId(), progress.counts(), progress.totals());
                });
                break;
            } catch (PessimisticLockingFailureException e) {
                // lost a deadlock to a webhook worker writing the same rows: the page's transaction is retried whole
                if (attempt >= 5) {
                    throw e;
                }
            }
        }
        meters.counter("sync.records.ingested", "resource", kind).increment(nodes.size());
        return cursor;
    }

    /** Pages through the rest of a nested connection when the first nested page was not all of it. */
    private void rest(ShopifySession session, Resource resource, String id, JsonNode pageInfo,
            java.util.function.Consumer<JsonNode> item) {
        String after = pageInfo.path("hasNextPage").asBoolean(false) ? pageInfo.path("endCursor").asString() : null;
        String field = resource == Resource.ORDERS ? "order" : "product";
        String connection = resource == Resource.ORDERS ? "lineItems" : "variants";
        while (after != null) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("id", id);
            variables.put("after", after);
            JsonNode page = api.query(session, SyncQueries.nestedRest(resource), variables).path(field).path(connection);
            ShopifyRecords.nodes(page).forEach(item);
            after = page.path("pageInfo").path("hasNextPage").asBoolean(false) ? page.path("pageInfo").path("endCursor").asString() : null;
        }
    }

    private Map<String, Object> variables(Resource resource, int first, @Nullable String after, String search) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("first", first);
        variables.put("query", search);
        if (after != null) {
            variables.put("after", after);
        }
        if (resource != Resource.CUSTOMERS) {
            variables.put("nestedFirst", settings.nestedPageSize());
        }
        return variables;
    }

    private static OrderRecord withItems(OrderRecord o, List<LineItemRecord> items) {
        return new OrderRecord(o.id(), o.name(), o.email(), o.customerId(), o.createdAt(), o.updatedAt(), o.processedAt(),
                o.cancelledAt(), o.test(), o.financialStatus(), o.currency(), o.presentmentCurrency(), o.totalPrice(),
                o.subtotalPrice(), o.totalDiscounts(), o.totalTax(), o.totalRefunded(), o.presentmentTotalPrice(), items,
                o.refunds());
    }
}
