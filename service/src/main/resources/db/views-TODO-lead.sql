-- NOT a migration (Flyway reads db/migration only). Read models the owning modules publish, for the lead to add
-- in a repeatable migration (e.g. R__published_read_models.sql). Then the readers switch to them and
-- ModularityTests.PUBLISHED_READS loses the matching entries:
--   insights AbandonedCheckouts: checkouts -> catalog_checkouts, customers -> catalog_customer_names
--   insights CustomerSales:      customers -> catalog_customer_names
--   insights ProductSales:       products  -> catalog_product_listings
--   insights LastSyncs, tenants Tenants.SUMMARY: sync_runs -> ingest_sync_runs
-- Each is a plain single-table view, which PostgreSQL inlines into the query: same plan, same indexes, so the
-- dashboard's hot path costs nothing more. Add each view's name to ModularityTests.OWNERS under its owner.
-- If checkouts become keyed by token, keep the view's columns in step with the table.

-- catalog publishes, for insights: who a customer is.
create or replace view catalog_customer_names as
select tenant_id, shopify_id, email, first_name, last_name
  from customers;

-- catalog publishes, for insights: what a product is called.
create or replace view catalog_product_listings as
select tenant_id, shopify_id, title, product_type
  from products;

-- catalog publishes, for insights: checkouts as the abandoned-cart figures read them.
create or replace view catalog_checkouts as
select tenant_id, shopify_id, customer_id, email, total_price, line_items, created_at, completed_at,
       abandoned_checkout_url
  from checkouts;

-- ingest publishes, for insights (last successful sync) and tenants (the store summary's latest run).
create or replace view ingest_sync_runs as
select tenant_id, id, mode, status, error, created_at, started_at, finished_at
  from sync_runs;
