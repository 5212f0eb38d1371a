package io.storefront.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.storefront.IntegrationTest;
import io.storefront.catalog.CatalogFixtures;
import io.storefront.tenants.StoreId;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class SyncRecoveryTests extends IntegrationTest {

    @Autowired JdbcClient jdbc;
    @Autowired SyncRecovery recovery;

    @Test
    void a_run_lost_too_often_is_marked_failed_with_the_reason_instead_of_staying_running() {
        StoreId store = CatalogFixtures.newStore(jdbc);
        UUID run = UUID.randomUUID();
        jdbc.sql("""
                insert into sync_runs (tenant_id, id, mode, status, trigger, attempts, started_at, heartbeat_at)
                values (?, ?, 'INCREMENTAL', 'RUNNING', 'USER', 3, now() - interval '2 hours', now() - interval '1 hour')""")
                .params(store.value(), run).update();

        recovery.recover();

        var row = jdbc.sql("select status, error from sync_runs where id = ?").param(run)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).single();
        assertThat(row[0]).isEqualTo("FAILED");
        assertThat(row[1]).contains("interrupted 3 times");
    }

    @Test
    void a_run_with_a_fresh_heartbeat_is_left_to_its_instance() {
        StoreId store = CatalogFixtures.newStore(jdbc);
        UUID run = UUID.randomUUID();
        jdbc.sql("""
                insert into sync_runs (tenant_id, id, mode, status, trigger, attempts, started_at, heartbeat_at)
                values (?, ?, 'FULL', 'RUNNING', 'USER', 1, now(), now())""").params(store.value(), run).update();

        recovery.recover();

        assertThat(jdbc.sql("select status from sync_runs where id = ?").param(run).query(String.class).single())
                .isEqualTo("RUNNING");
        jdbc.sql("update sync_runs set status = 'FAILED' where id = ?").param(run).update();
    }
}
