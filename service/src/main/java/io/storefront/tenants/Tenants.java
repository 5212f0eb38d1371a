package io.storefront.tenants;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tenants table. Owner-facing reads and writes take the owner id, so a foreign id simply matches nothing. */
@Repository
class Tenants {

    record Credentials(UUID id, String shopDomain, ConnectionType connectionType, StoreStatus status,
            byte @Nullable [] accessTokenEnc, byte @Nullable [] apiSecretEnc, @Nullable String clientId,
            byte @Nullable [] clientSecretEnc, byte @Nullable [] refreshTokenEnc,
            @Nullable Instant accessTokenExpiresAt, @Nullable Instant accessTokenIssuedAt) {}

    record NewTenant(UUID id, UUID ownerId, String name, String shopDomain, ConnectionType connectionType,
            byte @Nullable [] accessTokenEnc, byte @Nullable [] apiSecretEnc, @Nullable String clientId,
            byte @Nullable [] clientSecretEnc, @Nullable Instant issuedAt, @Nullable Instant expiresAt,
            @Nullable String scopes) {}

    private static final String SUMMARY = """
            select t.id, t.name, t.shop_domain, t.shop_name, t.currency, t.iana_timezone, t.connection_type,
                   t.status, t.status_reason, t.created_at,
                   s.id as sync_id, s.mode as sync_mode, s.status as sync_status, s.started_at as sync_started_at,
                   s.finished_at as sync_finished_at, s.error as sync_error
              from tenants t
              left join lateral (select * from ingest_sync_runs r where r.tenant_id = t.id
                                  order by r.created_at desc limit 1) s on true
            """;

    private final JdbcClient jdbc;

    Tenants(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(NewTenant t) {
        jdbc.sql("""
                insert into tenants (id, owner_id, name, shop_domain, connection_type, access_token_enc,
                                     api_secret_enc, client_id, client_secret_enc, access_token_issued_at,
                                     access_token_expires_at, granted_scopes)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(t.id(), t.ownerId(), t.name(), t.shopDomain(), t.connectionType().name(),
                        t.accessTokenEnc(), t.apiSecretEnc(), t.clientId(), t.clientSecretEnc(), ts(t.issuedAt()),
                        ts(t.expiresAt()), t.scopes())
                .update();
    }

    /** The store row of a shop and its owner, locked so a concurrent connect or install waits for this one. */
    record Holder(UUID id, UUID ownerId, StoreStatus status) {}

    Optional<Holder> holderOfShop(String shopDomain) {
        return holder("select id, owner_id, status from tenants where shop_domain = ?", shopDomain);
    }

    Optional<Holder> lockHolderOfShop(String shopDomain) {
        return holder("select id, owner_id, status from tenants where shop_domain = ? for update", shopDomain);
    }

    private Optional<Holder> holder(String sql, String shopDomain) {
        return jdbc.sql(sql).param(shopDomain)
                .query((rs, i) -> new Holder(rs.getObject("id", UUID.class), rs.getObject("owner_id", UUID.class),
                        StoreStatus.valueOf(rs.getString("status"))))
                .optional();
    }

    /** Hands an existing store row, with its data, to a new owner and the credentials they proved. */
    void transfer(NewTenant t) {
        jdbc.sql("""
                update tenants set owner_id = ?, name = ?, connection_type = ?, access_token_enc = ?,
                       api_secret_enc = ?, client_id = ?, client_secret_enc = ?, refresh_token_enc = null,
                       access_token_issued_at = ?, access_token_expires_at = ?, refresh_token_expires_at = null,
                       granted_scopes = ?, status = 'ACTIVE', status_reason = null, updated_at = now()
                 where id = ? and shop_domain = ?""")
                .params(t.ownerId(), t.name(), t.connectionType().name(), t.accessTokenEnc(), t.apiSecretEnc(),
                        t.clientId(), t.clientSecretEnc(), ts(t.issuedAt()), ts(t.expiresAt()), t.scopes(), t.id(),
                        t.shopDomain())
                .update();
    }

    void recordTransfer(String shopDomain, UUID fromOwnerId, String reason) {
        jdbc.sql("insert into store_transfers (id, shop_domain, from_owner_id, reason) values (?, ?, ?, ?)")
                .params(UUID.randomUUID(), shopDomain, fromOwnerId, reason).update();
    }

    List<StoreTransfer> transfersFrom(UUID ownerId) {
        return jdbc.sql("""
                select shop_domain, reason, transferred_at from store_transfers
                 where from_owner_id = ? order by transferred_at desc limit 20""")
                .param(ownerId)
                .query((rs, i) -> new StoreTransfer(rs.getString("shop_domain"), rs.getString("reason"),
                        rs.getTimestamp("transferred_at").toInstant()))
                .list();
    }

    /** The install's outcome: a new store, or the existing one re-linked to the installing user with new tokens. */
    void upsertOAuthStore(UUID tenantId, UUID ownerId, String shopDomain, String clientId, byte[] clientSecretEnc,
            byte[] accessTokenEnc, byte @Nullable [] refreshTokenEnc, Instant issuedAt, @Nullable Instant expiresAt,
            @Nullable Instant refreshExpiresAt, String scopes) {
        jdbc.sql("""
                insert into tenants (id, owner_id, name, shop_domain, connection_type, client_id, client_secret_enc,
                                     access_token_enc, refresh_token_enc, access_token_issued_at,
                                     access_token_expires_at, refresh_token_expires_at, granted_scopes)
                values (?, ?, ?, ?, 'OAUTH', ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (shop_domain) do update set
                       owner_id = excluded.owner_id, connection_type = 'OAUTH', client_id = excluded.client_id,
                       client_secret_enc = excluded.client_secret_enc, access_token_enc = excluded.access_token_enc,
                       refresh_token_enc = excluded.refresh_token_enc, api_secret_enc = null,
                       access_token_issued_at = excluded.access_token_issued_at,
                       access_token_expires_at = excluded.access_token_expires_at,
                       refresh_token_expires_at = excluded.refresh_token_expires_at,
                       granted_scopes = excluded.granted_scopes, status = 'ACTIVE', status_reason = null,
                       updated_at = now()""")
                .params(tenantId, ownerId, shopDomain, shopDomain, clientId, clientSecretEnc, accessTokenEnc,
                        refreshTokenEnc, java.sql.Timestamp.from(issuedAt), ts(expiresAt), ts(refreshExpiresAt), scopes)
                .update();
    }

    boolean isOwnedBy(UUID tenantId, UUID ownerId) {
        return jdbc.sql("select exists (select 1 from tenants where id = ? and owner_id = ?)")
                .params(tenantId, ownerId).query(Boolean.class).single();
    }

    List<StoreSummary> summariesOf(UUID ownerId) {
        return jdbc.sql(SUMMARY + " where t.owner_id = ? order by t.created_at, t.id")
                .param(ownerId).query(Tenants::summary).list();
    }

    Optional<StoreSummary> summary(UUID tenantId, UUID ownerId) {
        return jdbc.sql(SUMMARY + " where t.id = ? and t.owner_id = ?")
                .params(tenantId, ownerId).query(Tenants::summary).optional();
    }

    int rename(UUID tenantId, UUID ownerId, String name) {
        return jdbc.sql("update tenants set name = ?, updated_at = now() where id = ? and owner_id = ?")
                .params(name, tenantId, ownerId).update();
    }

    int replaceAdminToken(UUID tenantId, UUID ownerId, byte[] accessTokenEnc, byte[] apiSecretEnc) {
        return jdbc.sql("""
                update tenants set access_token_enc = ?, api_secret_enc = ?, connection_type = 'ADMIN_TOKEN',
                       status = 'ACTIVE', status_reason = null, updated_at = now()
                 where id = ? and owner_id = ?""")
                .params(accessTokenEnc, apiSecretEnc, tenantId, ownerId).update();
    }

    int replaceClientCredentials(UUID tenantId, UUID ownerId, String clientId, byte[] clientSecretEnc,
            byte[] accessTokenEnc, Instant issuedAt, @Nullable Instant expiresAt, String scopes) {
        return jdbc.sql("""
                update tenants set connection_type = 'CLIENT_CREDENTIALS', client_id = ?, client_secret_enc = ?,
                       access_token_enc = ?, api_secret_enc = null, refresh_token_enc = null,
                       access_token_issued_at = ?, access_token_expires_at = ?, refresh_token_expires_at = null,
                       granted_scopes = ?, status = 'ACTIVE', status_reason = null, updated_at = now()
                 where id = ? and owner_id = ?""")
                .params(clientId, clientSecretEnc, accessTokenEnc, java.sql.Timestamp.from(issuedAt), ts(expiresAt),
                        scopes, tenantId, ownerId)
                .update();
    }

    /** Removes the store and, through the foreign keys' cascade, every row of its data. */
    int delete(UUID tenantId, UUID ownerId) {
        return jdbc.sql("delete from tenants where id = ? and owner_id = ?").params(tenantId, ownerId).update();
    }

    Optional<StoreFacts> facts(UUID tenantId) {
        return jdbc.sql("select id, name, shop_domain, currency, iana_timezone, status from tenants where id = ?")
                .param(tenantId)
                .query((rs, i) -> new StoreFacts(new StoreId(rs.getObject("id", UUID.class)), rs.getString("name"),
                        rs.getString("shop_domain"), rs.getString("currency") == null ? "USD" : rs.getString("currency"),
                        java.time.ZoneId.of(rs.getString("iana_timezone")), StoreStatus.valueOf(rs.getString("status"))))
                .optional();
    }

    Optional<Credentials> credentials(UUID tenantId) {
        return jdbc.sql("""
                select id, shop_domain, connection_type, status, access_token_enc, api_secret_enc, client_id,
                       client_secret_enc, refresh_token_enc, access_token_expires_at, access_token_issued_at
                  from tenants where id = ?""")
                .param(tenantId)
                .query((rs, i) -> new Credentials(rs.getObject("id", UUID.class), rs.getString("shop_domain"),
                        ConnectionType.valueOf(rs.getString("connection_type")),
                        StoreStatus.valueOf(rs.getString("status")), rs.getBytes("access_token_enc"),
                        rs.getBytes("api_secret_enc"), rs.getString("client_id"), rs.getBytes("client_secret_enc"),
                        rs.getBytes("refresh_token_enc"), instant(rs.getTimestamp("access_token_expires_at")),
                        instant(rs.getTimestamp("access_token_issued_at"))))
                .optional();
    }

    /** The same, holding the row lock until the transaction ends: renewals of one store run one at a time. */
    Optional<Credentials> lockCredentials(UUID tenantId) {
        jdbc.sql("select id from tenants where id = ? for update").param(tenantId).query(UUID.class).optional();
        return credentials(tenantId);
    }

    void storeGrant(UUID tenantId, byte[] accessTokenEnc, byte @Nullable [] refreshTokenEnc, Instant issuedAt,
            @Nullable Instant expiresAt, @Nullable Instant refreshExpiresAt, String scopes) {
        jdbc.sql("""
                update tenants set access_token_enc = ?, refresh_token_enc = coalesce(?, refresh_token_enc),
                       access_token_issued_at = ?, access_token_expires_at = ?,
                       refresh_token_expires_at = coalesce(?, refresh_token_expires_at),
                       granted_scopes = ?, status = 'ACTIVE', status_reason = null, updated_at = now()
                 where id = ?""")
                .params(accessTokenEnc, refreshTokenEnc, java.sql.Timestamp.from(issuedAt), ts(expiresAt), ts(refreshExpiresAt),
                        scopes, tenantId)
                .update();
    }

    private static java.sql.@Nullable Timestamp ts(@Nullable Instant instant) {
        return instant == null ? null : java.sql.Timestamp.from(instant);
    }

    void setStatus(UUID tenantId, StoreStatus status, @Nullable String reason) {
        jdbc.sql("update tenants set status = ?, status_reason = ?, updated_at = now() where id = ?")
                .params(status.name(), reason, tenantId).update();
    }

    void disable(UUID tenantId, String reason) {
        jdbc.sql("""
                update tenants set status = 'DISABLED', status_reason = ?, access_token_enc = null,
                       refresh_token_enc = null, access_token_expires_at = null, updated_at = now()
                 where id = ?""")
                .params(reason, tenantId).update();
    }

    void recordShopFacts(UUID tenantId, String shopName, String currency, String zone) {
        jdbc.sql("""
                update tenants set shop_name = ?, currency = ?, iana_timezone = ?, updated_at = now()
                 where id = ?""")
                .params(shopName, currency, zone, tenantId).update();
    }

    List<UUID> active() {
        return jdbc.sql("select id from tenants where status = 'ACTIVE' order by id").query(UUID.class).list();
    }

    private static StoreSummary summary(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        UUID syncId = rs.getObject("sync_id", UUID.class);
        StoreSummary.LastSync lastSync = syncId == null ? null : new StoreSummary.LastSync(syncId,
                rs.getString("sync_mode"), rs.getString("sync_status"), instant(rs.getTimestamp("sync_started_at")),
                instant(rs.getTimestamp("sync_finished_at")), rs.getString("sync_error"));
        return new StoreSummary(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("shop_domain"),
                rs.getString("shop_name"), rs.getString("currency"), rs.getString("iana_timezone"),
                ConnectionType.valueOf(rs.getString("connection_type")), StoreStatus.valueOf(rs.getString("status")),
                rs.getString("status_reason"), rs.getTimestamp("created_at").toInstant(), lastSync);
    }

    private static @Nullable Instant instant(java.sql.@Nullable Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
