-- After a complete snapshot: the store's products that it lacked and that were not updated since it started,
-- with their variants. Parameters: the tenant id, the snapshot's start, the tenant id.
with gone as (delete from products t where t.tenant_id = ? and t.updated_at < ? and not exists (select 1 from seen_products s where s.shopify_id = t.shopify_id) returning shopify_id),
c0 as (delete from product_variants c using gone where c.tenant_id = ? and c.product_id = gone.shopify_id)
select count(*) from gone
