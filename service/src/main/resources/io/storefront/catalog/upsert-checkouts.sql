-- Checkouts from stage_checkouts: the newest updated_at wins (ties applied, so a re-sync repairs); a checkout
-- Shopify deleted stays deleted. Parameter: the tenant id.
with up as (
    insert into checkouts as t (tenant_id, shopify_id, token, email, customer_id, created_at, updated_at, completed_at, currency, total_price, abandoned_checkout_url, line_items)
    select distinct on (shopify_id) k.tenant_id, shopify_id, token, email, customer_id, created_at, updated_at, completed_at, currency, total_price, abandoned_checkout_url, line_items
      from stage_checkouts s
     cross join (select cast(? as uuid) as tenant_id) k
     where not exists (select 1 from deleted_records d where d.tenant_id = k.tenant_id and d.resource = 'checkouts' and d.shopify_id = s.shopify_id)
     order by shopify_id, updated_at desc
    on conflict (tenant_id, shopify_id) do update
       set token = excluded.token, email = excluded.email, customer_id = excluded.customer_id, created_at = excluded.created_at, updated_at = excluded.updated_at, completed_at = excluded.completed_at, currency = excluded.currency, total_price = excluded.total_price, abandoned_checkout_url = excluded.abandoned_checkout_url, line_items = excluded.line_items
     where excluded.updated_at >= t.updated_at
    returning shopify_id, (xmax = 0) as inserted)
insert into applied_checkouts select shopify_id from up on conflict do nothing
