-- Recomputes one store's rollups from the base tables with one grouped statement per rollup table, instead of
-- replaying every month of orders through the trigger function: on a 1,000,000-order store 40 s instead of
-- 54 s (docs/insights.md). The figures are the ones the triggers keep (InsightsTests compares the two).
-- Days are the shop's local days; new_customers is filled by the first-order trigger (V33) when the first
-- orders are inserted after the sales days.
-- Every rollup row of one store: before a rebuild, and when the store is deleted (V36).
create function insights_forget(tenant uuid) returns void language sql as $$
    delete from insights_sales_days where tenant_id = tenant;
    delete from insights_product_days where tenant_id = tenant;
    delete from insights_product_months where tenant_id = tenant;
    delete from insights_product_periods where tenant_id = tenant;
    delete from insights_customer_days where tenant_id = tenant;
    delete from insights_first_orders where tenant_id = tenant;
$$;

create or replace function insights_rebuild(tenant uuid) returns void language plpgsql
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
