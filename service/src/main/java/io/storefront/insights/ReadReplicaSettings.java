package io.storefront.insights;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code storefront.read-datasource.*}: a PostgreSQL streaming replica the insights read from; without a URL
 * they read from the primary.
 *
 * @param url JDBC URL of the replica
 * @param username defaults to the primary's
 * @param password defaults to the primary's
 */
@ConfigurationProperties("storefront.read-datasource")
record ReadReplicaSettings(@Nullable String url, @Nullable String username, @Nullable String password) {

    boolean configured() {
        return url != null && !url.isBlank();
    }
}
