package io.storefront.catalog;

import io.storefront.tenants.StoreId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** How many records of each kind the service holds for a store: the totals a sync's own counts add up to. */
@Component
public class StoreRecordCounts {

    private final JdbcClient jdbc;

    StoreRecordCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Keyed like a sync run's counts: orders, customers, products, checkouts. */
    public Map<String, Long> of(StoreId store) {
        return jdbc.sql("""
                select (select count(*) from orders where tenant_id = :store) as orders,
                       (select count(*) from customers where tenant_id = :store) as customers,
                       (select count(*) from products where tenant_id = :store) as products,
                       (select count(*) from checkouts where tenant_id = :store) as checkouts""")
                .param("store", store.value())
                .query((rs, row) -> {
                    Map<String, Long> counts = new LinkedHashMap<>();
                    for (String kind : new String[] {"orders", "customers", "products", "checkouts"}) {
                        counts.put(kind, rs.getLong(kind));
                    }
                    return counts;
                })
                .single();
    }
}
