-- An order's total_refunded is the sum of the refunds the catalog holds for it, whichever way each arrived (in an
-- order payload, by refunds/create, by sync), each counted once by its id. Only rows that differ are written, so a
-- load of unchanged orders updates nothing. The orders: those staged, and those of the staged refunds (the same
-- statement with one order id is CatalogWriter's after a refunds/create). Parameters: the tenant id, twice.
update orders o set total_refunded = r.total
  from (select order_id, sum(amount) as total from refunds
         where tenant_id = ? and order_id in (select shopify_id from stage_orders union select order_id from stage_refunds)
         group by order_id) r
 where o.tenant_id = ? and o.shopify_id = r.order_id
   and o.total_refunded is distinct from r.total
