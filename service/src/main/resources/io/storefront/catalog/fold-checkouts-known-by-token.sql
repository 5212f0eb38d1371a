-- The other way round: a checkout arriving with its id and token replaces the row keyed by that token.
-- Parameter: the tenant id.
delete from checkouts c using stage_checkouts s
 where c.tenant_id = ? and c.shopify_id < 0 and c.token = s.token and s.shopify_id > 0
