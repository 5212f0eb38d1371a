-- Insights: per-store daily rollups kept current by statement-level triggers with transition tables, so
-- every writer (single upserts, webhooks, bulk INSERT ... SELECT after COPY, deletes) keeps them exact
-- without per-row work. Days are the shop's local days (tenants.iana_timezone at write time); a change of
-- the shop's zone rebuilds that store's rollups (trigger on tenants at the end).

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

create function insights_add_product_sales(sales insights_product_sale[]) returns void language sql as $$
    insert into insights_product_days as d (tenant_id, day, product_id, custom_title, item_title, units, revenue)
    select tenant_id, day, product_id, custom_title, item_title, units, revenue from unnest(sales)
    order by 1, 2, 3, 4
    on conflict (tenant_id, day, product_id, custom_title) do update set
        item_title = coalesce(excluded.item_title, d.item_title),
        units = d.units + excluded.units,
        revenue = d.revenue + excluded.revenue;
    insert into insights_product_months as d (tenant_id, month, product_id, custom_title, item_title, units, revenue)
    select tenant_id, date_trunc('month', day)::date, product_id, custom_title, max(item_title), sum(units), sum(revenue)
    from unnest(sales) group by 1, 2, 3, 4
    order by 1, 2, 3, 4
    on conflict (tenant_id, month, product_id, custom_title) do update set
        item_title = coalesce(excluded.item_title, d.item_title),
        units = d.units + excluded.units,
        revenue = d.revenue + excluded.revenue;
$$;

-- Adds per-customer deltas to a day's arrays. It runs inside ON CONFLICT DO UPDATE, on the locked current row,
-- so concurrent writers of the same day cannot lose each other's changes.
create function insights_merge_customer_day(
        ids bigint[], counts int[], milli bigint[], delta_ids bigint[], delta_counts int[], delta_milli bigint[],
        out customer_ids bigint[], out orders int[], out revenue_milli bigint[])
language sql immutable as $$
    select coalesce(array_agg(c order by c), '{}'), coalesce(array_agg(n order by c), '{}'),
           coalesce(array_agg(m order by c), '{}')
    from (select c, sum(n)::int as n, sum(m)::bigint as m
          from (select * from unnest(ids, counts, milli)
                union all
                select * from unnest(delta_ids, delta_counts, delta_milli)) u(c, n, m)
          group by c
          having sum(n) <> 0 or sum(m) <> 0) merged
$$;

-- Abandoned checkouts are counted from the base table: the abandonment window is configuration, so it
-- cannot be rolled up ahead. This index lets a year of checkouts be read from the index alone.
create index insights_checkouts_created_idx on checkouts (tenant_id, created_at) include (completed_at, total_price);

-- Sales-day contributions of order rows (sign -1 for rows gone, +1 for rows come), joined with current refunds.
create function insights_orders_changed(gone orders[], came orders[]) returns void language plpgsql as $$
begin
    with changes as (
        select -1 as sign, o.*, t.iana_timezone as zone
        from unnest(gone) o join tenants t on t.id = o.tenant_id where not o.test
        union all
        select 1, o.*, t.iana_timezone from unnest(came) o join tenants t on t.id = o.tenant_id where not o.test
    ), facets as (
        select tenant_id, (processed_at at time zone zone)::date as day,
               case when cancelled_at is null then sign else 0 end as orders,
               case when cancelled_at is null then sign * total_price else 0 end as revenue,
               0::numeric as refunds,
               sign * (coalesce(subtotal_price, total_price) + coalesce(total_discounts, 0)) as gross_sales,
               sign * coalesce(total_discounts, 0) as discounts,
               0::numeric as cancelled_returns
        from changes
        union all
        select tenant_id, (cancelled_at at time zone zone)::date, 0, 0, 0, 0, 0,
               sign * (total_price - coalesce(total_refunded, 0))
        from changes where cancelled_at is not null
        union all
        select c.tenant_id, (r.created_at at time zone c.zone)::date, 0, 0, c.sign * r.amount, 0, 0, 0
        from changes c join refunds r on r.tenant_id = c.tenant_id and r.order_id = c.shopify_id
    )
    insert into insights_sales_days as d (tenant_id, day, orders, revenue, refunds, gross_sales, discounts, cancelled_returns)
    select tenant_id, day, sum(orders), sum(revenue), sum(refunds), sum(gross_sales), sum(discounts), sum(cancelled_returns)
    from facets group by tenant_id, day
    -- a fixed lock order: concurrent writers wait for each other instead of deadlocking
    order by tenant_id, day
    on conflict (tenant_id, day) do update set
        orders = d.orders + excluded.orders,
        revenue = d.revenue + excluded.revenue,
        refunds = d.refunds + excluded.refunds,
        gross_sales = d.gross_sales + excluded.gross_sales,
        discounts = d.discounts + excluded.discounts,
        cancelled_returns = d.cancelled_returns + excluded.cancelled_returns;

    perform insights_add_product_sales(array(
        with changes as (
            select -1 as sign, o.*, t.iana_timezone as zone
            from unnest(gone) o join tenants t on t.id = o.tenant_id where not o.test and o.cancelled_at is null
            union all
            select 1, o.*, t.iana_timezone
            from unnest(came) o join tenants t on t.id = o.tenant_id where not o.test and o.cancelled_at is null
        )
        select row(c.tenant_id, (c.processed_at at time zone c.zone)::date, coalesce(i.product_id, 0),
                   case when i.product_id is null then coalesce(i.title, '') else '' end,
                   max(i.title), sum(c.sign * i.quantity), sum(c.sign * i.quantity * i.price))::insights_product_sale
        from changes c join order_items i on i.tenant_id = c.tenant_id and i.order_id = c.shopify_id
        group by c.tenant_id, (c.processed_at at time zone c.zone)::date, coalesce(i.product_id, 0),
                 case when i.product_id is null then coalesce(i.title, '') else '' end));

    -- per day, each customer's orders and revenue (in thousandths: exact for every currency Shopify has)
    with changes as (
        select -1 as sign, o.*, t.iana_timezone as zone
        from unnest(gone) o join tenants t on t.id = o.tenant_id
        where not o.test and o.cancelled_at is null and o.customer_id is not null
        union all
        select 1, o.*, t.iana_timezone
        from unnest(came) o join tenants t on t.id = o.tenant_id
        where not o.test and o.cancelled_at is null and o.customer_id is not null
    ), deltas as (
        select tenant_id, (processed_at at time zone zone)::date as day, customer_id,
               sum(sign)::int as orders, sum(sign * round(total_price * 1000))::bigint as milli
        from changes group by 1, 2, 3
        having sum(sign) <> 0 or sum(sign * total_price) <> 0
    )
    insert into insights_customer_days as d (tenant_id, day, customer_ids, orders, revenue_milli)
    select tenant_id, day, array_agg(customer_id order by customer_id), array_agg(orders order by customer_id),
           array_agg(milli order by customer_id)
    from deltas group by tenant_id, day
    order by tenant_id, day
    on conflict (tenant_id, day) do update set (customer_ids, orders, revenue_milli) = (
        select m.customer_ids, m.orders, m.revenue_milli
        from insights_merge_customer_day(d.customer_ids, d.orders, d.revenue_milli,
                                         excluded.customer_ids, excluded.orders, excluded.revenue_milli) m);

    if cardinality(gone) = 0 then
        -- only new orders: a first order can only move earlier
        insert into insights_first_orders as f (tenant_id, customer_id, first_order_at)
        select x.tenant_id, x.customer_id, x.first_order_at from (
            select tenant_id, customer_id, min(processed_at) as first_order_at from unnest(came)
            where customer_id is not null and not test and cancelled_at is null
            group by 1, 2
        ) x
        -- returning customers are the common case; skipping them here saves a row lock each
        where not exists (select from insights_first_orders e
                          where e.tenant_id = x.tenant_id and e.customer_id = x.customer_id
                            and e.first_order_at <= x.first_order_at)
        order by 1, 2
        on conflict (tenant_id, customer_id) do update set first_order_at = excluded.first_order_at
            where excluded.first_order_at < f.first_order_at;
    else
        with affected as (
            select distinct tenant_id, customer_id from (
                select tenant_id, customer_id from unnest(gone) union all select tenant_id, customer_id from unnest(came)
            ) a where customer_id is not null
        ), firsts as (
            select a.tenant_id, a.customer_id,
                   (select min(o.processed_at) from orders o
                    where o.tenant_id = a.tenant_id and o.customer_id = a.customer_id
                      and not o.test and o.cancelled_at is null) as first_order_at
            from affected a
        ), removed as (
            delete from insights_first_orders f using firsts x
            where x.first_order_at is null and f.tenant_id = x.tenant_id and f.customer_id = x.customer_id
        )
        insert into insights_first_orders as f (tenant_id, customer_id, first_order_at)
        select tenant_id, customer_id, first_order_at from firsts where first_order_at is not null
        order by 1, 2
        on conflict (tenant_id, customer_id) do update set first_order_at = excluded.first_order_at
            where excluded.first_order_at is distinct from f.first_order_at;
    end if;
end
$$;

create function insights_items_changed(gone order_items[], came order_items[]) returns void language plpgsql as $$
begin
    perform insights_add_product_sales(array(
        with changes as (
            select -1 as sign, i.* from unnest(gone) i
            union all
            select 1, i.* from unnest(came) i
        )
        select row(c.tenant_id, (o.processed_at at time zone t.iana_timezone)::date, coalesce(c.product_id, 0),
                   case when c.product_id is null then coalesce(c.title, '') else '' end,
                   max(c.title), sum(c.sign * c.quantity), sum(c.sign * c.quantity * c.price))::insights_product_sale
        from changes c
        join orders o on o.tenant_id = c.tenant_id and o.shopify_id = c.order_id
        join tenants t on t.id = c.tenant_id
        where not o.test and o.cancelled_at is null
        group by c.tenant_id, (o.processed_at at time zone t.iana_timezone)::date, coalesce(c.product_id, 0),
                 case when c.product_id is null then coalesce(c.title, '') else '' end));
end
$$;

create function insights_refunds_changed(gone refunds[], came refunds[]) returns void language plpgsql as $$
begin
    with changes as (
        select -1 as sign, r.* from unnest(gone) r
        union all
        select 1, r.* from unnest(came) r
    )
    insert into insights_sales_days as d (tenant_id, day, refunds)
    select c.tenant_id, (c.created_at at time zone t.iana_timezone)::date, sum(c.sign * c.amount)
    from changes c
    join orders o on o.tenant_id = c.tenant_id and o.shopify_id = c.order_id
    join tenants t on t.id = c.tenant_id
    where not o.test
    group by 1, 2
    order by 1, 2
    on conflict (tenant_id, day) do update set refunds = d.refunds + excluded.refunds;
end
$$;

-- Trigger entry points. Transition tables allow one event per trigger, hence three per table. Updates
-- that leave every figure-relevant column alone (a tag edit, a newer updated_at) are dropped first, so a
-- re-sync of unchanged data costs nothing here.
create function insights_orders_inserted() returns trigger language plpgsql as $$
begin
    perform insights_orders_changed('{}', array(select row(n.*)::orders from new_rows n));
    return null;
end
$$;

create function insights_orders_updated() returns trigger language plpgsql as $$
declare
    nestloop text := current_setting('enable_nestloop');
    gone orders[];
    came orders[];
begin
    -- transition tables have no statistics: a nested loop pairing 100k old rows with 100k new ones never ends
    perform set_config('enable_nestloop', 'off', true);
    gone := array(select row(o.*)::orders from old_rows o join new_rows n using (tenant_id, shopify_id)
              where (o.processed_at, o.cancelled_at, o.test, o.total_price, o.subtotal_price, o.total_discounts,
                     o.total_refunded, o.customer_id)
                    is distinct from (n.processed_at, n.cancelled_at, n.test, n.total_price, n.subtotal_price,
                                      n.total_discounts, n.total_refunded, n.customer_id));
    came := array(select row(n.*)::orders from old_rows o join new_rows n using (tenant_id, shopify_id)
              where (o.processed_at, o.cancelled_at, o.test, o.total_price, o.subtotal_price, o.total_discounts,
                     o.total_refunded, o.customer_id)
                    is distinct from (n.processed_at, n.cancelled_at, n.test, n.total_price, n.subtotal_price,
                                      n.total_discounts, n.total_refunded, n.customer_id));
    perform set_config('enable_nestloop', nestloop, true);
    perform insights_orders_changed(gone, came);
    return null;
end
$$;

create function insights_orders_deleted() returns trigger language plpgsql as $$
begin
    perform insights_orders_changed(array(select row(o.*)::orders from old_rows o), '{}');
    return null;
end
$$;

create trigger insights_orders_inserted after insert on orders referencing new table as new_rows
    for each statement execute function insights_orders_inserted();
create trigger insights_orders_updated after update on orders referencing old table as old_rows new table as new_rows
    for each statement execute function insights_orders_updated();
create trigger insights_orders_deleted after delete on orders referencing old table as old_rows
    for each statement execute function insights_orders_deleted();

create function insights_items_inserted() returns trigger language plpgsql as $$
begin
    perform insights_items_changed('{}', array(select row(n.*)::order_items from new_rows n));
    return null;
end
$$;

create function insights_items_updated() returns trigger language plpgsql as $$
declare
    nestloop text := current_setting('enable_nestloop');
    gone order_items[];
    came order_items[];
begin
    -- transition tables have no statistics: a nested loop pairing 100k old rows with 100k new ones never ends
    perform set_config('enable_nestloop', 'off', true);
    gone := array(select row(o.*)::order_items from old_rows o join new_rows n using (tenant_id, shopify_id)
              where (o.order_id, o.product_id, o.title, o.quantity, o.price)
                    is distinct from (n.order_id, n.product_id, n.title, n.quantity, n.price));
    came := array(select row(n.*)::order_items from old_rows o join new_rows n using (tenant_id, shopify_id)
              where (o.order_id, o.product_id, o.title, o.quantity, o.price)
                    is distinct from (n.order_id, n.product_id, n.title, n.quantity, n.price));
    perform set_config('enable_nestloop', nestloop, true);
    perform insights_items_changed(gone, came);
    return null;
end
$$;

create function insights_items_deleted() returns trigger language plpgsql as $$
begin
    perform insights_items_changed(array(select row(o.*)::order_items from old_rows o), '{}');
    return null;
end
$$;

create trigger insights_items_inserted after insert on order_items referencing new table as new_rows
    for each statement execute function insights_items_inserted();
create trigger insights_items_updated after update on order_items referencing old table as old_rows new table as new_rows
    for each statement execute function insights_items_updated();
create trigger insights_items_deleted after delete on order_items referencing old table as old_rows
    for each statement execute function insights_items_deleted();

create function insights_refunds_inserted() returns trigger language plpgsql as $$
begin
    perform insights_refunds_changed('{}', array(select row(n.*)::refunds from new_rows n));
    return null;
end
$$;

create function insights_refunds_updated() returns trigger language plpgsql as $$
declare
    nestloop text := current_setting('enable_nestloop');
    gone refunds[];
    came refunds[];
begin
    -- transition tables have no statistics: a nested loop pairing 100k old rows with 100k new ones never ends
    perform set_config('enable_nestloop', 'off', true);
    gone := array(select row(o.*)::refunds from old_rows o join new_rows n using (tenant_id, shopify_id)
              where (o.order_id, o.created_at, o.amount) is distinct from (n.order_id, n.created_at, n.amount));
    came := array(select row(n.*)::refunds from old_rows o join new_rows n using (tenant_id, shopify_id)
              where (o.order_id, o.created_at, o.amount) is distinct from (n.order_id, n.created_at, n.amount));
    perform set_config('enable_nestloop', nestloop, true);
    perform insights_refunds_changed(gone, came);
    return null;
end
$$;

create function insights_refunds_deleted() returns trigger language plpgsql as $$
begin
    perform insights_refunds_changed(array(select row(o.*)::refunds from old_rows o), '{}');
    return null;
end
$$;

create trigger insights_refunds_inserted after insert on refunds referencing new table as new_rows
    for each statement execute function insights_refunds_inserted();
create trigger insights_refunds_updated after update on refunds referencing old table as old_rows new table as new_rows
    for each statement execute function insights_refunds_updated();
create trigger insights_refunds_deleted after delete on refunds referencing old table as old_rows
    for each statement execute function insights_refunds_deleted();

-- Recomputes one store's rollups from the base tables: after a change of the shop's time zone, and as the
-- repair for the one case triggers cannot see (an order and its items written by two concurrent transactions).
create function insights_rebuild(tenant uuid) returns void language plpgsql as $$
declare
    month timestamptz;
begin
    perform pg_advisory_xact_lock(hashtext('insights_rebuild'), hashtext(tenant::text));
    delete from insights_sales_days where tenant_id = tenant;
    delete from insights_product_days where tenant_id = tenant;
    delete from insights_product_months where tenant_id = tenant;
    delete from insights_customer_days where tenant_id = tenant;
    delete from insights_first_orders where tenant_id = tenant;
    -- a month at a time keeps the arrays handed to the trigger function small
    for month in select distinct date_trunc('month', processed_at) from orders where tenant_id = tenant loop
        perform insights_orders_changed('{}', array(
            select o from orders o
            where o.tenant_id = tenant and o.processed_at >= month and o.processed_at < month + interval '1 month'));
    end loop;
end
$$;

create function insights_zone_changed() returns trigger language plpgsql as $$
begin
    perform insights_rebuild(new.id);
    return null;
end
$$;

create trigger insights_zone_changed after update of iana_timezone on tenants
    for each row when (old.iana_timezone is distinct from new.iana_timezone)
    execute function insights_zone_changed();
