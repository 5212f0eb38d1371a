-- New customers per shop-local day (customers whose first non-cancelled, non-test order falls on the day), kept
-- on the sales day by statement-level triggers on insights_first_orders: a year's count is 365 rows read with the
-- rest of the sales days instead of counting ~100,000 first orders per request.
alter table insights_sales_days add column new_customers bigint not null default 0;

update insights_sales_days d set new_customers = f.customers
from (select f.tenant_id, (f.first_order_at at time zone t.iana_timezone)::date as day, count(*) as customers
      from insights_first_orders f join tenants t on t.id = f.tenant_id
      group by 1, 2) f
where d.tenant_id = f.tenant_id and d.day = f.day;

-- The functions and triggers this migration once defined are in R__insights_rollups.sql, as they are now.
