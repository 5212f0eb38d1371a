-- A version per customer day, from one sequence: every insert and every update takes a new, larger number, so a
-- reader that kept a day's decoded entries can tell from the version alone whether the row changed since (the
-- service keeps them in memory and fetches only the days whose version moved; see CustomerDays).
create sequence insights_customer_day_versions;

alter table insights_customer_days
    add column version bigint not null default nextval('insights_customer_day_versions');

-- The functions and triggers this migration once defined are in R__insights_rollups.sql, as they are now.
