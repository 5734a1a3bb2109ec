"""Exercise: "Newest first" that anyone can sort by anything.

Symptom: the mobile app shipped a "Newest first" button that sends `sort=newest`, and the product search answered
it with a 500 ("no such column: newest"). To stop the errors a teammate changed one line so that a sort key the
table does not know is passed through as written, and told the app team to send `sort=id DESC`. The security
review of that change found a blind injection: `sort` can now be any SQL expression, such as a CASE over another
table.

Diagnose it with the check (`make exercise ID=security/sql_injection/newest_sort`).

Fix: support `newest` (most recently added first, by `id`) as a key of its own, and go back to refusing every
key the table does not list, with a ValueError that names the allowed keys. Keep the search text a bound
parameter and its wildcards escaped.
"""

import sqlite3

SORT_COLUMNS = {"name": "name ASC", "cheapest": "price_cents ASC", "priciest": "price_cents DESC"}


def search_products(conn: sqlite3.Connection, name: str, sort: str) -> list[tuple]:
    # The hotfix: a key the table does not know is used as the ORDER BY clause itself.
    order_by = SORT_COLUMNS.get(sort, sort)
    pattern = "%" + name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    query = "SELECT name, price_cents FROM products WHERE name LIKE ? ESCAPE '\\' ORDER BY " + order_by  # noqa: S608
    return conn.execute(query, (pattern,)).fetchall()
