-- Refunds from stage_refunds, only those whose order this load applied. Parameter: the tenant id.
insert into refunds as t (tenant_id, shopify_id, order_id, created_at, amount)
select distinct on (s.shopify_id) cast(? as uuid), s.shopify_id, s.order_id, s.created_at, s.amount
  from stage_refunds s
  join applied_orders a on a.shopify_id = s.order_id
 order by s.shopify_id
on conflict (tenant_id, shopify_id) do update
   set order_id = excluded.order_id, created_at = excluded.created_at, amount = excluded.amount
