"""Exercise: the win-back email that went to nobody, then to the wrong people.

Symptom: marketing emails "we miss you" to the customers who placed no order in March 2026. Since guest
checkout launched (guest orders have no customer_id), the NOT IN version returns nobody at all. An analyst's
LEFT JOIN version returns people, but Grace complained: she ordered on March 12 and still got the email.
And an order placed on the evening of March 31 did not count as a March order in either version.

Diagnose it with the check (`make exercise ID=databases/sql_fundamentals/win_back`). Then fix both queries,
keeping their forms: one anti-join written with NOT EXISTS, one written with LEFT JOIN ... IS NULL.

Both return the columns id and name of every customer with no order placed in March 2026 (customers who never
ordered at all included). `placed_at` is a timestamp. The queries run on SQLite and on PostgreSQL.
"""

# The list went empty when guest orders arrived.
WIN_BACK_NOT_EXISTS = """
SELECT c.id, c.name
FROM customers AS c
WHERE c.id NOT IN (
    SELECT o.customer_id FROM orders AS o
    WHERE o.placed_at BETWEEN '2026-03-01' AND '2026-03-31'
)
"""

# The analyst's version: customers with no orders, or with orders outside March.
WIN_BACK_LEFT_JOIN = """
SELECT DISTINCT c.id, c.name
FROM customers AS c
LEFT JOIN orders AS o ON o.customer_id = c.id
WHERE o.id IS NULL
   OR o.placed_at NOT BETWEEN '2026-03-01' AND '2026-03-31'
"""
