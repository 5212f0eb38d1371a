-- After a complete snapshot: the store's customers that it lacked and that were not updated since it started.
-- Parameters: the tenant id, the snapshot's start.
with gone as (delete from customers t where t.tenant_id = ? and t.updated_at < ? and not exists (select 1 from seen_customers s where s.shopify_id = t.shopify_id) returning shopify_id)
select count(*) from gone
