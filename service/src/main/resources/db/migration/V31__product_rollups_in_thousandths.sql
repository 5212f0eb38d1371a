-- Product rollups keep revenue in thousandths of the shop currency (bigint), as the customer rollup does: exact
-- for every currency Shopify has (at most 3 decimals), and a year of a large store (~34,000 rows per request)
-- adds up in about half the time of numeric (22 ms -> 13 ms on the 1,000,000-order benchmark store).
alter table insights_product_days
    alter column revenue type bigint using round(revenue * 1000),
    alter column revenue set default 0;
alter table insights_product_days rename column revenue to revenue_milli;
alter table insights_product_months
    alter column revenue type bigint using round(revenue * 1000),
    alter column revenue set default 0;
alter table insights_product_months rename column revenue to revenue_milli;

-- Writers still hand over exact numeric sales; the conversion happens once, here.
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
$$;
