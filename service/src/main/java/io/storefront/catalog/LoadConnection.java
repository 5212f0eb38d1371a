package io.storefront.catalog;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.storefront.tenants.StoreId;
import io.storefront.tenants.StoreNotFound;
import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.postgresql.PGConnection;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;

/**
 * The database side of a {@link CatalogLoad}: one connection, its session-local work tables, and the transactions
 * that write a batch (COPY into staging tables, one set-based upsert per table) or remove what a snapshot lacked.
 * Used by one thread at a time.
 */
final class LoadConnection {

    /** The parents this load applied, and the ids it saw: emptied when a load starts and when it ends. */
    private static final List<String> TRACKING_TABLES = CatalogTable.PARENTS.stream()
            .flatMap(parent -> Stream.of(parent.applied(), parent.seen())).toList();
    private static final CatalogSql APPEND_CHECKOUT_ITEMS = CatalogSql.named("append-checkout-line-items");
    private static final CatalogSql REKEY_CHECKOUTS_KNOWN_BY_TOKEN = CatalogSql.named("rekey-checkouts-known-by-token");
    private static final CatalogSql FOLD_CHECKOUTS_KNOWN_BY_TOKEN = CatalogSql.named("fold-checkouts-known-by-token");
    private static final CatalogSql TOTAL_REFUNDED_OF_STAGED_ORDERS = CatalogSql.named("total-refunded-of-staged-orders");
    /** Parameter: tenant id. A row when the store exists, which then cannot be deleted until the transaction ends. */
    static final String LOCK_STORE = "select 1 from tenants where id = ? for key share";
    private static final long FIRST_ANALYZE = 2_000;

    /**
     * A transaction that lost a deadlock to a concurrent writer (a webhook worker) was rolled back whole, and what
     * it wrote is still at hand (the batch, the committed seen ids): it is run again, after a short random pause.
     */
    private static final Retry DEADLOCKS = Retry.of("catalog-load-deadlocks", RetryConfig.custom()
            .maxAttempts(5)
            .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(20), 2.0, 0.5))
            .retryExceptions(PessimisticLockingFailureException.class)
            .build());

    private final StoreId store;
    private final Connection connection;
    /** False when the caller's Spring transaction owns the connection: then this neither commits nor retries. */
    private final boolean ownTransaction;
    /** Whether the ids of the top-level records written are kept, for {@link #removeMissing}. */
    private final boolean trackSeen;
    /** Rows written per table, and from how many on that table is analyzed again. */
    private final Map<CatalogTable, Long> written = new EnumMap<>(CatalogTable.class);
    private final Map<CatalogTable, Long> analyzeAt = new EnumMap<>(CatalogTable.class);
    private long databaseNanos;

    LoadConnection(StoreId store, Connection connection, boolean ownTransaction, boolean trackSeen) throws SQLException {
        this.store = store;
        this.connection = connection;
        this.ownTransaction = ownTransaction;
        this.trackSeen = trackSeen;
        if (ownTransaction) {
            connection.setAutoCommit(false);
        }
        try (Statement statement = connection.createStatement()) {
            if (!hasWorkTables()) {
                for (CatalogTable table : CatalogTable.values()) {
                    statement.execute(table.createStage());
                }
                statement.execute("create temp table stage_checkout_items (checkout_id bigint, position bigint, item jsonb)");
                for (CatalogTable parent : CatalogTable.PARENTS) {
                    statement.execute("create temp table " + parent.applied() + " (shopify_id bigint primary key)");
                    statement.execute("create temp table " + parent.seen() + " (shopify_id bigint)");
                }
            }
            empty(statement, TRACKING_TABLES);
        }
        commit();
    }

    /**
     * Writes a batch in one transaction (retried after a lost deadlock when the transaction is this load's own).
     *
     * @param applied where the count of applied top-level records per resource is added
     */
    void write(StagedBatch batch, Map<Resource, Long> applied) {
        if (!ownTransaction) {
            writeOnce(batch, applied);
            return;
        }
        DEADLOCKS.executeRunnable(() -> {
            Map<Resource, Long> counted = new EnumMap<>(Resource.class);
            writeOnce(batch, counted);
            counted.forEach((resource, count) -> applied.merge(resource, count, Long::sum));
        });
    }

    private void writeOnce(StagedBatch batch, Map<Resource, Long> applied) {
        long started = System.nanoTime();
        try {
            begin();
            PGConnection pg = connection.unwrap(PGConnection.class);
            for (CatalogTable parent : CatalogTable.PARENTS) {
                CopyRows rows = batch.rows.get(parent);
                if (rows.isEmpty()) {
                    continue;
                }
                copy(pg, parent.copyIn(), rows);
                if (parent == CatalogTable.CHECKOUTS) {
                    update(REKEY_CHECKOUTS_KNOWN_BY_TOKEN);
                }
                applied.merge(resourceOf(parent), (long) update(parent.upsert()), Long::sum);
                if (parent == CatalogTable.CHECKOUTS) {
                    update(FOLD_CHECKOUTS_KNOWN_BY_TOKEN);
                }
                if (trackSeen) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("insert into " + parent.seen() + " select shopify_id from " + parent.stage());
                    }
                }
            }
            for (CatalogTable parent : CatalogTable.PARENTS) {
                CopyRows ids = batch.presentIds.get(parent);
                if (!ids.isEmpty()) {
                    copy(pg, "copy " + parent.seen() + " (shopify_id) from stdin", ids);
                }
            }
            if (!batch.checkoutItems.isEmpty()) {
                copy(pg, "copy stage_checkout_items (checkout_id, position, item) from stdin", batch.checkoutItems);
                update(APPEND_CHECKOUT_ITEMS);
            }
            for (CatalogTable child : CatalogTable.CHILDREN) {
                CopyRows rows = batch.rows.get(child);
                if (rows.isEmpty()) {
                    continue;
                }
                copy(pg, child.copyIn(), rows);
                update(child.upsert());
            }
            if (!batch.rows.get(CatalogTable.ORDERS).isEmpty() || !batch.rows.get(CatalogTable.REFUNDS).isEmpty()) {
                update(TOTAL_REFUNDED_OF_STAGED_ORDERS);
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
        } catch (SQLException | IOException e) {
            rollbackQuietly();
            throw failure("could not write a batch of catalog records", e);
        }
    }

    /**
     * Removes the store's records of a top-level table that the snapshot (the seen ids) lacked and that were not
     * updated since it started, with their children.
     */
    int removeMissing(CatalogTable parent, Instant snapshotStartedAt) {
        return DEADLOCKS.executeSupplier(() -> {
            CatalogSql sql = parent.removeMissing();
            try (PreparedStatement statement = connection.prepareStatement(sql.text())) {
                begin();
                for (int i = 1; i <= sql.parameters(); i++) {
                    statement.setObject(i, i == 2 ? Timestamp.from(snapshotStartedAt) : store.value());
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
                throw failure("could not remove records missing from the snapshot", e);
            }
        });
    }

    /** Time spent writing to the database so far (COPY, upserts, commits). */
    Duration databaseTime() {
        return Duration.ofNanos(databaseNanos);
    }

    /** Empties the tracking tables, ends any transaction of its own and hands the connection back as it found it. */
    void release() throws SQLException {
        if (connection.isClosed()) {
            return;
        }
        if (ownTransaction) {
            connection.rollback();
        }
        try (Statement statement = connection.createStatement()) {
            empty(statement, TRACKING_TABLES);
        }
        if (ownTransaction) {
            connection.commit();
            connection.setAutoCommit(true);
        }
    }

    void rollbackQuietly() {
        if (!ownTransaction) {
            return;
        }
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; closing it returns it to the pool as such
        }
    }

    /**
     * Starts a write: the store row locked, and JIT off for this transaction only. The staging tables have no
     * statistics, so PostgreSQL overestimates and JIT-compiles every upsert, which costs far more than running
     * it; {@code set local} ends with the transaction, so no pooled connection keeps the setting.
     */
    private void begin() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("set local jit = off");
        }
        if (!lockStore(connection, store)) {
            rollbackQuietly();
            throw new StoreNotFound();
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
     * Whether this session already has the staging and tracking tables. They are session-local and kept between
     * loads (a pooled connection serves many): a webhook batch or an incremental page is a load of its own, and
     * creating ~17 tables each time, or truncating them, cost PostgreSQL ~10 ms per load. They are created in one
     * transaction, so the last one created stands for all.
     */
    private boolean hasWorkTables() throws SQLException {
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
     * Autovacuum analyzes far too late during a bulk load: on statistics from when a store's tables were nearly
     * empty, the insights triggers' joins scan every order of the store per line item, and a 100,000-order
     * sync spent most of its time there. Analyzing each table whenever this load has doubled what it wrote to
     * it keeps the plans right for a few analyzes per table.
     */
    private void analyzeGrown(StagedBatch batch) throws SQLException {
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

    /** Runs a statement whose every parameter is the tenant id. */
    private int update(CatalogSql sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql.text())) {
            for (int i = 1; i <= sql.parameters(); i++) {
                statement.setObject(i, store.value());
            }
            return statement.executeUpdate();
        }
    }

    private static void copy(PGConnection pg, String copyIn, CopyRows rows) throws SQLException, IOException {
        pg.getCopyAPI().copyIn(copyIn, new CharSequenceReader(rows.text()), 1 << 16);
    }

    private void commit() throws SQLException {
        if (ownTransaction) {
            connection.commit();
        }
    }

    static Resource resourceOf(CatalogTable parent) {
        return switch (parent) {
            case CUSTOMERS -> Resource.CUSTOMERS;
            case PRODUCTS -> Resource.PRODUCTS;
            case ORDERS -> Resource.ORDERS;
            case CHECKOUTS -> Resource.CHECKOUTS;
            default -> throw new IllegalArgumentException(parent + " is not a top-level resource");
        };
    }

    static DataAccessException failure(String message, Exception cause) {
        if (cause instanceof SQLException sql && ("40P01".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState()))) {
            return new CannotAcquireLockException(message, cause);
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
