package io.storefront.webhooks;

import io.storefront.tenants.StoreId;
import java.sql.Timestamp;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code events} rows webhooks write: cart events ({@code kind} = the checkout topic) and compliance
 * requests. Payloads carry ids and amounts only, never a customer's personal data.
 */
@Repository
class StoreEvents {

    private final JdbcClient jdbc;

    StoreEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(StoreId store, String kind, String subjectType, @Nullable Long subjectId, Instant occurredAt,
            String payloadJson) {
        jdbc.sql("""
                insert into events (tenant_id, kind, subject_type, subject_id, occurred_at, payload)
                values (?, ?, ?, ?, ?, cast(? as jsonb))""")
                .params(store.value(), kind, subjectType, subjectId, Timestamp.from(occurredAt), payloadJson)
                .update();
    }

    /** {@code shop/redact}: the store's history goes with its catalog. */
    void eraseStore(StoreId store) {
        jdbc.sql("delete from events where tenant_id = ?").param(store.value()).update();
    }
}
