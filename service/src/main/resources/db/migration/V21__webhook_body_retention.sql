-- The inbox retention job finds the applied deliveries whose bodies it still has to empty; the index holds
-- only those, so it stays the size of the retention period.
create index webhook_deliveries_retained_body_idx on webhook_deliveries (applied_at)
    where status in ('APPLIED', 'IGNORED') and octet_length(body) > 0;
