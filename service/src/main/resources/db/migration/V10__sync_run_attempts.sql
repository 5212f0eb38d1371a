-- How often a run was (re)started: a run resumed after a crash counts up, and gives up after a few.
alter table sync_runs add column attempts integer not null default 0;
create index sync_runs_recent_idx on sync_runs (tenant_id, created_at desc);
