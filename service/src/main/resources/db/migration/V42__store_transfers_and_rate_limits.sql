-- A shop moved from one account to another (OAuth install by the shop's admin, or verified credentials replacing
-- an account whose own credentials Shopify no longer accepts). Kept so the previous owner is told, never silently.
create table store_transfers (
    id             uuid primary key,
    shop_domain    text        not null,
    from_owner_id  uuid        not null references users (id) on delete cascade,
    reason         text        not null,
    transferred_at timestamptz not null default now()
);
create index store_transfers_from_owner_idx on store_transfers (from_owner_id, transferred_at desc);

-- Rate-limit token buckets shared by every instance (Bucket4j's PostgreSQL proxy manager: a row per bucket,
-- locked for update while a request spends from it). The key carries the bucket's figures; expires_at (epoch
-- milliseconds) is when the bucket is full again, after which the row may be removed.
create table rate_limit_buckets (
    id         text primary key,
    state      bytea,
    expires_at bigint
);
create index rate_limit_buckets_expiry_idx on rate_limit_buckets (expires_at);
