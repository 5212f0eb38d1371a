package io.storefront.catalog;

import io.storefront.tenants.StoreId;
import io.storefront.tenants.StoreNotFound;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one write path into the catalog, for sync and webhooks alike. Every upsert keeps the newest version of a
 * record ({@code updated_at}, ties applied so a re-sync repairs), and replaces a parent's children only when
 * that parent's version was applied.
 */
@Service
public class CatalogWriter implements DisposableBean {

    static final int BULK_BATCH_SIZE = 25_000;
    private static final CatalogSql ORDER_TOTAL_REFUNDED = CatalogSql.named("total-refunded-of-order");

    /** Writes the batches of loads that own their connection, beside the callers filling the next batch. */
    private final ExecutorService loadWriters = Executors.newCachedThreadPool(new ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "catalog-load-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    });

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json;

    CatalogWriter(DataSource dataSource, JdbcClient jdbc, TransactionTemplate transactions, JsonMapper json) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
    }

    /** @return how many customers were new or newer than what the catalog held */
    public long upsertCustomers(StoreId store, List<CustomerRecord> customers) {
        return write(store, Resource.CUSTOMERS, load -> customers.forEach(load::customer));
    }

    /** @return how many products were new or newer (their variants replaced) */
    public long upsertProducts(StoreId store, List<ProductRecord> products) {
        return write(store, Resource.PRODUCTS, load -> products.forEach(load::product));
    }

    /** @return how many orders were new or newer (their line items and refunds replaced) */
    public long upsertOrders(StoreId store, List<OrderRecord> orders) {
        return write(store, Resource.ORDERS, load -> orders.forEach(load::order));
    }

    public long upsertCheckouts(StoreId store, List<CheckoutRecord> checkouts) {
        return write(store, Resource.CHECKOUTS, load -> checkouts.forEach(load::checkout));
    }

    /**
     * {@code refunds/create}: a refund arrives on its own, without a new version of its order, whose
     * {@code total_refunded} it then updates (the sum of the order's refunds, each counted once by its id).
     */
    public void addRefunds(StoreId store, long orderId, List<RefundRecord> refunds) {
        transactions.executeWithoutResult(status -> {
            lockStore(store);
            refunds.forEach(refund -> jdbc.sql("""
                insert into refunds (tenant_id, shopify_id, order_id, created_at, amount)
                select ?, ?, ?, ?, ?
                 where not exists (select 1 from deleted_records d
                                    where d.tenant_id = ? and d.resource = 'orders' and d.shopify_id = ?)
                on conflict (tenant_id, shopify_id) do update set order_id = excluded.order_id,
                    created_at = excluded.created_at, amount = excluded.amount""")
                .params(store.value(), refund.id(), orderId, java.sql.Timestamp.from(refund.createdAt()), refund.amount(),
                        store.value(), orderId)
                .update());
            jdbc.sql(ORDER_TOTAL_REFUNDED.text()).params(store.value(), orderId, store.value()).update();
        });
    }

    /**
     * A {@code *\/delete} from Shopify: removes the record and its children.
     *
     * @return whether the record was there
     */
    public boolean delete(StoreId store, Resource resource, long shopifyId) {
        Boolean deleted = transactions.execute(status -> {
            lockStore(store);
            switch (resource) {
                case PRODUCTS -> jdbc.sql("delete from product_variants where tenant_id = ? and product_id = ?")
                        .params(store.value(), shopifyId).update();
                case ORDERS -> {
                    jdbc.sql("delete from order_items where tenant_id = ? and order_id = ?").params(store.value(), shopifyId).update();
                    jdbc.sql("delete from refunds where tenant_id = ? and order_id = ?").params(store.value(), shopifyId).update();
                }
                default -> { }
            }
            jdbc.sql("insert into deleted_records (tenant_id, resource, shopify_id) values (?, ?, ?) on conflict do nothing")
                    .params(store.value(), resource.path(), shopifyId).update();
            return jdbc.sql("delete from " + resource.path() + " where tenant_id = ? and shopify_id = ?")
                    .params(store.value(), shopifyId).update() > 0;
        });
        return Boolean.TRUE.equals(deleted);
    }

    /**
     * {@code customers/redact}: removes the customer and the personal data on their orders and checkouts. The
     * orders stay (anonymous) because the merchant's revenue figures must not change.
     */
    public void eraseCustomer(StoreId store, long customerId, List<Long> orderIds) {
        transactions.executeWithoutResult(status -> {
            lockStore(store);
            jdbc.sql("delete from customers where tenant_id = ? and shopify_id = ?").params(store.value(), customerId).update();
            jdbc.sql("update orders set email = null, customer_id = null where tenant_id = ? and (customer_id = ? or shopify_id = any(?))")
                    .params(store.value(), customerId, orderIds.toArray(Long[]::new)).update();
            jdbc.sql("""
                    update checkouts set email = null, customer_id = null, abandoned_checkout_url = null
                    where tenant_id = ? and customer_id = ?""").params(store.value(), customerId).update();
        });
    }

    /** {@code shop/redact}: every catalog record of the store. */
    public void eraseStore(StoreId store) {
        transactions.executeWithoutResult(status -> {
            lockStore(store);
            for (CatalogTable table : CatalogTable.values()) {
                jdbc.sql("delete from " + table.table() + " where tenant_id = ?").param(store.value()).update();
            }
        });
    }

    /**
     * A batch writer for a stream of records (a bulk operation's JSONL). With {@code trackSeen} it remembers every
     * top-level id it loaded, so that {@link CatalogLoad#removeMissing} can delete what Shopify no longer has.
     */
    public CatalogLoad load(StoreId store, boolean trackSeen) {
        try {
            Connection connection = dataSource.getConnection();
            return new CatalogLoad(store, connection, loadWriters, () -> closeQuietly(connection), json,
                    BULK_BATCH_SIZE, trackSeen);
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("no database connection for a catalog load", e);
        }
    }

    /**
     * Inside a caller's transaction (incremental sync saves its cursor with each page) the records join it;
     * otherwise they are committed here.
     */
    private long write(StoreId store, Resource resource, Consumer<CatalogLoad> records) {
        CatalogLoad joined = null;
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            Connection connection = DataSourceUtils.getConnection(dataSource);
            joined = new CatalogLoad(store, connection, null,
                    () -> DataSourceUtils.releaseConnection(connection, dataSource), json, BULK_BATCH_SIZE, false);
        }
        try (CatalogLoad load = joined != null ? joined : load(store, false)) {
            records.accept(load);
            load.flush();
            return load.applied(resource);
        }
    }

    /**
     * {@link LoadConnection#lockStore} in the current transaction: every writer of the store's rows holds it, deletes
     * and erasures too, so a rollup rebuild (which takes the store row for update) never runs beside one.
     */
    private void lockStore(StoreId store) {
        if (jdbc.sql(LoadConnection.LOCK_STORE).param(store.value()).query(Integer.class).optional().isEmpty()) {
            throw new StoreNotFound();
        }
    }

    @Override
    public void destroy() {
        loadWriters.shutdown();
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the pool evicts a broken connection
        }
    }

}
