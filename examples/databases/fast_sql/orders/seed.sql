-- 500 customers and 5,000 orders, the same on every load: 1% of orders are pending.
INSERT INTO customers (id, email)
SELECT g, 'User' || g || '@Example.com' FROM generate_series(1, 500) AS g;

INSERT INTO orders (id, customer_id, status, total_cents)
SELECT g,
       1 + g % 500,
       CASE WHEN g % 100 = 0 THEN 'pending' WHEN g % 3 = 0 THEN 'paid' ELSE 'shipped' END,
       100 + (g * 37) % 20000
FROM generate_series(1, 5000) AS g;

-- Fresh statistics, as autovacuum would collect them on a server: the planner's estimates depend on them.
ANALYZE customers, orders;
