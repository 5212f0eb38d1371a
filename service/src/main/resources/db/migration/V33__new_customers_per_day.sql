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
-- the first orders; a rebuild deletes the sales days first, so deleting the first orders after them changes
-- nothing), and a store being erased must not get rows back.
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
