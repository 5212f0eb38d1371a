-- Orders from stage_orders: the newest updated_at wins (ties applied, so a re-sync repairs); an order Shopify
-- deleted stays deleted. An applied order that existed loses its line items, which the load's replace; its refunds
-- stay (Shopify never changes or removes one, and one that arrived by refunds/create must survive an order payload
-- written before it). Parameters: the tenant id, twice.
with up as (
    insert into orders as t (tenant_id, shopify_id, name, email, customer_id, created_at, updated_at, processed_at, cancelled_at, test, financial_status, currency, presentment_currency, total_price, subtotal_price, total_discounts, total_tax, total_refunded, presentment_total_price)
    select distinct on (shopify_id) k.tenant_id, shopify_id, name, email, customer_id, created_at, updated_at, processed_at, cancelled_at, test, financial_status, currency, presentment_currency, total_price, subtotal_price, total_discounts, total_tax, total_refunded, presentment_total_price
      from stage_orders s
     cross join (select cast(? as uuid) as tenant_id) k
     where not exists (select 1 from deleted_records d where d.tenant_id = k.tenant_id and d.resource = 'orders' and d.shopify_id = s.shopify_id)
     order by shopify_id, updated_at desc
    on conflict (tenant_id, shopify_id) do update
       set name = excluded.name, email = excluded.email, customer_id = excluded.customer_id, created_at = excluded.created_at, updated_at = excluded.updated_at, processed_at = excluded.processed_at, cancelled_at = excluded.cancelled_at, test = excluded.test, financial_status = excluded.financial_status, currency = excluded.currency, presentment_currency = excluded.presentment_currency, total_price = excluded.total_price, subtotal_price = excluded.subtotal_price, total_discounts = excluded.total_discounts, total_tax = excluded.total_tax, total_refunded = excluded.total_refunded, presentment_total_price = excluded.presentment_total_price
     where excluded.updated_at >= t.updated_at
    -- xmax is 0 on a freshly inserted row: it has no old children to remove
    returning shopify_id, (xmax = 0) as inserted),
gone0 as (delete from order_items c using up where c.tenant_id = ? and c.order_id = up.shopify_id and not up.inserted)
insert into applied_orders select shopify_id from up on conflict do nothing
