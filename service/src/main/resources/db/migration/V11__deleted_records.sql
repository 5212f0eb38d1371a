-- Records Shopify deleted (a */delete webhook). Shopify never reuses an id, so a late or reordered delivery of
-- such a record (an orders/updated sent before the delete, a refunds/create) must not bring it back.
create table deleted_records (
    tenant_id  uuid        not null references tenants (id) on delete cascade,
    resource   text        not null,
    shopify_id bigint      not null,
    deleted_at timestamptz not null default now(),
    primary key (tenant_id, resource, shopify_id)
);
