package io.storefront.ingest;

import io.storefront.catalog.Resource;
import io.storefront.tenants.StoreId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Per store and resource: the newest {@code updated_at} whose records are committed. */
@Repository
class SyncCursors {

    private final JdbcClient jdbc;

    SyncCursors(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Instant> get(StoreId store, Resource resource) {
        return jdbc.sql("select updated_at from sync_cursors where tenant_id = ? and resource = ?")
                .params(store.value(), resource.path()).query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    /** Never moves a cursor backwards. */
    void advance(StoreId store, Resource resource, Instant updatedAt) {
        jdbc.sql("""
                insert into sync_cursors (tenant_id, resource, updated_at) values (?, ?, ?)
                on conflict (tenant_id, resource) do update set updated_at = greatest(sync_cursors.updated_at, excluded.updated_at)""")
                .params(store.value(), resource.path(), Timestamp.from(updatedAt)).update();
    }
}
