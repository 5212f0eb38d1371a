package io.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The schema Flyway leaves on a real PostgreSQL can be distributed by store id (Citus, docs/scaling.md) without
 * redesign: every table is either a store's table keyed, unique and indexed with {@code tenant_id} first, or one
 * of the few global tables named here with the reason it is global; and no foreign key crosses from one store's
 * rows to another's. A new table or index fails here until it follows the rule or is named with its reason.
 */
class ShardingReadySchemaTests extends IntegrationTest {

    /** Tables without a store: replicated to every node as Citus reference tables, or kept on the coordinator. */
    private static final Map<String, String> GLOBAL_TABLES = Map.ofEntries(
            Map.entry("users", "accounts sign in before any store is chosen and may own several stores"),
            Map.entry("tenants", "the stores themselves: looked up by shop domain on webhook intake and OAuth, unique across "
                    + "all stores; every store table's tenant_id points here (a reference table)"),
            Map.entry("oauth_states", "an install in progress belongs to a user; the store does not exist yet"),
            Map.entry("shedlock", "one lock row per scheduled job, across all instances and stores"),
            Map.entry("flyway_schema_history", "the schema's own version"),
            Map.entry("store_transfers", "a record for the account a shop moved away from, read by that account"),
            Map.entry("rate_limit_buckets", "per address and per user, across stores and instances"),
            Map.entry("demo_shops", "the demo's simulated shops, before any store of theirs exists"));

    /**
     * Indexes of store tables that do not lead with tenant_id, each with its reason: background jobs that look
     * across all stores for work due. Under Citus each shard keeps its own copy, which is what those jobs need.
     */
    private static final Map<String, String> CROSS_STORE_INDEXES = Map.of(
            "webhook_deliveries_pending_idx", "inbox workers claim the oldest due delivery of any store",
            "webhook_deliveries_retained_body_idx", "retention empties applied bodies past their age, any store");

    @Autowired JdbcClient jdbc;

    @Test
    void every_table_is_a_store_table_or_a_named_global_one() {
        List<String> unclassified = tables().stream()
                .filter(table -> !GLOBAL_TABLES.containsKey(table) && !hasTenantColumn(table))
                .toList();

        assertThat(unclassified).as("tables with no tenant_id that are not named global").isEmpty();
        assertThat(tables()).containsAll(GLOBAL_TABLES.keySet());
    }

    @Test
    void every_store_table_has_a_non_null_tenant_id_leading_its_primary_key() {
        for (String table : storeTables()) {
            assertThat(jdbc.sql("select is_nullable from information_schema.columns where table_schema = 'public' "
                    + "and table_name = ? and column_name = 'tenant_id'").param(table).query(String.class).single())
                    .as("%s.tenant_id nullable", table).isEqualTo("NO");
            assertThat(primaryKey(table)).as("primary key of %s", table).first().isEqualTo("tenant_id");
        }
    }

    @Test
    void every_unique_index_of_a_store_table_leads_with_the_store_id() {
        List<String> offending = indexes().stream()
                .filter(index -> index.unique() && storeTables().contains(index.table()))
                .filter(index -> !index.firstColumn().equals("tenant_id"))
                .map(Index::name)
                .toList();

        assertThat(offending).as("unique indexes a shard could not enforce").isEmpty();
    }

    @Test
    void every_index_of_a_store_table_leads_with_the_store_id_but_the_named_cross_store_job_indexes() {
        List<String> crossStore = indexes().stream()
                .filter(index -> storeTables().contains(index.table()))
                .filter(index -> !"tenant_id".equals(index.firstColumn()))
                .map(Index::name)
                .toList();

        assertThat(crossStore).containsExactlyInAnyOrderElementsOf(CROSS_STORE_INDEXES.keySet());
    }

    @Test
    void no_foreign_key_crosses_stores() {
        record ForeignKey(String name, String table, String referenced, List<String> columns, List<String> referencedColumns) {}
        List<ForeignKey> keys = jdbc.sql("""
                select c.conname, c.conrelid::regclass::text, c.confrelid::regclass::text,
                       array(select a.attname::text from unnest(c.conkey) with ordinality k(n, o)
                             join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.o),
                       array(select a.attname::text from unnest(c.confkey) with ordinality k(n, o)
                             join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.o)
                  from pg_constraint c join pg_namespace s on s.oid = c.connamespace
                 where c.contype = 'f' and s.nspname = 'public'""")
                .query((rs, n) -> new ForeignKey(rs.getString(1), rs.getString(2), rs.getString(3),
                        List.of((String[]) rs.getArray(4).getArray()), List.of((String[]) rs.getArray(5).getArray())))
                .list();
        assertThat(keys).isNotEmpty();

        for (ForeignKey key : keys) {
            boolean fromStoreTable = storeTables().contains(key.table());
            boolean toStoreTable = storeTables().contains(key.referenced());
            if (fromStoreTable && key.referenced().equals("tenants")) {
                assertThat(key.columns()).as(key.name()).containsExactly("tenant_id");
            } else if (fromStoreTable && toStoreTable) {
                // co-located: the reference names the store on both sides, so it never leaves the shard
                assertThat(key.columns()).as(key.name()).first().isEqualTo("tenant_id");
                assertThat(key.referencedColumns()).as(key.name()).first().isEqualTo("tenant_id");
            } else {
                assertThat(fromStoreTable).as("%s: a store table pointing at a global one other than tenants", key.name())
                        .isFalse();
                assertThat(toStoreTable).as("%s: a global table pointing into a store's rows", key.name()).isFalse();
            }
        }
    }

    private record Index(String name, String table, boolean unique, String firstColumn) {}

    private List<String> tables() {
        return jdbc.sql("select table_name from information_schema.tables where table_schema = 'public' "
                + "and table_type = 'BASE TABLE' order by 1").query(String.class).list();
    }

    private Set<String> storeTables() {
        return Set.copyOf(tables().stream().filter(table -> !GLOBAL_TABLES.containsKey(table)).toList());
    }

    private boolean hasTenantColumn(String table) {
        return jdbc.sql("select exists (select 1 from information_schema.columns where table_schema = 'public' "
                + "and table_name = ? and column_name = 'tenant_id')").param(table).query(Boolean.class).single();
    }

    private List<String> primaryKey(String table) {
        return jdbc.sql("""
                select a.attname from pg_index i
                  join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
                 where i.indrelid = ?::regclass and i.indisprimary
                 order by array_position(i.indkey::int2[], a.attnum)""").param(table).query(String.class).list();
    }

    private List<Index> indexes() {
        return jdbc.sql("""
                select ic.relname, t.relname, i.indisunique, a.attname
                  from pg_index i
                  join pg_class ic on ic.oid = i.indexrelid
                  join pg_class t on t.oid = i.indrelid
                  join pg_namespace s on s.oid = t.relnamespace
                  left join pg_attribute a on a.attrelid = t.oid and a.attnum = i.indkey[0]
                 where s.nspname = 'public'""")
                .query((rs, n) -> new Index(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                        rs.getString(4) == null ? "(expression)" : rs.getString(4)))
                .list();
    }
}
