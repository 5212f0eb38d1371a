package io.storefront.insights;

import io.storefront.tenants.StoreId;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Checkouts created in a range, judged against the abandonment window: abandoned when not completed within
 * the window after creation (and the window has passed), completed when completed within it. A checkout
 * still inside its window is neither, yet. Recoverable: abandoned and never completed since.
 */
@Repository
class AbandonedCheckouts {

    record Summary(long abandoned, BigDecimal abandonedValue, long completed, long recoverable,
            BigDecimal recoverableValue) {}

    record AbandonedCheckout(long checkoutId, @Nullable Long customerId, @Nullable String email,
            @Nullable String firstName, @Nullable String lastName, BigDecimal value, String lineItemsJson,
            Instant createdAt, @Nullable Instant completedAt, @Nullable String recoveryUrl) {}

    /** Newest first; the cursor is the last row of the previous page. */
    record Position(Instant createdAt, long checkoutId) {}

    private static final String ABANDONED = """
            ((completed_at is null and created_at <= :cutoff)
              or completed_at > created_at + make_interval(secs => :windowSeconds))""";

    private final JdbcClient jdbc;

    AbandonedCheckouts(InsightsDatabase database) {
        this.jdbc = database.jdbc();
    }

    Summary summary(StoreId store, Instant from, Instant until, Duration window, Instant now) {
        return jdbc.sql("""
                        select count(*) filter (where %1$s) as abandoned,
                               coalesce(sum(total_price) filter (where %1$s), 0) as abandoned_value,
                               count(*) filter (where completed_at <= created_at + make_interval(secs => :windowSeconds))
                                   as completed,
                               count(*) filter (where completed_at is null and created_at <= :cutoff) as recoverable,
                               coalesce(sum(total_price) filter (where completed_at is null and created_at <= :cutoff), 0)
                                   as recoverable_value
                        from catalog_checkouts
                        where tenant_id = :tenant and created_at >= :from and created_at < :until
                        """.formatted(ABANDONED))
                .param("tenant", store.value())
                .param("from", Timestamp.from(from))
                .param("until", Timestamp.from(until))
                .param("cutoff", Timestamp.from(now.minus(window)))
                .param("windowSeconds", (double) window.toSeconds())
                .query(Summary.class)
                .single();
    }

    List<AbandonedCheckout> page(StoreId store, Instant from, Instant until, Duration window, Instant now,
            @Nullable Position after, int limit) {
        return jdbc.sql("""
                        select k.shopify_id as checkout_id, k.customer_id, coalesce(k.email, cu.email) as email,
                               cu.first_name, cu.last_name, coalesce(k.total_price, 0) as value,
                               k.line_items::text as line_items_json, k.created_at, k.completed_at,
                               k.abandoned_checkout_url as recovery_url
                        from catalog_checkouts k
                        left join catalog_customer_names cu on cu.tenant_id = :tenant and cu.shopify_id = k.customer_id
                        where k.tenant_id = :tenant and k.created_at >= :from and k.created_at < :until
                          and %s
                          and (k.created_at, k.shopify_id) < (:afterCreated, :afterId)
                        order by k.created_at desc, k.shopify_id desc
                        limit :limit
                        """.formatted(ABANDONED.replace("completed_at", "k.completed_at").replace("created_at", "k.created_at")))
                .param("tenant", store.value())
                .param("from", Timestamp.from(from))
                .param("until", Timestamp.from(until))
                .param("cutoff", Timestamp.from(now.minus(window)))
                .param("windowSeconds", (double) window.toSeconds())
                .param("afterCreated", Timestamp.from(after == null ? until : after.createdAt()))
                .param("afterId", after == null ? Long.MAX_VALUE : after.checkoutId())
                .param("limit", limit)
                .query((rs, row) -> new AbandonedCheckout(rs.getLong("checkout_id"),
                        rs.getObject("customer_id", Long.class), rs.getString("email"), rs.getString("first_name"),
                        rs.getString("last_name"), rs.getBigDecimal("value"), rs.getString("line_items_json"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("completed_at") == null ? null : rs.getTimestamp("completed_at").toInstant(),
                        rs.getString("recovery_url")))
                .list();
    }
}
