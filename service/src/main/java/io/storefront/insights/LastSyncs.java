package io.storefront.insights;

import io.storefront.tenants.StoreId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** When the store's data was last brought up to date: the latest successful sync run. */
@Repository
class LastSyncs {

    private final JdbcClient jdbc;

    LastSyncs(InsightsDatabase database) {
        this.jdbc = database.jdbc();
    }

    Optional<Instant> finishedAt(StoreId store) {
        return jdbc.sql("select max(finished_at) from ingest_sync_runs where tenant_id = :tenant and status = 'SUCCEEDED'")
                .param("tenant", store.value())
                .query((rs, row) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
                .single();
    }
}
