package io.storefront.catalog;

import io.storefront.tenants.StoreId;
import io.storefront.tenants.StoreNotFound;
import java.io.Reader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A batch writer on one database connection: records are buffered in COPY format, copied into session-local
 * staging tables and applied with one set-based upsert per table and flush (newest {@code updated_at} wins;
 * the children of a parent are replaced only when the parent's version was applied). Children may arrive in a
 * later flush than their parent, but never before it, which is the order of Shopify's bulk JSONL: the set of
 * parents applied by this load lives in a temp table, so no parent needs to stay in memory.
 *
 * <p>Every flush commits. With its own connection, a load writes a full batch on a writer thread while the
 * caller parses and buffers the next one: parsing and the database overlap, and at most two batches are held.
 * Not thread-safe otherwise; close it (try-with-resources) to release the connection.
 */
public final class CatalogLoad implements AutoCloseable {

    private static final List<CatalogTable> PARENTS =
            List.of(CatalogTable.CUSTOMERS, CatalogTable.PRODUCTS, CatalogTable.ORDERS, CatalogTable.CHECKOUTS);
    private static final Map<CatalogTable, List<CatalogTable>> CHILDREN = Map.of(
            CatalogTable.PRODUCTS, List.of(CatalogTable.PRODUCT_VARIANTS),
            CatalogTable.ORDERS, List.of(CatalogTable.ORDER_ITEMS, CatalogTable.REFUNDS));
    private static final Map<CatalogTable, CatalogTable> PARENT_OF = Map.of(
            CatalogTable.PRODUCT_VARIANTS, CatalogTable.PRODUCTS,
            CatalogTable.ORDER_ITEMS, CatalogTable.ORDERS,
            CatalogTable.REFUNDS, CatalogTable.ORDERS);

    /** The parents this load applied, and the ids it saw: emptied when a load starts and when it ends. */
    private static final List<String> TRACKING_TABLES =
            PARENTS.stream().flatMap(parent -> Stream.of(parent.applied(), parent.seen())).toList();

    private static final long FIRST_ANALYZE = 2_000;
    /** Parameter: tenant id. A row when the store exists, which then cannot be deleted until the transaction ends. */
    static final String LOCK_STORE = "select 1 from tenants where id = ? for key share";

    private final StoreId store;
    private final Connection connection;
    private final JsonMapper json;
    private final int batchSize;
    private final boolean trackSeen;
    /** False when the caller's Spring transaction owns the connection: then this load neither commits nor closes it. */
    private final boolean ownTransaction;
    private final Runnable release;
    /** Written by the writer thread, read by the caller only after awaiting the write. */
    private final Map<Resource, Long> applied = new EnumMap<>(Resource.class);
    private Batch filling = new Batch();
    /** The batch being written (pipelined), or written last; its buffers are reused once the write is done. */
    private Batch spare = new Batch();
    private @Nullable Future<?> writing;
    private boolean failed;
    private boolean closed;
    private long databaseNanos;
    /** Rows this load wrote per table, and from how many on it analyzes that table again (writer thread only). */
    private final Map<CatalogTable, Long> written = new EnumMap<>(CatalogTable.class);
    private final Map<CatalogTable, Long> analyzeAt = new EnumMap<>(CatalogTable.class);


    CatalogLoad(StoreId store, Connection connection, boolean ownTransaction, Runnable release, JsonMapper json,
            int batchSize, boolean trackSeen) {
        this.ownTransaction = ownTransaction;
        this.release = release;
        this.store = store;
        this.connection = connection;
        this.json = json;
        this.batchSize = batchSize;
        this.trackSeen = trackSeen;
        try {
            if (ownTransaction) {
                connection.setAutoCommit(false);
            }
            try (Statement statement = connection.createStatement()) {
                // the staging tables have no statistics, so PostgreSQL overestimates and JIT-compiles every upsert:
                // compiling costs far more than running them
                statement.execute("set jit = off");
                if (!hasWorkTables(connection)) {
                    for (CatalogTable table : CatalogTable.values()) {
                        statement.execute(table.createStage());
                    }
                    statement.execute("create temp table stage_checkout_items (checkout_id bigint, position bigint, item jsonb)");
                    for (CatalogTable parent : PARENTS) {
                        statement.execute("create temp table " + parent.applied() + " (shopify_id bigint primary key)");
                        statement.execute("create temp table " + parent.seen() + " (shopify_id bigint)");
                    }
                }
                empty(statement, TRACKING_TABLES);
            }
            commit();
        } catch (SQLException e) {
            closeQuietly();
            throw failure("could not prepare the staging tables", e);
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
                .add(c.abandonedCheckoutUrl()).add(json.writeValueAsString(c.lineItems())).endRow();
        counted();
    }

    /** One more line item of a checkout loaded before (in bulk results they are lines of their own). */
    public void checkoutLineItem(long checkoutId, CheckoutLineItem item) {
        if (closed) {
            throw new IllegalStateException("the load is closed");
        }
        filling.checkoutItems.add(checkoutId).add(filling.checkoutItems.rows()).add(json.writeValueAsString(item)).endRow();
        counted();
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
    public java.time.Duration databaseTime() {
        return java.time.Duration.ofNanos(databaseNanos);
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
     * Starts writing the buffered batch once the previous one is written: on a writer thread when this load
     * owns its connection, otherwise right here.
     */
    private void handOff() {
        awaitWrite();
        Batch batch = filling;
        if (batch.count == 0) {
            return;
        }
        filling = spare;
        spare = batch;
        if (!ownTransaction) {
            try {
                write(batch);
            } catch (RuntimeException e) {
                failed = true;
                throw e;
            }
            batch.clear();
            return;
        }
        FutureTask<Void> task = new FutureTask<>(() -> write(batch), null);
        writing = task;
        Thread writer = new Thread(task, "catalog-load-" + store);
        writer.setDaemon(true);
        writer.start();
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

    /**
     * A write that lost a deadlock to a concurrent writer (a webhook worker) is retried: its transaction was
     * rolled back whole and the rows are still in the batch.
     */
    private void write(Batch batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                writeOnce(batch);
                return;
            } catch (PessimisticLockingFailureException e) {
                if (!ownTransaction || attempt >= 5) {
                    throw e;
                }
                try {
                    Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(10, 50L * attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private void writeOnce(Batch batch) {
        long started = System.nanoTime();
        try {
            if (!lockStore(connection, store)) {
                rollbackQuietly();
                throw new StoreNotFound();
            }
            PGConnection pg = connection.unwrap(PGConnection.class);
            for (CatalogTable parent : PARENTS) {
                CopyRows rows = batch.rows.get(parent);
                if (rows.isEmpty()) {
                    continue;
                }
                copy(pg, parent, rows);
                List<CatalogTable> children = CHILDREN.getOrDefault(parent, List.of());
                try (PreparedStatement upsert = connection.prepareStatement(parent.upsertParentReplacingChildren(children))) {
                    for (int i = 1; i <= children.size() + 1; i++) {
                        upsert.setObject(i, store.value());
                    }
                    int count = upsert.executeUpdate();
                    applied.merge(resourceOf(parent), (long) count, Long::sum);
                }
                if (trackSeen) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("insert into " + parent.seen() + " select shopify_id from " + parent.stage());
                    }
                }
            }
            for (CatalogTable parent : PARENTS) {
                CopyRows ids = batch.presentIds.get(parent);
                if (!ids.isEmpty()) {
                    pg.getCopyAPI().copyIn("copy " + parent.seen() + " (shopify_id) from stdin", new CharSequenceReader(ids.text()), 1 << 16);
                }
            }
            if (!batch.checkoutItems.isEmpty()) {
                pg.getCopyAPI().copyIn("copy stage_checkout_items (checkout_id, position, item) from stdin",
                        new CharSequenceReader(batch.checkoutItems.text()), 1 << 16);
                try (PreparedStatement append = connection.prepareStatement("""
                        update checkouts c set line_items = c.line_items || s.items
                        from (select checkout_id, jsonb_agg(item order by position) items from stage_checkout_items
                              group by checkout_id) s
                        where c.tenant_id = ? and c.shopify_id = s.checkout_id
                          and exists (select 1 from applied_checkouts a where a.shopify_id = s.checkout_id)""")) {
                    append.setObject(1, store.value());
                    append.executeUpdate();
                }
            }
            for (CatalogTable child : PARENT_OF.keySet()) {
                CopyRows rows = batch.rows.get(child);
                if (rows.isEmpty()) {
                    continue;
                }
                copy(pg, child, rows);
                try (PreparedStatement upsert = connection.prepareStatement(child.upsertChildren(PARENT_OF.get(child)))) {
                    upsert.setObject(1, store.value());
                    upsert.executeUpdate();
                }
            }
            try (Statement statement = connection.createStatement()) {
                List<String> staged = new ArrayList<>();
                batch.rows.forEach((table, rows) -> {
                    if (!rows.isEmpty()) {
                        staged.add(table.stage());
                    }
                });
                if (!batch.checkoutItems.isEmpty()) {
                    staged.add("stage_checkout_items");
                }
                empty(statement, staged);
            }
            commit();
            analyzeGrown(batch);
            databaseNanos += System.nanoTime() - started;
        } catch (SQLException | java.io.IOException e) {
            rollbackQuietly();
            throw failure("could not write a batch of catalog records", e);
        }
    }

    /**
     * Whether this session already has the staging and tracking tables. They are session-local and kept between
     * loads (a pooled connection serves many): a webhook batch or an incremental page is a load of its own, and
     * creating ~17 tables each time, or truncating them, cost PostgreSQL ~10 ms per load. They are created in one
     * transaction, so the last one created stands for all.
     */
    private static boolean hasWorkTables(Connection connection) throws SQLException {
        try (PreparedStatement present = connection.prepareStatement(
                "select count(*) from pg_class where relnamespace = pg_my_temp_schema() and relname = 'stage_checkout_items'")) {
            try (var found = present.executeQuery()) {
                return found.next() && found.getLong(1) > 0;
            }
        }
    }

    /**
     * Empties session-local work tables. A bulk load (its own transactions, up to a batch of rows each) truncates;
     * a load inside a caller's transaction holds a few rows, and DELETE of those is far cheaper than a TRUNCATE,
     * which gives each table new files.
     */
    private void empty(Statement statement, List<String> tables) throws SQLException {
        if (tables.isEmpty()) {
            return;
        }
        if (ownTransaction) {
            statement.execute("truncate " + String.join(", ", tables));
        } else {
            statement.execute(tables.stream().map(table -> "delete from " + table).collect(Collectors.joining("; ")));
        }
    }

    /**
     * The catalog tables have no foreign key to {@code tenants} (checked row by row, it cost a quarter of a bulk
     * load): a transaction writing rows of a store takes the lock that check would take, once. A store being
     * deleted then waits for the write, whose rows its deletion removes, or the write finds the store gone.
     *
     * @return false when the store no longer exists
     */
    static boolean lockStore(Connection connection, StoreId store) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(LOCK_STORE)) {
            lock.setObject(1, store.value());
            try (var found = lock.executeQuery()) {
                return found.next();
            }
        }
    }

    /**
     * Autovacuum analyzes far too late during a bulk load: on statistics from when a store's tables were nearly
     * empty, the insights triggers' joins scan every order of the store per line item, and a 100,000-order
     * sync spent most of its time there. Analyzing each table whenever this load has doubled what it wrote to
     * it keeps the plans right for a few analyzes per table.
     */
    private void analyzeGrown(Batch batch) throws SQLException {
        if (!ownTransaction) {
            return;
        }
        for (CatalogTable table : CatalogTable.values()) {
            long rows = batch.rows.get(table).rows();
            if (rows == 0) {
                continue;
            }
            long total = written.merge(table, rows, Long::sum);
            if (total >= analyzeAt.getOrDefault(table, FIRST_ANALYZE)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("analyze (skip_locked) " + table.table());
                }
                commit();
                analyzeAt.put(table, total * 2);
            }
        }
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
        CatalogTable parent = tableOf(resource);
        List<CatalogTable> children = CHILDREN.getOrDefault(parent, List.of());
        var sql = new StringBuilder("with gone as (delete from ").append(parent.table()).append(" t where t.tenant_id = ?")
                .append(" and t.updated_at < ? and not exists (select 1 from ").append(parent.seen())
                .append(" s where s.shopify_id = t.shopify_id) returning shopify_id)");
        for (int i = 0; i < children.size(); i++) {
            CatalogTable child = children.get(i);
            sql.append(", c").append(i).append(" as (delete from ").append(child.table()).append(" c using gone")
                    .append(" where c.tenant_id = ? and c.").append(child.parentColumn()).append(" = gone.shopify_id)");
        }
        sql.append(" select count(*) from gone");
        for (int attempt = 1; ; attempt++) {
            try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                if (!lockStore(connection, store)) {
                    rollbackQuietly();
                    throw new StoreNotFound();
                }
                statement.setObject(1, store.value());
                statement.setObject(2, java.sql.Timestamp.from(snapshotStartedAt));
                for (int i = 0; i < children.size(); i++) {
                    statement.setObject(3 + i, store.value());
                }
                int removed;
                try (var result = statement.executeQuery()) {
                    result.next();
                    removed = result.getInt(1);
                }
                commit();
                return removed;
            } catch (SQLException e) {
                rollbackQuietly();
                RuntimeException failure = failure("could not remove records missing from the snapshot", e);
                // a webhook worker writing the same rows won the deadlock; the seen ids are committed, so try again
                if (!(failure instanceof org.springframework.dao.PessimisticLockingFailureException) || attempt >= 5) {
                    throw failure;
                }
            }
        }
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

    /** Records of one write, in COPY format: filled by the caller, then written (pipelined: by the writer thread). */
    private static final class Batch {
        final Map<CatalogTable, CopyRows> rows = new EnumMap<>(CatalogTable.class);
        final Map<CatalogTable, CopyRows> presentIds = new EnumMap<>(CatalogTable.class);
        final CopyRows checkoutItems = new CopyRows();
        int count;

        Batch() {
            for (CatalogTable table : CatalogTable.values()) {
                rows.put(table, new CopyRows());
            }
            for (CatalogTable parent : PARENTS) {
                presentIds.put(parent, new CopyRows());
            }
        }

        void clear() {
            rows.values().forEach(CopyRows::clear);
            presentIds.values().forEach(CopyRows::clear);
            checkoutItems.clear();
            count = 0;
        }
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

    private void copy(PGConnection pg, CatalogTable table, CopyRows rows) throws SQLException, java.io.IOException {
        Reader reader = new CharSequenceReader(rows.text());
        pg.getCopyAPI().copyIn(table.copyIn(), reader, 1 << 16);
    }

    private void commit() throws SQLException {
        if (ownTransaction) {
            connection.commit();
        }
    }

    private void rollbackQuietly() {
        if (!ownTransaction) {
            return;
        }
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; closing it below returns it to the pool as such
        }
    }

    private void closeQuietly() {
        closed = true;
        awaitWriterQuietly();
        try {
            if (!connection.isClosed()) {
                if (ownTransaction) {
                    connection.rollback();
                }
                try (Statement statement = connection.createStatement()) {
                    empty(statement, TRACKING_TABLES);
                    statement.execute("reset jit");
                }
                if (ownTransaction) {
                    connection.commit();
                    connection.setAutoCommit(true);
                }
            }
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

    private static Resource resourceOf(CatalogTable parent) {
        return switch (parent) {
            case CUSTOMERS -> Resource.CUSTOMERS;
            case PRODUCTS -> Resource.PRODUCTS;
            case ORDERS -> Resource.ORDERS;
            case CHECKOUTS -> Resource.CHECKOUTS;
            default -> throw new IllegalArgumentException(parent + " is not a top-level resource");
        };
    }

    static CatalogTable tableOf(Resource resource) {
        return switch (resource) {
            case CUSTOMERS -> CatalogTable.CUSTOMERS;
            case PRODUCTS -> CatalogTable.PRODUCTS;
            case ORDERS -> CatalogTable.ORDERS;
            case CHECKOUTS -> CatalogTable.CHECKOUTS;
        };
    }

    private static org.springframework.dao.DataAccessException failure(String message, Exception cause) {
        if (cause instanceof SQLException sql && ("40P01".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState()))) {
            return new org.springframework.dao.CannotAcquireLockException(message, cause);
        }
        return new DataAccessResourceFailureException(message, cause);
    }

    /** A reader over the buffer without copying it into a String first. */
    private static final class CharSequenceReader extends Reader {
        private final CharSequence text;
        private int position;

        CharSequenceReader(CharSequence text) {
            this.text = text;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            if (position >= text.length()) {
                return -1;
            }
            int n = Math.min(length, text.length() - position);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = text.charAt(position + i);
            }
            position += n;
            return n;
        }

        @Override
        public void close() {}
    }

}
