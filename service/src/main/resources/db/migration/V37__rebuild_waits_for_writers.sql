-- A rebuild reads the base tables and replaces every rollup row of the store, so no writer of the store may be
-- half-way through meanwhile: a write committed between its statements could be counted twice, missed, or make
-- one of its inserts fail. Every writer holds the store row `for key share` for its transaction (V36), so the
-- rebuild takes it `for update`: it waits for the writers in flight, and new ones wait until it commits. The
-- recomputation itself is V35's.
alter function insights_rebuild(uuid) rename to insights_recompute;

create function insights_rebuild(tenant uuid) returns void language plpgsql as $$
begin
    perform 1 from tenants where id = tenant for update;
    perform insights_recompute(tenant);
end
$$;
