-- total-refunded-of-staged-orders.sql for one order, after a refunds/create. Parameters: the tenant id, the order
-- id, the tenant id.
update orders o set total_refunded = r.total
  from (select order_id, sum(amount) as total from refunds where tenant_id = ? and order_id = ? group by order_id) r
 where o.tenant_id = ? and o.shopify_id = r.order_id
   and o.total_refunded is distinct from r.total
