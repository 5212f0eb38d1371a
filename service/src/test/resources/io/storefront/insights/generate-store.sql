-- A deterministic store of any size, for the insights benchmark: orders spread evenly over `days` days up to
-- today's midnight UTC, 1 to 3 line items each, 10 % guest orders, 2 % cancelled, 1 % test, 5 % refunded,
-- and 0.3 checkouts per order of which a third are abandoned. Written in batches, as a sync would.
create or replace function pg_temp.insights_generate_store(
    tenant uuid, owner uuid, shop text, zone text, order_count int, customer_count int, product_count int, days int)
returns void language plpgsql as $$
declare
    anchor timestamptz := date_trunc('day', now() at time zone 'UTC') at time zone 'UTC';
    step interval := (days * interval '1 day') / order_count;
    batch int := 100000;
    first int;
begin
    insert into users (id, email, password_hash) values (owner, shop || '@bench.test', 'none') on conflict do nothing;
    insert into tenants (id, owner_id, name, shop_domain, currency, iana_timezone, connection_type)
    values (tenant, owner, shop, shop || '.myshopify.com', 'USD', zone, 'ADMIN_TOKEN');
    insert into products (tenant_id, shopify_id, title, handle, product_type, vendor, status, created_at, updated_at)
    select tenant, p, 'Product ' || p, 'product-' || p, 'Type ' || (p % 20), 'Vendor', 'ACTIVE', anchor, anchor
    from generate_series(1, product_count) p;
    insert into customers (tenant_id, shopify_id, email, first_name, last_name, created_at, updated_at)
    select tenant, c, 'c' || c || '@example.com', 'First' || c, 'Last' || c, anchor, anchor
    from generate_series(1, customer_count) c;
    first := 1;
    while first <= order_count loop
        insert into orders (tenant_id, shopify_id, name, customer_id, created_at, updated_at, processed_at,
                            cancelled_at, test, financial_status, currency, total_price, subtotal_price,
                            total_discounts, total_tax, total_refunded)
        select tenant, o, '#' || o,
               case when o % 10 = 0 then null else 1 + (o::bigint * 7919) % customer_count end,
               at, at, at,
               case when o % 50 = 7 then at + interval '2 hours' end,
               o % 100 = 3, 'paid', 'USD',
               10 + (o % 9000) / 100.0, 9 + (o % 9000) / 100.0, (o % 5)::numeric, 1,
               case when o % 20 = 11 then 5 else 0 end
        from (select o, anchor - (order_count - o) * step as at
              from generate_series(first, least(first + batch - 1, order_count)) o) g;
        insert into order_items (tenant_id, shopify_id, order_id, product_id, variant_id, title, quantity, price)
        select tenant, o::bigint * 4 + n, o, 1 + (o::bigint * 31 + n * 17) % product_count, null, 'Product item',
               1 + (o + n) % 3, 5 + ((o::bigint * 13 + n) % 2000) / 100.0
        from generate_series(first, least(first + batch - 1, order_count)) o, generate_series(1, 1 + o % 3) n;
        insert into refunds (tenant_id, shopify_id, order_id, created_at, amount)
        select tenant, o, o, anchor - (order_count - o) * step + interval '3 days', 5
        from generate_series(first, least(first + batch - 1, order_count)) o where o % 20 = 11;
        insert into checkouts (tenant_id, shopify_id, token, email, customer_id, created_at, updated_at,
                               completed_at, currency, total_price, abandoned_checkout_url, line_items)
        select tenant, o, md5(o::text), 'c' || o || '@example.com', 1 + (o::bigint * 7919) % customer_count, at, at,
               case when o % 30 < 20 then at + interval '10 minutes' end, 'USD', 20 + (o % 500) / 10.0,
               'https://' || shop || '.myshopify.com/recover/' || o,
               jsonb_build_array(jsonb_build_object('title', 'Product 1', 'quantity', 1, 'price', '20.00'))
        from (select o, anchor - (order_count - o) * step as at
              from generate_series(first, least(first + batch - 1, order_count)) o where o % 10 < 3) g;
        first := first + batch;
    end loop;
end
$$;
