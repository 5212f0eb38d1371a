package io.storefront.catalog;

import io.storefront.tenants.StoreId;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Tenants straight in the database, for catalog tests that need no credentials. */
public final class CatalogFixtures {

    private CatalogFixtures() {}

    public static StoreId newStore(JdbcClient jdbc) {
        UUID owner = UUID.randomUUID();
        jdbc.sql("insert into users (id, email, password_hash) values (?, ?, 'x')").params(owner, owner + "@test").update();
        return newStore(jdbc, owner);
    }

    /** A store owned by an existing user, without credentials (so no sync starts). */
    public static StoreId newStore(JdbcClient jdbc, UUID owner) {
        UUID tenant = UUID.randomUUID();
        jdbc.sql("insert into tenants (id, owner_id, name, shop_domain, connection_type) values (?, ?, 'Test', ?, 'ADMIN_TOKEN')")
                .params(tenant, owner, tenant + ".myshopify.com").update();
        return new StoreId(tenant);
    }
}
