-- Reference solution: rank customers by spend within their country, then keep first place.
-- rank() gives tied customers the same place, so both stay; row_number() would keep one of them.
-- The ranking happens in a CTE because WHERE runs before window functions are computed.

WITH spend AS (
    SELECT c.id, c.country, c.name, sum(o.total_cents) AS spend_cents
    FROM customers AS c
    JOIN orders AS o ON o.customer_id = c.id
    GROUP BY c.id, c.country, c.name
),
ranked AS (
    SELECT country, name, spend_cents,
           rank() OVER (PARTITION BY country ORDER BY spend_cents DESC) AS place
    FROM spend
)
SELECT country, name, spend_cents
FROM ranked
WHERE place = 1;
