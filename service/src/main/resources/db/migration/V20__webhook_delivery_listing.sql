-- The operator's listing of deliveries that gave up (GET /api/shopify/webhooks/deliveries?status=FAILED).
create index webhook_deliveries_status_idx on webhook_deliveries (tenant_id, status, id) where status <> 'APPLIED';
