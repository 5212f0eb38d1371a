-- The whole data model of SPEC.md §3. Every tenant-owned table leads its keys with tenant_id so the
-- schema can be distributed by tenant (Citus-style co-location) without redesign. Money is numeric,
-- timestamps are timestamptz, Shopify ids are bigint (they exceed 2^53).

create table users (
    id            uuid primary key,
    email         text        not null,
    password_hash text        not null,
    created_at    timestamptz not null default now()
);
create unique index users_email_key on users (lower(email));

create table tenants (
    id                      uuid primary key,
    owner_id                uuid        not null references users (id),
    name                    text        not null,
    shop_domain             text        not null unique,
    shop_name               text,
    currency                text,
    iana_timezone           text        not null default 'UTC',
    -- how the store was connected: ADMIN_TOKEN (legacy custom app), CLIENT_CREDENTIALS, OAUTH
    connection_type         text        not null,
    -- credentials, AES-GCM encrypted (nonce || ciphertext || tag); never returned or logged
    access_token_enc        bytea,
    api_secret_enc          bytea,
    client_id               text,
    client_secret_enc       bytea,
    refresh_token_enc       bytea,
    access_token_expires_at timestamptz,
    refresh_token_expires_at timestamptz,
    granted_scopes          text,
    -- ACTIVE, NEEDS_RECONNECT (credentials rejected), DISABLED (app uninstalled)
    status                  text        not null default 'ACTIVE',
    status_reason           text,
    created_at              timestamptz not null default now(),
    updated_at              timestamptz not null default now()
);
create index tenants_owner_idx on tenants (owner_id);

create table customers (
    tenant_id        uuid        not null references tenants (id) on delete cascade,
    shopify_id       bigint      not null,
    email            text,
    first_name       text,
    last_name        text,
    phone            text,
    state            text,
    tags             text,
    number_of_orders integer,
    amount_spent     numeric,
    currency         text,
    created_at       timestamptz,
    updated_at       timestamptz not null,
    primary key (tenant_id, shopify_id)
);
create index customers_updated_idx on customers (tenant_id, updated_at);

create table products (
    tenant_id    uuid        not null references tenants (id) on delete cascade,
    shopify_id   bigint      not null,
    title        text        not null,
    handle       text,
    product_type text,
    vendor       text,
    status       text,
    created_at   timestamptz,
    updated_at   timestamptz not null,
    primary key (tenant_id, shopify_id)
);
create index products_updated_idx on products (tenant_id, updated_at);

create table product_variants (
    tenant_id  uuid   not null references tenants (id) on delete cascade,
    shopify_id bigint not null,
    product_id bigint not null,
    title      text,
    sku        text,
    price      numeric,
    primary key (tenant_id, shopify_id)
);
create index product_variants_product_idx on product_variants (tenant_id, product_id);

create table orders (
    tenant_id              uuid        not null references tenants (id) on delete cascade,
    shopify_id             bigint      not null,
    name                   text,
    email                  text,
    customer_id            bigint,
    created_at             timestamptz not null,
    updated_at             timestamptz not null,
    processed_at           timestamptz not null,
    cancelled_at           timestamptz,
    test                   boolean     not null default false,
    financial_status       text,
    currency               text        not null,
    presentment_currency   text,
    -- amounts in the shop's currency (shopMoney); presentment kept for display only
    total_price            numeric     not null,
    subtotal_price         numeric,
    total_discounts        numeric,
    total_tax              numeric,
    total_refunded         numeric,
    presentment_total_price numeric,
    primary key (tenant_id, shopify_id)
);
create index orders_processed_idx on orders (tenant_id, processed_at) include (total_price, customer_id, cancelled_at, test);
create index orders_customer_idx on orders (tenant_id, customer_id, processed_at);
create index orders_updated_idx on orders (tenant_id, updated_at);

create table order_items (
    tenant_id        uuid    not null references tenants (id) on delete cascade,
    shopify_id       bigint  not null,
    order_id         bigint  not null,
    product_id       bigint,
    variant_id       bigint,
    title            text,
    sku              text,
    quantity         integer not null,
    price            numeric not null,
    discounted_price numeric,
    primary key (tenant_id, shopify_id)
);
create index order_items_order_idx on order_items (tenant_id, order_id);

create table refunds (
    tenant_id  uuid        not null references tenants (id) on delete cascade,
    shopify_id bigint      not null,
    order_id   bigint      not null,
    created_at timestamptz not null,
    amount     numeric     not null,
    primary key (tenant_id, shopify_id)
);
create index refunds_created_idx on refunds (tenant_id, created_at);
create index refunds_order_idx on refunds (tenant_id, order_id);

create table checkouts (
    tenant_id              uuid        not null references tenants (id) on delete cascade,
    shopify_id             bigint      not null,
    token                  text,
    email                  text,
    customer_id            bigint,
    created_at             timestamptz not null,
    updated_at             timestamptz not null,
    completed_at           timestamptz,
    currency               text,
    total_price            numeric,
    abandoned_checkout_url text,
    -- [{title, quantity, variantId, price}], read only for display
    line_items             jsonb       not null default '[]',
    primary key (tenant_id, shopify_id)
);
create index checkouts_created_idx on checkouts (tenant_id, created_at);
create index checkouts_updated_idx on checkouts (tenant_id, updated_at);

-- Things that happened to a store that are not resources of their own: cart events, compliance requests.
create table events (
    tenant_id    uuid        not null references tenants (id) on delete cascade,
    id           bigserial,
    kind         text        not null,
    subject_type text,
    subject_id   bigint,
    occurred_at  timestamptz not null,
    payload      jsonb,
    primary key (tenant_id, id)
);
create index events_kind_idx on events (tenant_id, kind, occurred_at);

-- Our webhook subscriptions at Shopify.
create table webhooks (
    tenant_id       uuid        not null references tenants (id) on delete cascade,
    topic           text        not null,
    subscription_id text        not null,
    uri             text        not null,
    created_at      timestamptz not null default now(),
    primary key (tenant_id, topic)
);

-- The intake inbox: a delivery is committed here before Shopify gets its 200.
create table webhook_deliveries (
    tenant_id       uuid        not null references tenants (id) on delete cascade,
    id              bigserial,
    webhook_id      text        not null,
    topic           text        not null,
    shop_domain     text        not null,
    api_version     text,
    triggered_at    timestamptz,
    event_id        text,
    body            bytea       not null,
    received_at     timestamptz not null default now(),
    -- PENDING, APPLIED, FAILED
    status          text        not null default 'PENDING',
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error      text,
    applied_at      timestamptz,
    primary key (tenant_id, id),
    unique (tenant_id, webhook_id)
);
create index webhook_deliveries_pending_idx on webhook_deliveries (next_attempt_at) where status = 'PENDING';

create table sync_runs (
    tenant_id     uuid        not null references tenants (id) on delete cascade,
    id            uuid        not null,
    mode          text        not null,   -- FULL, INCREMENTAL, RECONCILE
    status        text        not null,   -- QUEUED, RUNNING, SUCCEEDED, FAILED
    trigger       text        not null,   -- USER, SCHEDULE, CONNECT
    counts        jsonb       not null default '{}',
    totals        jsonb       not null default '{}',
    error         text,
    created_at    timestamptz not null default now(),
    started_at    timestamptz,
    finished_at   timestamptz,
    heartbeat_at  timestamptz,
    primary key (tenant_id, id)
);
create unique index sync_runs_id_key on sync_runs (id);
-- at most one queued or running sync per store, enforced by the database
create unique index sync_runs_one_active on sync_runs (tenant_id) where status in ('QUEUED', 'RUNNING');

-- Per resource: the newest updated_at committed by incremental sync.
create table sync_cursors (
    tenant_id  uuid        not null references tenants (id) on delete cascade,
    resource   text        not null,
    updated_at timestamptz not null,
    primary key (tenant_id, resource)
);

-- ShedLock: one run of a scheduled job per slot across instances.
create table shedlock (
    name       varchar(64)  primary key,
    lock_until timestamptz  not null,
    locked_at  timestamptz  not null,
    locked_by  varchar(255) not null
);
