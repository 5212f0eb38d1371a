package io.storefront.webhooks;

import io.storefront.tenants.StoreId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The inbox table {@code webhook_deliveries}: intake writes it, workers drain it. */
@Repository
class Deliveries {

    private static final String COLUMNS =
            "tenant_id, id, webhook_id, topic, shop_domain, api_version, triggered_at, event_id, body, attempts, next_attempt_at";

    private final JdbcTemplate jdbc;

    Deliveries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A verified delivery as intake stores it. */
    record NewDelivery(UUID tenantId, String webhookId, String topic, String shopDomain, @Nullable String apiVersion,
            @Nullable Instant triggeredAt, @Nullable String eventId, byte[] body) {}

    /**
     * The whole of intake's database work: one statement per delivery, sent together (one round trip) in the
     * caller's transaction. The unique key (tenant, webhook id) is what makes two copies of a delivery end as one
     * row, whether they arrive together or apart; the loser's insert does nothing.
     *
     * @return per delivery, false for one the inbox already had
     */
    boolean[] insert(List<NewDelivery> group) {
        int[][] counts = jdbc.batchUpdate("""
                insert into webhook_deliveries (tenant_id, webhook_id, topic, shop_domain, api_version, triggered_at,
                                                event_id, body)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (tenant_id, webhook_id) do nothing""", group, group.size(), (ps, d) -> {
            ps.setObject(1, d.tenantId());
            ps.setString(2, d.webhookId());
            ps.setString(3, d.topic());
            ps.setString(4, d.shopDomain());
            ps.setString(5, d.apiVersion());
            if (d.triggeredAt() == null) {
                ps.setNull(6, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                ps.setTimestamp(6, Timestamp.from(d.triggeredAt()));
            }
            ps.setString(7, d.eventId());
            ps.setBytes(8, d.body());
        });
        boolean[] inserted = new boolean[group.size()];
        for (int i = 0; i < inserted.length; i++) {
            inserted[i] = counts[0][i] == 1;
        }
        return inserted;
    }

    /**
     * The current transaction commits without waiting for its WAL to reach the disk (the next durable commit, or
     * the WAL writer within a fraction of a second, takes it there). Only for applying deliveries: a crash can lose
     * such a commit, and losing it leaves its deliveries PENDING in the durable inbox, applied again after restart.
     */
    void commitWithoutWaitingForDisk() {
        jdbc.execute("set local synchronous_commit = off");
    }

    /** Locks a batch that is due; other workers and instances skip these rows until the transaction ends. */
    List<WebhookDelivery> claimDue(int limit) {
        return jdbc.query("select " + COLUMNS + """
                 from webhook_deliveries
                where status = 'PENDING' and next_attempt_at <= now()
                order by next_attempt_at, id
                limit ?
                for update skip locked""", Deliveries::delivery, limit);
    }

    /** Locks one delivery claimed before, if it is still PENDING and no one else holds it. */
    Optional<WebhookDelivery> claimAgain(WebhookDelivery claimed) {
        return jdbc.query("select " + COLUMNS + """
                 from webhook_deliveries
                where tenant_id = ? and id = ? and status = 'PENDING'
                for update skip locked""", Deliveries::delivery, claimed.store().value(), claimed.id())
                .stream().findFirst();
    }

    void finish(List<WebhookDelivery> deliveries, DeliveryStatus status, @Nullable String note) {
        jdbc.batchUpdate("""
                update webhook_deliveries
                   set status = ?, attempts = attempts + 1, applied_at = now(), last_error = ?
                 where tenant_id = ? and id = ?""",
                deliveries.stream().map(d -> new Object[] {status.name(), note, d.store().value(), d.id()}).toList());
    }

    void retryLater(WebhookDelivery delivery, String error, Duration delay) {
        jdbc.update("""
                update webhook_deliveries
                   set attempts = attempts + 1, last_error = ?, next_attempt_at = now() + make_interval(secs => ?)
                 where tenant_id = ? and id = ?""",
                error, delay.toMillis() / 1000.0, delivery.store().value(), delivery.id());
    }

    void fail(WebhookDelivery delivery, String error) {
        jdbc.update("""
                update webhook_deliveries set status = 'FAILED', attempts = attempts + 1, last_error = ?
                 where tenant_id = ? and id = ?""", error, delivery.store().value(), delivery.id());
    }

    /**
     * {@code shop/redact}: the raw bodies of a store hold its customers' data too. Every delivery received before
     * the redact loses its body, pending ones included: those of the redact's own batch are already read, one a
     * retry still waits for must not bring erased data back (it is ignored instead), and one another worker holds
     * is waited for. The redact's own batch sets its deliveries' outcomes after this.
     */
    int eraseBodies(StoreId store, long redact) {
        return jdbc.update("""
                update webhook_deliveries
                   set body = ''::bytea,
                       status = case when status = 'PENDING' then 'IGNORED' else status end,
                       last_error = case when status = 'PENDING' then 'store redacted' else last_error end
                 where tenant_id = ? and id <> ? and octet_length(body) > 0 and (status <> 'PENDING' or id < ?)""",
                store.value(), redact, redact);
    }

    /** @return how many bodies were emptied, at most {@code limit} */
    int emptyBodiesAppliedBefore(Duration age, int limit) {
        return jdbc.update("""
                with due as (
                    select tenant_id, id from webhook_deliveries
                     where status in ('APPLIED', 'IGNORED') and octet_length(body) > 0
                       and applied_at < now() - make_interval(secs => ?)
                     limit ?)
                update webhook_deliveries d set body = ''::bytea
                  from due where d.tenant_id = due.tenant_id and d.id = due.id""",
                age.toMillis() / 1000.0, limit);
    }

    List<DeliverySummary> list(StoreId store, DeliveryStatus status, int limit) {
        return jdbc.query("""
                select id, webhook_id, topic, status, attempts, last_error, received_at, triggered_at, applied_at
                  from webhook_deliveries where tenant_id = ? and status = ? order by id desc limit ?""",
                (rs, i) -> new DeliverySummary(rs.getLong("id"), rs.getString("webhook_id"), rs.getString("topic"),
                        DeliveryStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), rs.getString("last_error"),
                        instant(rs, "received_at"), instant(rs, "triggered_at"), instant(rs, "applied_at")),
                store.value(), status.name(), limit);
    }

    long pendingCount() {
        Long count = jdbc.queryForObject("select count(*) from webhook_deliveries where status = 'PENDING'", Long.class);
        return count == null ? 0 : count;
    }

    private static WebhookDelivery delivery(ResultSet rs, int row) throws SQLException {
        return new WebhookDelivery(new StoreId(rs.getObject("tenant_id", UUID.class)), rs.getLong("id"),
                rs.getString("webhook_id"), rs.getString("topic"), rs.getString("shop_domain"),
                rs.getString("api_version"), instant(rs, "triggered_at"), rs.getString("event_id"), rs.getBytes("body"),
                rs.getInt("attempts"), rs.getTimestamp("next_attempt_at").toInstant());
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
