-- Customers from stage_customers: the newest updated_at wins (ties applied, so a re-sync repairs); a customer
-- Shopify deleted stays deleted. Parameter: the tenant id.
with up as (
    insert into customers as t (tenant_id, shopify_id, email, first_name, last_name, phone, state, tags, number_of_orders, amount_spent, currency, created_at, updated_at)
    select distinct on (shopify_id) k.tenant_id, shopify_id, email, first_name, last_name, phone, state, tags, number_of_orders, amount_spent, currency, created_at, updated_at
      from stage_customers s
     cross join (select cast(? as uuid) as tenant_id) k
     where not exists (select 1 from deleted_records d where d.tenant_id = k.tenant_id and d.resource = 'customers' and d.shopify_id = s.shopify_id)
     order by shopify_id, updated_at desc
    on conflict (tenant_id, shopify_id) do update
       set email = excluded.email, first_name = excluded.first_name, last_name = excluded.last_name, phone = excluded.phone, state = excluded.state, tags = excluded.tags, number_of_orders = excluded.number_of_orders, amount_spent = excluded.amount_spent, currency = excluded.currency, created_at = excluded.created_at, updated_at = excluded.updated_at
     where excluded.updated_at >= t.updated_at
    -- xmax is 0 on a freshly inserted row: it has no old children to remove
    returning shopify_id, (xmax = 0) as inserted)
insert into applied_customers select shopify_id from up on conflict do nothing
