-- New customers per shop-local day (customers whose first non-cancelled, non-test order falls on the day), kept
-- on the sales day by statement-level triggers on insights_first_orders: a year's count is 365 rows read with the
-- rest of the sales days instead of counting ~100,000 first orders per request.
alter table insights_sales_days add column new_customers bigint not null default 0;

update insights_sales_days d set new_customers = f.customers
from (select f.tenant_id, (f.first_order_at at time zone t.iana_timezone)::date as day, count(*) as customers
      from insights_first_orders f join tenants t on t.id = f.tenant_id
      group by 1, 2) f
where d.tenant_id = f.tenant_id and d.day = f.day;

-- Only updates: a first order's day always has its sales day (insights_orders_changed writes the sales days before
-- the first orders, and a rebuild clears the first orders before the sales days), and a store being erased must
-- not get rows back.
create function insights_first_orders_changed(gone insights_first_orders[], came insights_first_orders[])
returns void language sql as $$
    update insights_sales_days d set new_customers = d.new_customers + x.customers
    from (select f.tenant_id, (f.first_order_at at time zone t.iana_timezone)::date as day, sum(f.sign) as customers
          from (select -1 as sign, * from unnest(gone) union all select 1, * from unnest(came)) f
          join tenants t on t.id = f.tenant_id
          group by 1, 2
          having sum(f.sign) <> 0) x
    where d.tenant_id = x.tenant_id and d.day = x.day;
$$;

create function insights_first_orders_inserted() returns trigger language plpgsql as $$
begin
    perform insights_first_orders_changed('{}', array(select row(n.*)::insights_first_orders from new_rows n));
    return null;
end
$$;

create function insights_first_orders_updated() returns trigger language plpgsql as $$
begin
    perform insights_first_orders_changed(array(select row(o.*)::insights_first_orders from old_rows o),
                                          array(select row(n.*)::insights_first_orders from new_rows n));
    return null;
end
$$;

create function insights_first_orders_deleted() returns trigger language plpgsql as $$
begin
    perform insights_first_orders_changed(array(select row(o.*)::insights_first_orders from old_rows o), '{}');
    return null;
end
$$;

create trigger insights_first_orders_inserted after insert on insights_first_orders referencing new table as new_rows
    for each statement execute function insights_first_orders_inserted();
create trigger insights_first_orders_updated after update on insights_first_orders
    referencing old table as old_rows new table as new_rows
    for each statement execute function insights_first_orders_updated();
create trigger insights_first_orders_deleted after delete on insights_first_orders referencing old table as old_rows
    for each statement execute function insights_first_orders_deleted();

-- As in V30, but the first orders go before the sales days they count on.
create or replace function insights_rebuild(tenant uuid) returns void language plpgsql as $$
declare
    month timestamptz;
begin
    perform pg_advisory_xact_lock(hashtext('insights_rebuild'), hashtext(tenant::text));
    delete from insights_first_orders where tenant_id = tenant;
    delete from insights_sales_days where tenant_id = tenant;
    delete from insights_product_days where tenant_id = tenant;
    delete from insights_product_months where tenant_id = tenant;
    delete from insights_customer_days where tenant_id = tenant;
    -- a month at a time keeps the arrays handed to the trigger function small
    for month in select distinct date_trunc('month', processed_at) from orders where tenant_id = tenant loop
        perform insights_orders_changed('{}', array(
            select o from orders o
            where o.tenant_id = tenant and o.processed_at >= month and o.processed_at < month + interval '1 month'));
    end loop;
end
$$;
