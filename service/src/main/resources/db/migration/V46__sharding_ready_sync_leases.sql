-- Sharding-ready: every unique index of a store's table leads with tenant_id, so a distributed PostgreSQL
-- (Citus, distributed by tenant_id) can enforce it inside one shard. Every read and write of a run names the
-- store, and its primary key (tenant_id, id) already makes each run unique; the global index on id alone was
-- the one left that a sharded table could not keep.
drop index sync_runs_id_key;
