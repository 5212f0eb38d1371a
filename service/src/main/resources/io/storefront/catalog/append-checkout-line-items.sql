-- Line items that arrived after their checkout (bulk results give them lines of their own), appended in
-- arrival order to checkouts this load applied. Parameter: the tenant id.
update checkouts c set line_items = c.line_items || s.items
from (select checkout_id, jsonb_agg(item order by position) items from stage_checkout_items
      group by checkout_id) s
where c.tenant_id = ? and c.shopify_id = s.checkout_id
  and exists (select 1 from applied_checkouts a where a.shopify_id = s.checkout_id)
