-- A checkout known only by its token (a negative key, see CheckoutRecord.tokenKey) that the catalog already holds
-- under its Shopify id is written to that row: one checkout, one record. Parameter: the tenant id.
update stage_checkouts s set shopify_id = c.shopify_id
  from checkouts c
 where s.shopify_id < 0 and c.tenant_id = ? and c.token = s.token and c.shopify_id > 0
