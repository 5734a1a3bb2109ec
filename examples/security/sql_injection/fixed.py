"""Data access that keeps untrusted input out of the SQL text."""

import sqlite3


# --8<-- [start:find_user]
def find_user(conn: sqlite3.Connection, email: str) -> list[tuple]:
    # `?` is a placeholder: the driver sends `email` as a value, never as SQL.
    return conn.execute("SELECT id, email FROM users WHERE email = ?", (email,)).fetchall()


# --8<-- [end:find_user]


# --8<-- [start:search_products]
# Identifiers cannot be bound, so the caller picks a key and the SQL comes from this table.
SORT_COLUMNS = {"name": "name ASC", "cheapest": "price_cents ASC", "priciest": "price_cents DESC"}


def search_products(conn: sqlite3.Connection, name: str, sort: str) -> list[tuple]:
    try:
        order_by = SORT_COLUMNS[sort]
    except KeyError:
        raise ValueError(f"sort must be one of {sorted(SORT_COLUMNS)}") from None
    pattern = "%" + name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    # Ruff's S608 flags every string-built query; this one joins only text from SORT_COLUMNS.
    query = "SELECT name, price_cents FROM products WHERE name LIKE ? ESCAPE '\\' ORDER BY " + order_by  # noqa: S608
    return conn.execute(query, (pattern,)).fetchall()


# --8<-- [end:search_products]
