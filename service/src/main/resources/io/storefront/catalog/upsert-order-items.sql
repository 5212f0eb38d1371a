-- Line items from stage_order_items, only those whose order this load applied. Parameter: the tenant id.
insert into order_items as t (tenant_id, shopify_id, order_id, product_id, variant_id, title, sku, quantity, price, discounted_price)
select distinct on (s.shopify_id) cast(? as uuid), s.shopify_id, s.order_id, s.product_id, s.variant_id, s.title, s.sku, s.quantity, s.price, s.discounted_price
  from stage_order_items s
  join applied_orders a on a.shopify_id = s.order_id
 order by s.shopify_id
on conflict (tenant_id, shopify_id) do update
   set order_id = excluded.order_id, product_id = excluded.product_id, variant_id = excluded.variant_id, title = excluded.title, sku = excluded.sku, quantity = excluded.quantity, price = excluded.price, discounted_price = excluded.discounted_price
