-- Runnable blocks of the SQL fundamentals lesson, one snippet section each. Every block runs on a fresh
-- copy of the shop (schema.sql, seed.sql), in the browser and in tests/test_sql_runner.py.

-- --8<-- [start:filter]
SELECT id, customer_id, total_cents
FROM orders
WHERE total_cents >= 4000 AND placed_on >= '2026-02-01'
ORDER BY total_cents DESC;
-- --8<-- [end:filter]

-- --8<-- [start:inner_join]
SELECT c.name, o.id AS order_id, o.total_cents
FROM orders AS o
JOIN customers AS c ON c.id = o.customer_id
ORDER BY o.id;
-- --8<-- [end:inner_join]

-- --8<-- [start:left_join]
SELECT c.name, count(o.id) AS orders
FROM customers AS c
LEFT JOIN orders AS o ON o.customer_id = c.id
GROUP BY c.id, c.name
ORDER BY c.id;
-- --8<-- [end:left_join]

-- --8<-- [start:left_join_trap]
-- The filter on the right-hand table sits in WHERE: Ada and Margaret disappear.
-- Move it into the ON clause and run again to get all four customers back.
SELECT c.name, count(o.id) AS march_orders
FROM customers AS c
LEFT JOIN orders AS o ON o.customer_id = c.id
WHERE o.placed_on >= '2026-03-01'
GROUP BY c.id, c.name
ORDER BY c.id;
-- --8<-- [end:left_join_trap]

-- --8<-- [start:group]
SELECT c.country, count(*) AS orders, sum(o.total_cents) AS revenue_cents
FROM orders AS o
JOIN customers AS c ON c.id = o.customer_id
GROUP BY c.country
HAVING sum(o.total_cents) > 5000
ORDER BY revenue_cents DESC;
-- --8<-- [end:group]

-- --8<-- [start:null_equals]
-- `= NULL` is never true, so this finds nobody. Change it to `IS NULL`.
SELECT name FROM customers WHERE referred_by = NULL ORDER BY id;
-- --8<-- [end:null_equals]

-- --8<-- [start:not_in_null]
-- The subquery returns a NULL (Ada and Margaret were referred by nobody), so NOT IN matches no row.
SELECT name FROM customers
WHERE id NOT IN (SELECT referred_by FROM customers)
ORDER BY id;
-- --8<-- [end:not_in_null]

-- --8<-- [start:not_exists]
SELECT name FROM customers AS c
WHERE NOT EXISTS (SELECT 1 FROM customers AS r WHERE r.referred_by = c.id)
ORDER BY id;
-- --8<-- [end:not_exists]

-- --8<-- [start:window]
WITH customer_orders AS (
    SELECT c.name, o.placed_on, o.total_cents
    FROM orders AS o
    JOIN customers AS c ON c.id = o.customer_id
)
SELECT name, placed_on, total_cents,
       sum(total_cents) OVER (PARTITION BY name ORDER BY placed_on) AS running_total,
       rank() OVER (ORDER BY total_cents DESC) AS size_rank
FROM customer_orders
ORDER BY name, placed_on;
-- --8<-- [end:window]

-- --8<-- [start:update_returning]
UPDATE orders
SET total_cents = total_cents * 90 / 100
WHERE customer_id = 1
RETURNING id, total_cents;
-- --8<-- [end:update_returning]
