-- Exercise: the order history page that reads half the index.
--
-- Symptom: "My orders, newest first" is instant for most customers and takes seconds for a few big
-- wholesale accounts whose orders are all from early 2025. Someone added the index below for it last
-- month; EXPLAIN shows it in the plan, so it "uses the index", and the page is still slow for them.
--
--     SELECT id, created_at, total_cents FROM orders
--     WHERE customer_id = $1 ORDER BY created_at DESC LIMIT 10
--
-- Diagnose it with the check (`make exercise ID=databases/fast_sql/composite_index`): it loads 200,000
-- orders, runs this file, and reads the plan and the pages the query touches for a wholesale customer.
-- Then change this file so the query reads a handful of pages and needs no sort. You may drop the
-- index below; leave at most two indexes on orders besides the primary key.

CREATE INDEX orders_created_customer_idx ON orders (created_at, customer_id);
