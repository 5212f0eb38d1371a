package io.storefront.tenants;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Pending installs; {@link #consume} deletes as it reads, so a state can be used once even under a race. */
@Repository
class OAuthStates {

    record Pending(UUID userId, String shopDomain, byte[] browserHash, Instant expiresAt) {}

    private final JdbcClient jdbc;

    OAuthStates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void save(String state, UUID userId, String shopDomain, byte[] browserHash, Instant expiresAt) {
        jdbc.sql("delete from oauth_states where expires_at < now()").update();
        jdbc.sql("insert into oauth_states (state, user_id, shop_domain, browser_hash, expires_at) values (?, ?, ?, ?, ?)")
                .params(state, userId, shopDomain, browserHash, java.sql.Timestamp.from(expiresAt))
                .update();
    }

    Optional<Pending> consume(String state) {
        return jdbc.sql("delete from oauth_states where state = ? returning user_id, shop_domain, browser_hash, expires_at")
                .param(state)
                .query((rs, i) -> new Pending(rs.getObject("user_id", UUID.class), rs.getString("shop_domain"),
                        rs.getBytes("browser_hash"), rs.getTimestamp("expires_at").toInstant()))
                .optional();
    }
}
