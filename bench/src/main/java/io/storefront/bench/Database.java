package io.storefront.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The PostgreSQL both the service and the ceiling run against: {@code BENCH_DATABASE_URL} (a libpq-style
 * {@code host port database user} quadruple is derived from it for pgbench), or an embedded PostgreSQL 17 with
 * durable, default settings (fsync on) so the figures mean what they would in production. {@code BENCH_DATA_DIR}
 * keeps the embedded database's files between runs (so {@code bench/run dashboard} can re-measure a store synced
 * by an earlier {@code bench/run sync}).
 */
final class Database implements AutoCloseable {

    final String host;
    final int port;
    final String name;
    final String user;
    private final EmbeddedPostgres embedded;

    private Database(String host, int port, String name, String user, EmbeddedPostgres embedded) {
        this.host = host;
        this.port = port;
        this.name = name;
        this.user = user;
        this.embedded = embedded;
    }

    static Database start() throws IOException {
        String url = System.getenv("BENCH_DATABASE_URL");
        if (url != null && !url.isBlank()) {
            // jdbc:postgresql://host:port/db
            java.net.URI uri = java.net.URI.create(url.substring("jdbc:".length()));
            String user = System.getenv().getOrDefault("BENCH_DATABASE_USER", "postgres");
            return new Database(uri.getHost(), uri.getPort(), uri.getPath().substring(1), user, null);
        }
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        String dataDir = System.getenv("BENCH_DATA_DIR");
        if (dataDir != null && !dataDir.isBlank()) {
            builder.setDataDirectory(java.nio.file.Path.of(dataDir)).setCleanDataDirectory(false);
        }
        EmbeddedPostgres pg = builder
                .setServerConfig("max_connections", "300")
                // zonky's defaults are -F and synchronous_commit=off; measure what production runs
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("shared_buffers", "512MB")
                .setServerConfig("max_wal_size", "4GB")
                .start();
        return new Database("127.0.0.1", pg.getPort(), "postgres", "postgres", pg);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, "");
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
