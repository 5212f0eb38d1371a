-- A version per store and product-rollup period (a day of insights_product_days or a month of
-- insights_product_months), from one sequence: every write to a period's rows gives it a new, larger number, so
-- the service can keep a period's rows in memory and fetch them again only when the version moved (ProductDays).
-- Product rows are written only by insights_add_product_sales (which bumps the version in the same statement
-- sequence) and deleted only by a rebuild (which deletes the versions too) or with the store.
create sequence insights_product_period_versions;

create table insights_product_periods (
    tenant_id uuid    not null references tenants (id) on delete cascade,
    monthly   boolean not null,
    period    date    not null,
    version   bigint  not null default nextval('insights_product_period_versions'),
    primary key (tenant_id, monthly, period)
);

insert into insights_product_periods (tenant_id, monthly, period)
select distinct tenant_id, false, day from insights_product_days
union
select distinct tenant_id, true, month from insights_product_months;

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

-- As in V33, and the product periods go with the product rows.
create or replace function insights_rebuild(tenant uuid) returns void language plpgsql as $$
declare
    month timestamptz;
begin
    perform pg_advisory_xact_lock(hashtext('insights_rebuild'), hashtext(tenant::text));
    delete from insights_sales_days where tenant_id = tenant;
    delete from insights_product_days where tenant_id = tenant;
    delete from insights_product_months where tenant_id = tenant;
    delete from insights_product_periods where tenant_id = tenant;
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
