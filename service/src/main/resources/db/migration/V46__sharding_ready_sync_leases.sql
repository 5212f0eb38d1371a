-- Sharding-ready: every unique index of a store's table leads with tenant_id, so a distributed PostgreSQL
-- (Citus, distributed by tenant_id) can enforce it inside one shard. Every read and write of a run names the
-- store, and its primary key (tenant_id, id) already makes each run unique; the global index on id alone was
-- the one left that a sharded table could not keep.
drop index sync_runs_id_key;

-- Sync leases: the instance running a sync (owner) holds it until lease_until and extends the lease while the run
-- lives, queued or running; once the lease has run out another instance takes the run over, and the old owner
-- stops at its next write, which names it (SyncRuns).
alter table sync_runs add column owner text, add column lease_until timestamptz;
