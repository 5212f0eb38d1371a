-- A module's .sql resource naming another's table: what ModularityTests must catch.
select o.id, c.id from orders o join customers c on c.id = o.customer_id
