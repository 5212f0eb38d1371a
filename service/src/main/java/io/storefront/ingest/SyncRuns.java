package io.storefront.ingest;

import io.storefront.tenants.StoreId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code sync_runs} table. */
@Repository
class SyncRuns {

    record Stored(StoreId store, UUID id, SyncMode mode, SyncStatus status, String trigger, Map<String, Long> counts,
            Map<String, Long> totals, @Nullable String error, Instant createdAt, @Nullable Instant startedAt,
            @Nullable Instant finishedAt, int attempts) {}

    private static final TypeReference<LinkedHashMap<String, Long>> COUNTS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    SyncRuns(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** @throws SyncAlreadyRunning when the store has a queued or running sync (unique partial index) */
    UUID create(StoreId store, SyncMode mode, String trigger) {
        UUID id = UUID.randomUUID();
        try {
            jdbc.sql("insert into sync_runs (tenant_id, id, mode, status, trigger) values (?, ?, ?, 'QUEUED', ?)")
                    .params(store.value(), id, mode.name(), trigger).update();
        } catch (DuplicateKeyException e) {
            throw new SyncAlreadyRunning();
        }
        return id;
    }

    void markRunning(StoreId store, UUID id) {
        jdbc.sql("""
                update sync_runs set status = 'RUNNING', started_at = coalesce(started_at, now()), heartbeat_at = now(),
                    attempts = attempts + 1
                where tenant_id = ? and id = ?""").params(store.value(), id).update();
    }

    void progress(StoreId store, UUID id, Map<String, Long> counts, Map<String, Long> totals) {
        jdbc.sql("update sync_runs set counts = ?::jsonb, totals = ?::jsonb, heartbeat_at = now() where tenant_id = ? and id = ?")
                .params(json.writeValueAsString(counts), json.writeValueAsString(totals), store.value(), id).update();
    }

    void heartbeat(StoreId store, UUID id) {
        jdbc.sql("update sync_runs set heartbeat_at = now() where tenant_id = ? and id = ? and status = 'RUNNING'")
                .params(store.value(), id).update();
    }

    void succeed(StoreId store, UUID id) {
        jdbc.sql("update sync_runs set status = 'SUCCEEDED', finished_at = now(), error = null where tenant_id = ? and id = ?")
                .params(store.value(), id).update();
    }

    void fail(StoreId store, UUID id, String error) {
        jdbc.sql("update sync_runs set status = 'FAILED', finished_at = now(), error = ? where tenant_id = ? and id = ?")
                .params(error, store.value(), id).update();
    }

    Optional<Stored> find(StoreId store, UUID id) {
        return jdbc.sql("select * from sync_runs where tenant_id = ? and id = ?").params(store.value(), id)
                .query(this::map).optional();
    }

    List<Stored> recent(StoreId store, int limit) {
        return jdbc.sql("select * from sync_runs where tenant_id = ? order by created_at desc limit ?")
                .params(store.value(), limit).query(this::map).list();
    }

    boolean hasSucceeded(StoreId store, SyncMode mode) {
        return jdbc.sql("select exists (select 1 from sync_runs where tenant_id = ? and mode = ? and status = 'SUCCEEDED')")
                .params(store.value(), mode.name()).query(Boolean.class).single();
    }

    /**
     * Queued or running runs whose instance stopped beating: across all stores, because recovery is a
     * background job with no tenant of its own.
     */
    List<Stored> stale(Duration staleAfter) {
        return jdbc.sql("""
                select * from sync_runs where status in ('QUEUED', 'RUNNING')
                  and coalesce(heartbeat_at, created_at) < now() - make_interval(secs => ?)""")
                .param((double) staleAfter.toSeconds()).query(this::map).list();
    }

    /** Takes over a stale run; false when another instance got it first. */
    boolean claim(StoreId store, UUID id, Duration staleAfter) {
        return jdbc.sql("""
                update sync_runs set heartbeat_at = now()
                where tenant_id = ? and id = ? and status in ('QUEUED', 'RUNNING')
                  and coalesce(heartbeat_at, created_at) < now() - make_interval(secs => ?)""")
                .params(store.value(), id, (double) staleAfter.toSeconds()).update() == 1;
    }

    private Stored map(ResultSet rs, int row) throws SQLException {
        return new Stored(new StoreId(rs.getObject("tenant_id", UUID.class)), rs.getObject("id", UUID.class),
                SyncMode.valueOf(rs.getString("mode")), SyncStatus.valueOf(rs.getString("status")), rs.getString("trigger"),
                json.readValue(rs.getString("counts"), COUNTS), json.readValue(rs.getString("totals"), COUNTS),
                rs.getString("error"), instant(rs.getTimestamp("created_at")), instantOrNull(rs.getTimestamp("started_at")),
                instantOrNull(rs.getTimestamp("finished_at")), rs.getInt("attempts"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp.toInstant();
    }

    private static @Nullable Instant instantOrNull(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
