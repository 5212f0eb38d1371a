-- Insights: per-store daily rollups kept current by statement-level triggers with transition tables, so
-- every writer (single upserts, webhooks, bulk INSERT ... SELECT after COPY, deletes) keeps them exact
-- without per-row work. Days are the shop's local days (tenants.iana_timezone at write time); a change of
-- the shop's zone rebuilds that store's rollups. The functions and triggers are in R__insights_rollups.sql.

-- Sales per shop-local day. orders/revenue: non-cancelled, non-test orders on their processed day.
-- refunds: refunds of non-test orders on their created day. gross_sales/discounts: every non-test order
-- (cancelled too) on its processed day; cancelled_returns: the unrefunded part of a non-test order that was
-- cancelled, on its cancelled day (the basis=shopify figures).
create table insights_sales_days (
    tenant_id         uuid    not null references tenants (id) on delete cascade,
    day               date    not null,
    orders            bigint  not null default 0,
    revenue           numeric not null default 0,
    refunds           numeric not null default 0,
    gross_sales       numeric not null default 0,
    discounts         numeric not null default 0,
    cancelled_returns numeric not null default 0,
    primary key (tenant_id, day)
);

-- Line-item sales (quantity x price) of non-cancelled, non-test orders per shop-local day and product.
-- product_id 0 holds items without a product (custom items), told apart by their title.
create table insights_product_days (
    tenant_id    uuid    not null references tenants (id) on delete cascade,
    day          date    not null,
    product_id   bigint  not null,
    custom_title text    not null default '',
    item_title   text,
    units        bigint  not null default 0,
    revenue      numeric not null default 0,
    primary key (tenant_id, day, product_id, custom_title)
);

-- Each customer's first non-cancelled, non-test order: an instant, so it needs no rebuild when the zone changes.
create table insights_first_orders (
    tenant_id      uuid        not null references tenants (id) on delete cascade,
    customer_id    bigint      not null,
    first_order_at timestamptz not null,
    primary key (tenant_id, customer_id)
);
create index insights_first_orders_at_idx on insights_first_orders (tenant_id, first_order_at);

-- The same line-item sales per shop-local month: a year reads ~12 month rows per product instead of ~365 day rows.
create table insights_product_months (
    tenant_id    uuid    not null references tenants (id) on delete cascade,
    month        date    not null,
    product_id   bigint  not null,
    custom_title text    not null default '',
    item_title   text,
    units        bigint  not null default 0,
    revenue      numeric not null default 0,
    primary key (tenant_id, month, product_id, custom_title)
);

-- Per shop-local day, the customers who ordered (non-cancelled, non-test orders), sorted by id, with their
-- order count and revenue in thousandths of the shop currency. Distinct customers in a range cannot be added
-- up from daily totals; one row a day of parallel arrays lets the service do that count for a year from
-- ~365 rows instead of ~300,000 order rows.
-- The arrays are what writers merge into; readers fetch `packed`, the same entries as 20-byte records
-- (customer id int8, orders int4, revenue int8, big-endian), because sending arrays element by element
-- (array_send) costs the server ~70 ms for a year of a large store, and the bytes cost nothing to send.
create function insights_pack(ids bigint[], counts int[], milli bigint[]) returns bytea
language sql immutable parallel safe as $$
    select coalesce(string_agg(int8send(c) || int4send(n) || int8send(m), ''::bytea order by i), ''::bytea)
    from unnest(ids, counts, milli) with ordinality u(c, n, m, i)
$$;

create table insights_customer_days (
    tenant_id     uuid     not null references tenants (id) on delete cascade,
    day           date     not null,
    customer_ids  bigint[] not null,
    orders        int[]    not null,
    revenue_milli bigint[] not null,
    packed        bytea    not null generated always as (insights_pack(customer_ids, orders, revenue_milli)) stored,
    primary key (tenant_id, day)
);
alter table insights_customer_days alter column packed set storage external;

create type insights_product_sale as (
    tenant_id uuid, day date, product_id bigint, custom_title text, item_title text, units bigint, revenue numeric);

-- Abandoned checkouts are counted from the base table: the abandonment window is configuration, so it
-- cannot be rolled up ahead. This index lets a year of checkouts be read from the index alone.
create index insights_checkouts_created_idx on checkouts (tenant_id, created_at) include (completed_at, total_price);
