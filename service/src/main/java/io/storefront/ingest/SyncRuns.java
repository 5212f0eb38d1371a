package io.storefront.ingest;

import io.storefront.tenants.StoreId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
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

/**
 * The {@code sync_runs} table. A run is leased to the instance that runs it: the row names this instance as its
 * owner until {@code lease_until}, and every write of a running sync names the owner, so an instance whose run
 * was taken over (its lease ran out) writes nothing more and stops ({@link SyncLeaseLost}).
 */
@Repository
class SyncRuns {

    record Stored(StoreId store, UUID id, SyncMode mode, SyncStatus status, String trigger, Map<String, Long> counts,
            Map<String, Long> totals, @Nullable String error, Instant createdAt, @Nullable Instant startedAt,
            @Nullable Instant finishedAt, int attempts) {}

    private static final TypeReference<LinkedHashMap<String, Long>> COUNTS = new TypeReference<>() {};
    /** The run's lease ran out; a row from before leases counts from its last heartbeat. */
    private static final String EXPIRED =
            "coalesce(lease_until, coalesce(heartbeat_at, created_at) + make_interval(secs => ?)) < now()";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    /** This instance, as written in the rows it holds: unique per process, also across restarts on one host. */
    private final String instance = ProcessHandle.current().pid() + "@" + UUID.randomUUID();
    private final double leaseSeconds;

    SyncRuns(JdbcClient jdbc, JsonMapper json, SyncSettings settings) {
        this.jdbc = jdbc;
        this.json = json;
        this.leaseSeconds = settings.staleAfter().toMillis() / 1000.0;
    }

    String instance() {
        return instance;
    }

    /** @throws SyncAlreadyRunning when the store has a queued or running sync (unique partial index) */
    UUID create(StoreId store, SyncMode mode, String trigger) {
        UUID id = UUID.randomUUID();
        try {
            jdbc.sql("""
                    insert into sync_runs (tenant_id, id, mode, status, trigger, owner, lease_until)
                    values (?, ?, ?, 'QUEUED', ?, ?, now() + make_interval(secs => ?))""")
                    .params(store.value(), id, mode.name(), trigger, instance, leaseSeconds).update();
        } catch (DuplicateKeyException e) {
            throw new SyncAlreadyRunning();
        }
        return id;
    }

    /** @throws SyncLeaseLost when another instance holds the run */
    void markRunning(StoreId store, UUID id) {
        held(jdbc.sql("""
                update sync_runs set status = 'RUNNING', started_at = coalesce(started_at, now()), heartbeat_at = now(),
                    lease_until = now() + make_interval(secs => ?), attempts = attempts + 1
                where tenant_id = ? and id = ? and owner = ?""").params(leaseSeconds, store.value(), id, instance).update(), id);
    }

    /** @throws SyncLeaseLost when another instance holds the run (rolls back the page written with it) */
    void progress(StoreId store, UUID id, Map<String, Long> counts, Map<String, Long> totals) {
        held(jdbc.sql("""
                update sync_runs set counts = ?::jsonb, totals = ?::jsonb, heartbeat_at = now(),
                    lease_until = now() + make_interval(secs => ?)
                where tenant_id = ? and id = ? and owner = ?""")
                .params(json.writeValueAsString(counts), json.writeValueAsString(totals), leaseSeconds, store.value(), id,
                        instance).update(), id);
    }

    /** Extends this instance's lease on a queued or running run; false when the run is no longer its own. */
    boolean heartbeat(StoreId store, UUID id) {
        return jdbc.sql("""
                update sync_runs set heartbeat_at = now(), lease_until = now() + make_interval(secs => ?)
                where tenant_id = ? and id = ? and owner = ? and status in ('QUEUED', 'RUNNING')""")
                .params(leaseSeconds, store.value(), id, instance).update() == 1;
    }

    /** @throws SyncLeaseLost when another instance holds the run */
    void succeed(StoreId store, UUID id) {
        held(jdbc.sql("""
                update sync_runs set status = 'SUCCEEDED', finished_at = now(), error = null
                where tenant_id = ? and id = ? and owner = ?""").params(store.value(), id, instance).update(), id);
    }

    /** @throws SyncLeaseLost when another instance holds the run */
    void fail(StoreId store, UUID id, String error) {
        held(jdbc.sql("""
                update sync_runs set status = 'FAILED', finished_at = now(), error = ?
                where tenant_id = ? and id = ? and owner = ?""").params(error, store.value(), id, instance).update(), id);
    }

    private static void held(int updated, UUID id) {
        if (updated != 1) {
            throw new SyncLeaseLost("Sync " + id + " is held by another instance now");
        }
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
     * Queued or running runs whose lease ran out (their instance stopped): across all stores, because recovery
     * is a background job with no tenant of its own.
     */
    List<Stored> stale() {
        return jdbc.sql("select * from sync_runs where status in ('QUEUED', 'RUNNING') and " + EXPIRED)
                .param(leaseSeconds).query(this::map).list();
    }

    /** Takes over a run whose lease ran out; false when another instance got it first. */
    boolean claim(StoreId store, UUID id) {
        return jdbc.sql("""
                update sync_runs set owner = ?, heartbeat_at = now(), lease_until = now() + make_interval(secs => ?)
                where tenant_id = ? and id = ? and status in ('QUEUED', 'RUNNING')""" + " and " + EXPIRED)
                .params(instance, leaseSeconds, store.value(), id, leaseSeconds).update() == 1;
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
