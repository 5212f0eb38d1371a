-- The insights rollups' functions and triggers, as they are now (tables, sequences and types are in the versioned
-- migrations V30-V34). Flyway re-applies this file whenever it changes, so edit the definitions here in place;
-- every statement is `create or replace`. A change of a function's signature or return type needs a `drop` first.
--
-- The rollups are kept current by statement-level triggers with transition tables, so every writer (single
-- upserts, webhooks, bulk INSERT ... SELECT after COPY, deletes) keeps them exact without per-row work. Days are
-- the shop's local days (tenants.iana_timezone at write time); a change of the shop's zone rebuilds that store's
-- rollups (trigger on tenants at the end). docs/insights.md defines each figure.

-- Writers hand over exact numeric sales; the conversion to thousandths happens once, here, and every write
-- to a period's rows gives it a new version (insights_product_periods).
create or replace function insights_add_product_sales(sales insights_product_sale[]) returns void language sql as $$
    insert into insights_product_days as d (tenant_id, day, product_id, custom_title, item_title, units, revenue_milli)
    select tenant_id, day, product_id, custom_title, item_title, units, round(revenue * 1000) from unnest(sales)
    order by 1, 2, 3, 4
    on conflict (tenant_id, day, product_id, custom_title) do update set
        item_title = coalesce(excluded.item_title, d.item_title),
        units = d.units + excluded.units,
        revenue_milli = d.revenue_milli + excluded.revenue_milli;
    insert into insights_product_months as d (tenant_id, month, product_id, custom_title, item_title, units, revenue_milli)
    select tenant_id, date_trunc('month', day)::date, product_id, custom_title, max(item_title), sum(units),
           round(sum(revenue) * 1000)
    from unnest(sales) group by 1, 2, 3, 4
    order by 1, 2, 3, 4
    on conflict (tenant_id, month, product_id, custom_title) do update set
        item_title = coalesce(excluded.item_title, d.item_title),
        units = d.units + excluded.units,
        revenue_milli = d.revenue_milli + excluded.revenue_milli;
    insert into insights_product_periods as p (tenant_id, monthly, period)
    select tenant_id, false, day from unnest(sales)
    union
    select tenant_id, true, date_trunc('month', day)::date from unnest(sales)
    order by 1, 2, 3
    on conflict (tenant_id, monthly, period) do update set version = nextval('insights_product_period_versions');
$$;

-- Adds per-customer deltas to a day's arrays. It runs inside ON CONFLICT DO UPDATE, on the locked current row,
-- so concurrent writers of the same day cannot lose each other's changes.
create or replace function insights_merge_customer_day(
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

-- Sales-day contributions of order rows (sign -1 for rows gone, +1 for rows come), joined with current refunds.
create or replace function insights_orders_changed(gone orders[], came orders[]) returns void language plpgsql as $$
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

create or replace function insights_items_changed(gone order_items[], came order_items[]) returns void language plpgsql as $$
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

create or replace function insights_refunds_changed(gone refunds[], came refunds[]) returns void language plpgsql as $$
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
create or replace function insights_orders_inserted() returns trigger language plpgsql as $$
begin
    perform insights_orders_changed('{}', array(select row(n.*)::orders from new_rows n));
    return null;
end
$$;

create or replace function insights_orders_updated() returns trigger language plpgsql as $$
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

create or replace function insights_orders_deleted() returns trigger language plpgsql as $$
begin
    perform insights_orders_changed(array(select row(o.*)::orders from old_rows o), '{}');
    return null;
end
$$;

create or replace trigger insights_orders_inserted after insert on orders referencing new table as new_rows
    for each statement execute function insights_orders_inserted();
create or replace trigger insights_orders_updated after update on orders referencing old table as old_rows new table as new_rows
    for each statement execute function insights_orders_updated();
create or replace trigger insights_orders_deleted after delete on orders referencing old table as old_rows
    for each statement execute function insights_orders_deleted();

create or replace function insights_items_inserted() returns trigger language plpgsql as $$
begin
    perform insights_items_changed('{}', array(select row(n.*)::order_items from new_rows n));
    return null;
end
$$;

create or replace function insights_items_updated() returns trigger language plpgsql as $$
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

create or replace function insights_items_deleted() returns trigger language plpgsql as $$
begin
    perform insights_items_changed(array(select row(o.*)::order_items from old_rows o), '{}');
    return null;
end
$$;

create or replace trigger insights_items_inserted after insert on order_items referencing new table as new_rows
    for each statement execute function insights_items_inserted();
create or replace trigger insights_items_updated after update on order_items referencing old table as old_rows new table as new_rows
    for each statement execute function insights_items_updated();
create or replace trigger insights_items_deleted after delete on order_items referencing old table as old_rows
    for each statement execute function insights_items_deleted();

create or replace function insights_refunds_inserted() returns trigger language plpgsql as $$
begin
    perform insights_refunds_changed('{}', array(select row(n.*)::refunds from new_rows n));
    return null;
end
$$;

create or replace function insights_refunds_updated() returns trigger language plpgsql as $$
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

create or replace function insights_refunds_deleted() returns trigger language plpgsql as $$
begin
    perform insights_refunds_changed(array(select row(o.*)::refunds from old_rows o), '{}');
    return null;
end
$$;

create or replace trigger insights_refunds_inserted after insert on refunds referencing new table as new_rows
    for each statement execute function insights_refunds_inserted();
create or replace trigger insights_refunds_updated after update on refunds referencing old table as old_rows new table as new_rows
    for each statement execute function insights_refunds_updated();
create or replace trigger insights_refunds_deleted after delete on refunds referencing old table as old_rows
    for each statement execute function insights_refunds_deleted();

-- A new version for every update of a customer day (inserts take one from the column default), so a reader that
-- kept a day's decoded entries can tell from the version alone whether the row changed (CustomerDays).
create or replace function insights_customer_day_touched() returns trigger language plpgsql as $$
begin
    new.version := nextval('insights_customer_day_versions');
    return new;
end $$;

create or replace trigger insights_customer_day_touched before update on insights_customer_days
    for each row execute function insights_customer_day_touched();

-- Only updates: a first order's day always has its sales day (insights_orders_changed writes the sales days before
-- the first orders; a rebuild deletes the sales days first, so deleting the first orders after them changes
-- nothing), and a store being erased must not get rows back.
create or replace function insights_first_orders_changed(gone insights_first_orders[], came insights_first_orders[])
returns void language sql as $$
    update insights_sales_days d set new_customers = d.new_customers + x.customers
    from (select f.tenant_id, (f.first_order_at at time zone t.iana_timezone)::date as day, sum(f.sign) as customers
          from (select -1 as sign, * from unnest(gone) union all select 1, * from unnest(came)) f
          join tenants t on t.id = f.tenant_id
          group by 1, 2
          having sum(f.sign) <> 0) x
    where d.tenant_id = x.tenant_id and d.day = x.day;
$$;

create or replace function insights_first_orders_inserted() returns trigger language plpgsql as $$
begin
    perform insights_first_orders_changed('{}', array(select row(n.*)::insights_first_orders from new_rows n));
    return null;
end
$$;

create or replace function insights_first_orders_updated() returns trigger language plpgsql as $$
begin
    perform insights_first_orders_changed(array(select row(o.*)::insights_first_orders from old_rows o),
                                          array(select row(n.*)::insights_first_orders from new_rows n));
    return null;
end
$$;

create or replace function insights_first_orders_deleted() returns trigger language plpgsql as $$
begin
    perform insights_first_orders_changed(array(select row(o.*)::insights_first_orders from old_rows o), '{}');
    return null;
end
$$;

create or replace trigger insights_first_orders_inserted after insert on insights_first_orders referencing new table as new_rows
    for each statement execute function insights_first_orders_inserted();
create or replace trigger insights_first_orders_updated after update on insights_first_orders
    referencing old table as old_rows new table as new_rows
    for each statement execute function insights_first_orders_updated();
create or replace trigger insights_first_orders_deleted after delete on insights_first_orders referencing old table as old_rows
    for each statement execute function insights_first_orders_deleted();

-- Every rollup row of one store: before a rebuild, and when the store is deleted (R__store_deletion.sql).
create or replace function insights_forget(tenant uuid) returns void language sql as $$
    delete from insights_sales_days where tenant_id = tenant;
    delete from insights_product_days where tenant_id = tenant;
    delete from insights_product_months where tenant_id = tenant;
    delete from insights_product_periods where tenant_id = tenant;
    delete from insights_customer_days where tenant_id = tenant;
    delete from insights_first_orders where tenant_id = tenant;
$$;

-- Recomputes one store's rollups from the base tables with one grouped statement per rollup table, instead of
-- replaying every month of orders through the trigger function: on a 1,000,000-order store 40 s instead of
-- 54 s (docs/insights.md). The figures are the ones the triggers keep (InsightsTests compares the two).
-- new_customers is filled by the first-order trigger when the first orders are inserted after the sales days.
create or replace function insights_recompute(tenant uuid) returns void language plpgsql
set work_mem = '64MB' as $$
declare
    zone text := (select iana_timezone from tenants where id = tenant);
begin
    perform pg_advisory_xact_lock(hashtext('insights_rebuild'), hashtext(tenant::text));
    perform insights_forget(tenant);

    insert into insights_sales_days (tenant_id, day, orders, revenue, refunds, gross_sales, discounts, cancelled_returns)
    select tenant, day, sum(orders), sum(revenue), sum(refunds), sum(gross_sales), sum(discounts), sum(cancelled_returns)
    from (
        select (o.processed_at at time zone zone)::date as day,
               count(*) filter (where o.cancelled_at is null) as orders,
               coalesce(sum(o.total_price) filter (where o.cancelled_at is null), 0) as revenue,
               0::numeric as refunds,
               sum(coalesce(o.subtotal_price, o.total_price) + coalesce(o.total_discounts, 0)) as gross_sales,
               sum(coalesce(o.total_discounts, 0)) as discounts,
               0::numeric as cancelled_returns
        from orders o where o.tenant_id = tenant and not o.test
        group by 1
        union all
        select (o.cancelled_at at time zone zone)::date, 0, 0, 0, 0, 0, sum(o.total_price - coalesce(o.total_refunded, 0))
        from orders o where o.tenant_id = tenant and not o.test and o.cancelled_at is not null
        group by 1
        union all
        select (r.created_at at time zone zone)::date, 0, 0, sum(r.amount), 0, 0, 0
        from refunds r join orders o on o.tenant_id = r.tenant_id and o.shopify_id = r.order_id
        where r.tenant_id = tenant and not o.test
        group by 1
    ) facets
    group by day;

    insert into insights_first_orders (tenant_id, customer_id, first_order_at)
    select tenant, customer_id, min(processed_at) from orders
    where tenant_id = tenant and customer_id is not null and not test and cancelled_at is null
    group by customer_id;

    insert into insights_product_days (tenant_id, day, product_id, custom_title, item_title, units, revenue_milli)
    select tenant, (o.processed_at at time zone zone)::date, coalesce(i.product_id, 0),
           case when i.product_id is null then coalesce(i.title, '') else '' end,
           max(i.title), sum(i.quantity), round(sum(i.quantity * i.price) * 1000)
    from orders o join order_items i on i.tenant_id = o.tenant_id and i.order_id = o.shopify_id
    where o.tenant_id = tenant and not o.test and o.cancelled_at is null
    group by 2, 3, 4;

    insert into insights_product_months (tenant_id, month, product_id, custom_title, item_title, units, revenue_milli)
    select tenant, date_trunc('month', day)::date, product_id, custom_title, max(item_title), sum(units),
           sum(revenue_milli)
    from insights_product_days where tenant_id = tenant
    group by 2, 3, 4;

    insert into insights_product_periods (tenant_id, monthly, period)
    select distinct tenant, false, day from insights_product_days where tenant_id = tenant
    union all
    select distinct tenant, true, month from insights_product_months where tenant_id = tenant;

    insert into insights_customer_days (tenant_id, day, customer_ids, orders, revenue_milli)
    select tenant, day, array_agg(customer_id order by customer_id), array_agg(orders order by customer_id),
           array_agg(milli order by customer_id)
    from (select (processed_at at time zone zone)::date as day, customer_id, count(*)::int as orders,
                 sum(round(total_price * 1000))::bigint as milli
          from orders
          where tenant_id = tenant and not test and cancelled_at is null and customer_id is not null
          group by 1, 2) per_customer
    group by day;
end
$$;

-- A rebuild reads the base tables and replaces every rollup row of the store, so no writer of the store may be
-- half-way through meanwhile: a write committed between its statements could be counted twice, missed, or make
-- one of its inserts fail. Every writer holds the store row `for key share` for its transaction, so the rebuild
-- takes it `for update`: it waits for the writers in flight, and new ones wait until it commits. Run after a
-- change of the shop's zone, and as the repair for the one case triggers cannot see (an order and its items
-- written by two concurrent transactions).
create or replace function insights_rebuild(tenant uuid) returns void language plpgsql as $$
begin
    perform 1 from tenants where id = tenant for update;
    perform insights_recompute(tenant);
end
$$;

create or replace function insights_zone_changed() returns trigger language plpgsql as $$
begin
    perform insights_rebuild(new.id);
    return null;
end
$$;

create or replace trigger insights_zone_changed after update of iana_timezone on tenants
    for each row when (old.iana_timezone is distinct from new.iana_timezone)
    execute function insights_zone_changed();
