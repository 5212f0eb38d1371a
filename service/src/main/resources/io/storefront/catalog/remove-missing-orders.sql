-- After a complete snapshot: the store's orders that it lacked and that were not updated since it started, with
-- their line items and refunds. Parameters: the tenant id, the snapshot's start, the tenant id twice.
with gone as (delete from orders t where t.tenant_id = ? and t.updated_at < ? and not exists (select 1 from seen_orders s where s.shopify_id = t.shopify_id) returning shopify_id),
c0 as (delete from order_items c using gone where c.tenant_id = ? and c.order_id = gone.shopify_id),
c1 as (delete from refunds c using gone where c.tenant_id = ? and c.order_id = gone.shopify_id)
select count(*) from gone
