-- Products from stage_products: the newest updated_at wins (ties applied, so a re-sync repairs); a product
-- Shopify deleted stays deleted. An applied product that existed loses its variants, which the load's variants
-- replace. Parameters: the tenant id, twice.
with up as (
    insert into products as t (tenant_id, shopify_id, title, handle, product_type, vendor, status, created_at, updated_at)
    select distinct on (shopify_id) k.tenant_id, shopify_id, title, handle, product_type, vendor, status, created_at, updated_at
      from stage_products s
     cross join (select cast(? as uuid) as tenant_id) k
     where not exists (select 1 from deleted_records d where d.tenant_id = k.tenant_id and d.resource = 'products' and d.shopify_id = s.shopify_id)
     order by shopify_id, updated_at desc
    on conflict (tenant_id, shopify_id) do update
       set title = excluded.title, handle = excluded.handle, product_type = excluded.product_type, vendor = excluded.vendor, status = excluded.status, created_at = excluded.created_at, updated_at = excluded.updated_at
     where excluded.updated_at >= t.updated_at
    -- xmax is 0 on a freshly inserted row: it has no old children to remove
    returning shopify_id, (xmax = 0) as inserted),
gone0 as (delete from product_variants c using up where c.tenant_id = ? and c.product_id = up.shopify_id and not up.inserted)
insert into applied_products select shopify_id from up on conflict do nothing
