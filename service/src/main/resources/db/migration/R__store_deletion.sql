-- Deleting a store deletes its rows in the catalog and rollup tables, which carry tenant_id without a foreign key
-- (a per-row check is a quarter of a first sync's time): the cascade the foreign keys did, in the same statement.
-- Runs after the tenant row is gone, so the rollup triggers fired by these deletes find no tenant and do no work.
create or replace function tenants_delete_rows() returns trigger language plpgsql as $$
declare
    catalog_table text;
begin
    foreach catalog_table in array array['order_items', 'refunds', 'orders', 'product_variants', 'products',
                                         'customers', 'checkouts'] loop
        execute format('delete from %I where tenant_id = $1', catalog_table) using old.id;
    end loop;
    perform insights_forget(old.id);
    return null;
end
$$;

create or replace trigger tenants_delete_rows after delete on tenants
    for each row execute function tenants_delete_rows();
