-- Read models a module publishes for others: another module reads these views, never the owner's tables
-- (ModularityTests fails on SQL naming another module's table). Each view is named for its owner (catalog_,
-- ingest_) and is a plain single-table view, which PostgreSQL inlines into the reader's query: the same plan and
-- indexes as reading the table, so the dashboard's hot path costs nothing more. A column change is made here.

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
