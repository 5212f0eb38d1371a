-- Variants from stage_product_variants, only those whose product this load applied. Parameter: the tenant id.
insert into product_variants as t (tenant_id, shopify_id, product_id, title, sku, price)
select distinct on (s.shopify_id) cast(? as uuid), s.shopify_id, s.product_id, s.title, s.sku, s.price
  from stage_product_variants s
  join applied_products a on a.shopify_id = s.product_id
 order by s.shopify_id
on conflict (tenant_id, shopify_id) do update
   set product_id = excluded.product_id, title = excluded.title, sku = excluded.sku, price = excluded.price
