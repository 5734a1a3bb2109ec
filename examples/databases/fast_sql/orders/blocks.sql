-- Runnable blocks of the fast SQL lesson, one snippet section each, on a fresh copy of the orders dataset.

-- --8<-- [start:seq_scan]
-- No index on customer_id yet: PostgreSQL reads the whole table.
EXPLAIN (COSTS OFF)
SELECT id, total_cents FROM orders WHERE customer_id = 42;
-- --8<-- [end:seq_scan]

-- --8<-- [start:btree]
CREATE INDEX orders_customer_idx ON orders (customer_id);
ANALYZE orders;
EXPLAIN (COSTS OFF)
SELECT id, total_cents FROM orders WHERE customer_id = 42;
-- --8<-- [end:btree]

-- --8<-- [start:analyze]
-- ANALYZE runs the query and reports the rows each node really produced.
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF, BUFFERS OFF)
SELECT count(*) FROM orders WHERE status = 'pending';
-- --8<-- [end:analyze]

-- --8<-- [start:partial]
CREATE INDEX orders_pending_idx ON orders (id) WHERE status = 'pending';
EXPLAIN (COSTS OFF)
SELECT id FROM orders WHERE status = 'pending' ORDER BY id LIMIT 10;
-- --8<-- [end:partial]

-- --8<-- [start:not_sargable]
-- An index on email cannot serve a predicate on lower(email).
CREATE INDEX customers_email_idx ON customers (email);
EXPLAIN (COSTS OFF)
SELECT id FROM customers WHERE lower(email) = 'user42@example.com';
-- --8<-- [end:not_sargable]

-- --8<-- [start:expression_index]
CREATE INDEX customers_email_lower_idx ON customers (lower(email));
ANALYZE customers;
EXPLAIN (COSTS OFF)
SELECT id FROM customers WHERE lower(email) = 'user42@example.com';
-- --8<-- [end:expression_index]

-- --8<-- [start:batched]
-- One query for the orders of several customers, instead of one query per customer (N+1).
SELECT customer_id, count(*) AS orders, sum(total_cents) AS total_cents
FROM orders
WHERE customer_id = ANY ('{7, 8, 9}'::bigint[])
GROUP BY customer_id
ORDER BY customer_id;
-- --8<-- [end:batched]

-- --8<-- [start:keyset]
-- The next page after the last id the client saw: an index range scan, however deep the page.
SELECT id, status, total_cents
FROM orders
WHERE id > 4990
ORDER BY id
LIMIT 5;
-- --8<-- [end:keyset]
