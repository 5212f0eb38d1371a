-- Intake inserts every delivery as PENDING and V20's listing index held those too: one more index entry per
-- request on the hot path, moved out again when the delivery is applied. The operator lists FAILED and IGNORED
-- deliveries through this narrower index; PENDING ones are the newest and are found walking the primary key back.
create index webhook_deliveries_settled_idx on webhook_deliveries (tenant_id, status, id) where status in ('FAILED', 'IGNORED');
drop index webhook_deliveries_status_idx;
