-- The catalog and rollup tables take millions of rows per store, and PostgreSQL checks a foreign key row by row
-- (an index probe and a row lock on the tenant for every inserted row): a quarter of a first sync's time
-- (docs/insights.md). They keep tenant_id, with no foreign key:
-- - writers take the same lock once per transaction instead (CatalogLoad, CatalogWriter: `for key share` on the
--   tenant row, failing when the store is gone), so no row can be written for a store being deleted;
-- - deleting a tenant deletes its rows here, in the same statement (the cascade the foreign keys did).
-- Tables written a row at a time (inbox, events, sync runs, deleted records, ...) keep their foreign keys.
alter table customers drop constraint customers_tenant_id_fkey;
alter table products drop constraint products_tenant_id_fkey;
alter table product_variants drop constraint product_variants_tenant_id_fkey;
alter table orders drop constraint orders_tenant_id_fkey;
alter table order_items drop constraint order_items_tenant_id_fkey;
alter table refunds drop constraint refunds_tenant_id_fkey;
alter table checkouts drop constraint checkouts_tenant_id_fkey;
alter table insights_sales_days drop constraint insights_sales_days_tenant_id_fkey;
alter table insights_product_days drop constraint insights_product_days_tenant_id_fkey;
alter table insights_product_months drop constraint insights_product_months_tenant_id_fkey;
alter table insights_product_periods drop constraint insights_product_periods_tenant_id_fkey;
alter table insights_customer_days drop constraint insights_customer_days_tenant_id_fkey;
alter table insights_first_orders drop constraint insights_first_orders_tenant_id_fkey;

-- Deleting a tenant deletes its rows in these tables: R__store_deletion.sql.
