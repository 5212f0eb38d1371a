package io.storefront.insights;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where the insights read: the primary, or a streaming replica ({@code STOREFRONT_READ_DATASOURCE_URL}) that takes
 * the dashboards' reads off it. A replica is behind by its replay lag, so its figures carry an "as of" time.
 * The replica's pool is not a {@code DataSource} bean, so Flyway, transactions and every write keep the primary.
 */
@Component
class InsightsDatabase implements DisposableBean {

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final Optional<HikariDataSource> replica;

    InsightsDatabase(ReadReplicaSettings settings, DataSource primary) {
        if (settings.configured()) {
            HikariDataSource pool = new HikariDataSource();
            pool.setPoolName("insights-replica");
            pool.setJdbcUrl(settings.url());
            pool.setUsername(settings.username());
            pool.setPassword(settings.password());
            pool.setReadOnly(true);
            pool.setMaximumPoolSize(16);
            this.replica = Optional.of(pool);
            this.dataSource = pool;
        } else {
            this.replica = Optional.empty();
            this.dataSource = primary;
        }
        this.jdbc = JdbcClient.create(dataSource);
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    /** For the reads that need a client of their own ({@link BinaryResults}). */
    DataSource dataSource() {
        return dataSource;
    }

    /**
     * On a replica, the commit time of the last transaction it replayed: every change committed on the primary
     * up to then is in what it serves. Empty on the primary (its reads are live), and on a replica that has not
     * replayed a transaction since it started.
     */
    Optional<Instant> asOf() {
        if (replica.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("select case when pg_is_in_recovery() then pg_last_xact_replay_timestamp() end")
                .query((rs, row) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
                .single();
    }

    @Override
    public void destroy() {
        replica.ifPresent(HikariDataSource::close);
    }
}
