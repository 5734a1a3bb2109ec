"""Exercise: the bulk delete that emptied the catalog.

Symptom: the shop's admin page lets staff tick products and press "Delete selected"; the form posts the ticked
ids as strings, and this function deletes them. Last night the products table went from 4,000 rows to none. The
access log shows one request, from a support account whose password had leaked, with `ids=1) OR (1=1`.

Diagnose it with the check (`make exercise ID=security/sql_injection/bulk_delete`).

Fix: delete exactly the ticked products, with every id sent as a bound parameter (the number of ids varies, so
the placeholders must be generated). An id that is not a product's id deletes nothing. Return how many rows were
deleted.
"""

import sqlite3


def delete_products(conn: sqlite3.Connection, ids: list[str]) -> int:
    if not ids:
        return 0
    # The ids are "just numbers from checkboxes", so they were joined straight into the statement.
    query = f"DELETE FROM products WHERE id IN ({', '.join(ids)})"  # noqa: S608
    cursor = conn.execute(query)
    conn.commit()
    return cursor.rowcount
