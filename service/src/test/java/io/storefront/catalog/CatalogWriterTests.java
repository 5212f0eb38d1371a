package io.storefront.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.storefront.IntegrationTest;
import io.storefront.tenants.StoreId;
import io.storefront.tenants.StoreNotFound;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

class CatalogWriterTests extends IntegrationTest {

    static final Instant T1 = Instant.parse("2025-11-01T10:00:00Z");
    static final Instant T2 = Instant.parse("2025-11-02T10:00:00Z");
    static final long BIG_ID = 9_007_199_254_740_993L; // 2^53 + 1

    @Autowired CatalogWriter writer;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transactions;
    @Autowired javax.sql.DataSource dataSource;

    StoreId store;
    StoreId otherStore;

    @BeforeEach
    void stores() {
        store = CatalogFixtures.newStore(jdbc);
        otherStore = CatalogFixtures.newStore(jdbc);
    }

    @Test
    void keeps_the_newer_order_when_an_older_update_arrives_late() {
        writer.upsertOrders(store, List.of(order(BIG_ID, T2, "20.00", item(1, 2, "10.00"))));

        long applied = writer.upsertOrders(store, List.of(order(BIG_ID, T1, "99.00", item(1, 1, "99.00"), item(2, 1, "1.00"))));

        assertThat(applied).isZero();
        assertThat(jdbc.sql("select total_price from orders where tenant_id = ? and shopify_id = ?")
                .params(store.value(), BIG_ID).query(BigDecimal.class).single()).isEqualByComparingTo("20.00");
        assertThat(jdbc.sql("select quantity from order_items where tenant_id = ? and order_id = ?")
                .params(store.value(), BIG_ID).query(Integer.class).list()).containsExactly(2);
    }

    @Test
    void replaces_line_items_and_refunds_when_a_newer_order_arrives() {
        writer.upsertOrders(store, List.of(order(5, T1, "30.00", item(51, 1, "10.00"), item(52, 2, "10.00"))));

        writer.upsertOrders(store, List.of(new OrderRecord(5, "#5", "a@b.c", 7L, T1, T2, T1, null, false, "PARTIALLY_REFUNDED",
                "EUR", "EUR", new BigDecimal("30.00"), null, null, null, new BigDecimal("10.00"), null,
                List.of(item(51, 1, "10.00")), List.of(new RefundRecord(501, T2, new BigDecimal("10.00"))))));

        assertThat(jdbc.sql("select shopify_id from order_items where tenant_id = ? and order_id = 5")
                .param(store.value()).query(Long.class).list()).containsExactly(51L);
        assertThat(jdbc.sql("select amount from refunds where tenant_id = ? and order_id = 5")
                .param(store.value()).query(BigDecimal.class).single()).isEqualByComparingTo("10.00");
    }

    @Test
    void an_order_deleted_at_shopify_does_not_come_back_with_a_late_update_or_refund() {
        writer.upsertOrders(store, List.of(order(77, T1, "30.00", item(771, 1, "30.00"))));
        writer.delete(store, Resource.ORDERS, 77);

        long applied = writer.upsertOrders(store, List.of(order(77, T2, "30.00", item(771, 1, "30.00"))));
        writer.addRefunds(store, 77, List.of(new RefundRecord(7701, T2, new BigDecimal("5.00"))));

        assertThat(applied).isZero();
        assertThat(jdbc.sql("select count(*) from orders where tenant_id = ? and shopify_id = 77").param(store.value())
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from order_items where tenant_id = ? and order_id = 77").param(store.value())
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from refunds where tenant_id = ? and order_id = 77").param(store.value())
                .query(Long.class).single()).isZero();
        // the same id in another store is another order
        assertThat(writer.upsertOrders(otherStore, List.of(order(77, T2, "30.00", item(771, 1, "30.00"))))).isEqualTo(1);
    }

    @Test
    void keeps_the_same_ids_of_two_stores_apart() {
        writer.upsertOrders(store, List.of(order(1, T1, "1.00", item(11, 1, "1.00"))));
        writer.upsertOrders(otherStore, List.of(order(1, T1, "2.00", item(11, 1, "2.00"))));

        writer.delete(otherStore, Resource.ORDERS, 1);

        assertThat(jdbc.sql("select total_price from orders where tenant_id = ?").param(store.value())
                .query(BigDecimal.class).single()).isEqualByComparingTo("1.00");
        assertThat(jdbc.sql("select count(*) from order_items where tenant_id = ?").param(otherStore.value())
                .query(Long.class).single()).isZero();
    }

    @Test
    void a_load_writing_batches_on_its_writer_thread_keeps_every_parent_and_child() {
        long applied;
        java.sql.Connection connection = connection();
        ExecutorService writers = Executors.newSingleThreadExecutor();
        try (CatalogLoad load = new CatalogLoad(store, connection, writers, () -> close(connection),
                new tools.jackson.databind.json.JsonMapper(), 3, true)) {
            for (long id = 1; id <= 50; id++) {
                load.order(order(id, T1, "10.00"));
                load.lineItem(id, item(1000 + id, 1, "10.00"));
            }
            load.flush();
            applied = load.applied(Resource.ORDERS);
        } finally {
            writers.shutdown();
        }

        assertThat(applied).isEqualTo(50);
        assertThat(jdbc.sql("select count(*) from order_items where tenant_id = ? and order_id = shopify_id - 1000")
                .param(store.value()).query(Long.class).single()).isEqualTo(50);
    }

    /** JIT is off only inside a load's write transactions: the pooled connection never keeps the setting. */
    @Test
    void a_load_turns_jit_off_only_inside_its_own_transactions() throws Exception {
        ExecutorService writers = Executors.newSingleThreadExecutor();
        try (java.sql.Connection connection = connection()) {
            String before = jit(connection);
            assertThat(before).as("PostgreSQL's default").isEqualTo("on");
            try (CatalogLoad load = new CatalogLoad(store, connection, writers, () -> { },
                    new tools.jackson.databind.json.JsonMapper(), 3, false)) {
                load.order(order(40, T1, "10.00"));
                load.flush();
                assertThat(jit(connection)).as("between the load's transactions").isEqualTo(before);
            }
            assertThat(jit(connection)).as("after the load").isEqualTo(before);
        } finally {
            writers.shutdown();
        }
        assertThat(jdbc.sql("select count(*) from orders where tenant_id = ?").param(store.value())
                .query(Long.class).single()).isEqualTo(1);
    }

    private static String jit(java.sql.Connection connection) throws java.sql.SQLException {
        try (var statement = connection.createStatement(); var result = statement.executeQuery("show jit")) {
            result.next();
            return result.getString(1);
        }
    }

    java.sql.Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void close(java.sql.Connection connection) {
        try {
            connection.close();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void loads_children_that_arrive_in_a_later_batch_than_their_parent() {
        try (CatalogLoad load = writer.load(store, true)) {
            load.product(new ProductRecord(1, "Hat", "hat", "Hats", "Acme", "ACTIVE", T1, T1, List.of()));
            load.flush();
            load.variant(1, new VariantRecord(11, "S", "HAT-S", new BigDecimal("19.9")));
            load.order(order(2, T1, "19.90"));
            load.flush();
            load.lineItem(2, item(21, 1, "19.9"));
            load.refund(2, new RefundRecord(22, T1, new BigDecimal("0.0")));
        }

        assertThat(jdbc.sql("select price from product_variants where tenant_id = ? and product_id = 1")
                .param(store.value()).query(BigDecimal.class).single()).isEqualByComparingTo("19.90");
        assertThat(jdbc.sql("select count(*) from order_items where tenant_id = ? and order_id = 2")
                .param(store.value()).query(Long.class).single()).isOne();
        assertThat(jdbc.sql("select count(*) from refunds where tenant_id = ? and order_id = 2")
                .param(store.value()).query(Long.class).single()).isOne();
    }

    @Test
    void removes_what_a_complete_snapshot_no_longer_has() {
        writer.upsertOrders(store, List.of(order(1, T1, "1.00", item(11, 1, "1.00")), order(2, T1, "2.00")));
        writer.upsertOrders(otherStore, List.of(order(1, T1, "1.00")));

        int removed;
        try (CatalogLoad load = writer.load(store, true)) {
            load.order(order(2, T1, "2.00"));
            removed = load.removeMissing(Resource.ORDERS, T2);
        }

        assertThat(removed).isOne();
        assertThat(jdbc.sql("select shopify_id from orders where tenant_id = ?").param(store.value()).query(Long.class).list())
                .containsExactly(2L);
        assertThat(jdbc.sql("select count(*) from order_items where tenant_id = ?").param(store.value()).query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from orders where tenant_id = ?").param(otherStore.value()).query(Long.class).single())
                .isOne();
    }

    @Test
    void joins_the_callers_transaction_so_a_rollback_writes_nothing() {
        transactions.executeWithoutResult(status -> {
            writer.upsertCustomers(store, List.of(customer(1, T1, "x@y.z")));
            status.setRollbackOnly();
        });

        assertThat(jdbc.sql("select count(*) from customers where tenant_id = ?").param(store.value()).query(Long.class).single())
                .isZero();
    }

    @Test
    void keeps_text_with_tabs_backslashes_and_newlines_intact() {
        writer.upsertCustomers(store, List.of(new CustomerRecord(1, "a@b.c", "Tab\there", "Back\\slash\nnew", null, "ENABLED",
                "vip, \\N", 3, new BigDecimal("12.50"), "EUR", T1, T1)));

        var row = jdbc.sql("select first_name, last_name, tags from customers where tenant_id = ?").param(store.value())
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3))).single();
        assertThat(row).containsExactly("Tab\there", "Back\\slash\nnew", "vip, \\N");
    }

    @Test
    void erases_a_customers_personal_data_but_keeps_the_revenue() {
        writer.upsertCustomers(store, List.of(customer(7, T1, "ann@example.com")));
        writer.upsertOrders(store, List.of(order(1, T1, "5.00")));
        writer.upsertCheckouts(store, List.of(new CheckoutRecord(3, "tok", "ann@example.com", 7L, T1, T1, null, "EUR",
                new BigDecimal("4.00"), "https://x", List.of(new CheckoutLineItem("Hat", 1, 11L, new BigDecimal("4.00"))))));

        writer.eraseCustomer(store, 7, List.of(1L));

        assertThat(jdbc.sql("select count(*) from customers where tenant_id = ?").param(store.value()).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select email from orders where tenant_id = ?").param(store.value()).query(String.class).optional()).isEmpty();
        assertThat(jdbc.sql("select total_price from orders where tenant_id = ?").param(store.value()).query(BigDecimal.class).single())
                .isEqualByComparingTo("5.00");
        assertThat(jdbc.sql("select count(*) from checkouts where tenant_id = ? and email is null").param(store.value())
                .query(Long.class).single()).isOne();
    }

    @Test
    void erases_every_record_of_a_store_and_only_of_that_store() {
        writer.upsertOrders(store, List.of(order(1, T1, "5.00", item(2, 1, "5.00"))));
        writer.upsertOrders(otherStore, List.of(order(1, T1, "5.00")));

        writer.eraseStore(store);

        assertThat(jdbc.sql("select count(*) from orders where tenant_id = ?").param(store.value()).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from order_items where tenant_id = ?").param(store.value()).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from orders where tenant_id = ?").param(otherStore.value()).query(Long.class).single()).isOne();
    }

    static CustomerRecord customer(long id, Instant updatedAt, String email) {
        return new CustomerRecord(id, email, "Ann", "Lee", null, "ENABLED", "", 1, new BigDecimal("5.00"), "EUR", T1, updatedAt);
    }

    @Test
    void loads_in_one_transaction_share_the_session_work_tables_but_nothing_in_them() {
        // a webhook batch: several loads on one connection, whose staging and "applied" tables are emptied
        // between them (an older version must not find the newer one's id marked applied and replace its items)
        transactions.executeWithoutResult(status -> {
            writer.upsertOrders(store, List.of(order(20, T2, "20.00", item(201, 2, "10.00"))));
            writer.upsertOrders(store, List.of(order(20, T1, "99.00", item(202, 1, "99.00"))));
            writer.upsertOrders(store, List.of(order(21, T1, "5.00", item(211, 1, "5.00"))));
        });

        assertThat(jdbc.sql("select shopify_id from order_items where tenant_id = ? and order_id in (20, 21) order by 1")
                .param(store.value()).query(Long.class).list()).containsExactly(201L, 211L);
        assertThat(jdbc.sql("select total_price from orders where tenant_id = ? and shopify_id = 20")
                .param(store.value()).query(BigDecimal.class).single()).isEqualByComparingTo("20.00");
    }

    /** A rollup rebuild holds the store row for update; deletes and erasures wait for it like every other writer. */
    @Test
    void deletes_and_erasures_wait_while_the_store_row_is_held_for_a_rebuild() throws Exception {
        writer.upsertOrders(store, List.of(order(30, T1, "30.00", item(301, 1, "30.00"))));
        List<Runnable> writes = List.of(() -> writer.delete(store, Resource.ORDERS, 30),
                () -> writer.eraseCustomer(store, 77, List.of()), () -> writer.eraseStore(store));
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            for (Runnable write : writes) {
                Future<?> waiting = transactions.execute(status -> {
                    jdbc.sql("select 1 from tenants where id = ? for update").param(store.value()).query().singleRow();
                    Future<?> started = thread.submit(write);
                    awaitASessionBlockedBy(backendPid());
                    assertThat(started).isNotDone();
                    return started;
                });
                waiting.get(10, TimeUnit.SECONDS);
            }
        } finally {
            thread.shutdownNow();
        }
        assertThat(jdbc.sql("select count(*) from orders where tenant_id = ?").param(store.value()).query(Long.class)
                .single()).isZero();
    }

    @Test
    void nothing_is_written_for_a_store_that_no_longer_exists() {
        jdbc.sql("delete from tenants where id = ?").param(store.value()).update();

        assertThatThrownBy(() -> writer.upsertOrders(store, List.of(order(9, T1, "10.00", item(91, 1, "10.00")))))
                .isInstanceOf(StoreNotFound.class);
        assertThatThrownBy(() -> writer.addRefunds(store, 9, List.of(new RefundRecord(901, T1, new BigDecimal("1.00")))))
                .isInstanceOf(StoreNotFound.class);
        try (CatalogLoad load = writer.load(store, false)) {
            load.order(order(10, T1, "10.00"));
            assertThatThrownBy(load::flush).isInstanceOf(StoreNotFound.class);
        }
        for (String table : List.of("orders", "order_items", "refunds", "insights_sales_days")) {
            assertThat(jdbc.sql("select count(*) from " + table + " where tenant_id = ?").param(store.value())
                    .query(Long.class).single()).as(table).isZero();
        }
    }

    @Test
    void a_store_deleted_while_its_rows_are_being_written_keeps_none_of_them() throws Exception {
        CountDownLatch written = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> write = threads.submit(() -> transactions.executeWithoutResult(status -> {
                writer.upsertOrders(store, List.of(order(11, T1, "10.00", item(111, 1, "10.00"))));
                int writerPid = backendPid();
                written.countDown();
                // these rows commit only once the deletion waits for them
                awaitASessionBlockedBy(writerPid);
            }));
            written.await();
            Future<Integer> delete = threads.submit(
                    () -> jdbc.sql("delete from tenants where id = ?").param(store.value()).update());
            write.get(30, TimeUnit.SECONDS);
            assertThat(delete.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
        for (String table : List.of("orders", "order_items", "insights_sales_days", "insights_product_days")) {
            assertThat(jdbc.sql("select count(*) from " + table + " where tenant_id = ?").param(store.value())
                    .query(Long.class).single()).as(table).isZero();
        }
    }

    /** The server process of this thread's connection (its transaction's, inside one). */
    private int backendPid() {
        return jdbc.sql("select pg_backend_pid()").query(Integer.class).single();
    }

    /** Waits until some session waits for a lock that the session with this process id holds. */
    private void awaitASessionBlockedBy(int pid) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                        "select exists (select 1 from pg_stat_activity where ? = any(pg_blocking_pids(pid)))")
                .param(pid).query(Boolean.class).single());
    }

    static OrderRecord order(long id, Instant updatedAt, String total, LineItemRecord... items) {
        return new OrderRecord(id, "#" + id, "a@b.c", null, T1, updatedAt, T1, null, false, "PAID", "EUR", "EUR",
                new BigDecimal(total), new BigDecimal(total), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                new BigDecimal(total), List.of(items), List.of());
    }

    static LineItemRecord item(long id, int quantity, String price) {
        return new LineItemRecord(id, 100L, 200L, "Hat", "HAT", quantity, new BigDecimal(price), new BigDecimal(price));
    }
}
