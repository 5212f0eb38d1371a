-- A checkout may arrive keyed by its token alone (webhook payloads without an id); the catalog finds the row of
-- the same checkout by token, to keep one record per checkout (see docs/webhooks.md).
create index checkouts_token_idx on checkouts (tenant_id, token);

-- Checkout line items are returned as stored: ids and money as JSON strings, money with at least two decimals,
-- like every other figure of the API. Rows written before held them as JSON numbers.
update checkouts c
   set line_items = (
       select coalesce(jsonb_agg(
                  case when jsonb_typeof(i) <> 'object' then i
                       else i || jsonb_build_object(
                           'variantId', case when jsonb_typeof(i -> 'variantId') = 'number'
                                             then to_jsonb(i ->> 'variantId') else i -> 'variantId' end,
                           'price', case when jsonb_typeof(i -> 'price') = 'number'
                                         then to_jsonb((case when scale((i ->> 'price')::numeric) < 2
                                                             then round((i ->> 'price')::numeric, 2)
                                                             else (i ->> 'price')::numeric end)::text)
                                         else i -> 'price' end)
                  end order by n), '[]'::jsonb)
         from jsonb_array_elements(c.line_items) with ordinality as e(i, n))
 where exists (select 1 from jsonb_array_elements(c.line_items) i
                where jsonb_typeof(i) = 'object'
                  and (jsonb_typeof(i -> 'variantId') = 'number' or jsonb_typeof(i -> 'price') = 'number'));
