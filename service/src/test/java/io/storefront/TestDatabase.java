package io.storefront;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One real PostgreSQL per test JVM: the server named by {@code TEST_DATABASE_URL} (with
 * {@code TEST_DATABASE_USERNAME}/{@code _PASSWORD}) when set, otherwise an embedded one.
 */
public final class TestDatabase {

    public record Connection(String url, String username, String password) {}

    private static Connection connection;

    private TestDatabase() {}

    public static synchronized Connection connection() {
        if (connection == null) {
            String url = System.getenv("TEST_DATABASE_URL");
            connection = url != null && !url.isBlank()
                    ? new Connection(url, env("TEST_DATABASE_USERNAME", "postgres"), env("TEST_DATABASE_PASSWORD", ""))
                    : startEmbedded();
        }
        return connection;
    }

    private static Connection startEmbedded() {
        try {
            // Durability settings off: test data is thrown away, and fsync dominates a 2-core machine's test time.
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "300")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the temp directory goes with it
                }
            }));
            return new Connection(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
