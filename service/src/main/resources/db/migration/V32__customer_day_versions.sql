-- A version per customer day, from one sequence: every insert and every update takes a new, larger number, so a
-- reader that kept a day's decoded entries can tell from the version alone whether the row changed since (the
-- service keeps them in memory and fetches only the days whose version moved; see CustomerDays).
create sequence insights_customer_day_versions;

alter table insights_customer_days
    add column version bigint not null default nextval('insights_customer_day_versions');

create function insights_customer_day_touched() returns trigger language plpgsql as $$
begin
    new.version := nextval('insights_customer_day_versions');
    return new;
end $$;

create trigger insights_customer_day_touched before update on insights_customer_days
    for each row execute function insights_customer_day_touched();
