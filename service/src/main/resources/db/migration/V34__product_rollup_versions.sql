-- A version per store and product-rollup period (a day of insights_product_days or a month of
-- insights_product_months), from one sequence: every write to a period's rows gives it a new, larger number, so
-- the service can keep a period's rows in memory and fetch them again only when the version moved (ProductDays).
-- Product rows are written only by insights_add_product_sales (which bumps the version in the same statement
-- sequence) and deleted only by a rebuild (which deletes the versions too) or with the store.
create sequence insights_product_period_versions;

create table insights_product_periods (
    tenant_id uuid    not null references tenants (id) on delete cascade,
    monthly   boolean not null,
    period    date    not null,
    version   bigint  not null default nextval('insights_product_period_versions'),
    primary key (tenant_id, monthly, period)
);

insert into insights_product_periods (tenant_id, monthly, period)
select distinct tenant_id, false, day from insights_product_days
union
select distinct tenant_id, true, month from insights_product_months;

-- The functions and triggers this migration once defined are in R__insights_rollups.sql, as they are now.
