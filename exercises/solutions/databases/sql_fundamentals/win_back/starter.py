"""Reference solution: two anti-joins that agree.

NOT IN compared each id with a list that held a NULL (a guest order), so it was never true. NOT EXISTS asks
whether a matching row exists, which is true or false even when customer_id is NULL.

The LEFT JOIN version filtered the joined rows in WHERE, so a customer with one order outside March survived
although they also ordered in March. The March condition belongs in ON: then the join finds only March
orders, and IS NULL keeps the customers for whom it found none.

BETWEEN '2026-03-01' AND '2026-03-31' stops at midnight at the start of March 31. A half-open range (from
the first of the month, up to but not including the first of the next) covers the whole month for dates and
timestamps alike.
"""

WIN_BACK_NOT_EXISTS = """
SELECT c.id, c.name
FROM customers AS c
WHERE NOT EXISTS (
    SELECT 1 FROM orders AS o
    WHERE o.customer_id = c.id
      AND o.placed_at >= '2026-03-01' AND o.placed_at < '2026-04-01'
)
"""

WIN_BACK_LEFT_JOIN = """
SELECT c.id, c.name
FROM customers AS c
LEFT JOIN orders AS o
  ON o.customer_id = c.id
 AND o.placed_at >= '2026-03-01' AND o.placed_at < '2026-04-01'
WHERE o.id IS NULL
"""
