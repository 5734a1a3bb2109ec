-- Exercise: the dashboard that shows one winner, and crashes in production.
--
-- Symptom: the sales dashboard's "top customer per country" tile passed its tests (they run on SQLite),
-- but on the production PostgreSQL it fails with "column c.name must appear in the GROUP BY clause".
-- And in March, when two customers in Finland tied for first place, the SQLite build showed only one of
-- them, not always the same one.
--
-- Diagnose it with the check (`make exercise ID=databases/sql_fundamentals/top_customer`).
-- Then rewrite the query so that it runs on both engines and lists every customer who ties for first place.
--
-- The result: one row per top customer, with the columns country, name, spend_cents (the sum of that
-- customer's orders). Countries where nobody ordered do not appear. Row order does not matter.

SELECT c.country, c.name, max(s.spend_cents) AS spend_cents
FROM customers AS c
JOIN (
    SELECT customer_id, sum(total_cents) AS spend_cents
    FROM orders
    GROUP BY customer_id
) AS s ON s.customer_id = c.id
GROUP BY c.country;
