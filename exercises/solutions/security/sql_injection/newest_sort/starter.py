"""A reference solution: `newest` is one more key of the allow-list, and an unknown key is refused."""

import sqlite3

# Every ORDER BY this function can send is written here; the caller only chooses among the keys.
SORT_COLUMNS = {
    "name": "name ASC",
    "cheapest": "price_cents ASC",
    "priciest": "price_cents DESC",
    "newest": "id DESC",
}


def search_products(conn: sqlite3.Connection, name: str, sort: str) -> list[tuple]:
    try:
        order_by = SORT_COLUMNS[sort]
    except KeyError:
        raise ValueError(f"sort must be one of {sorted(SORT_COLUMNS)}") from None
    pattern = "%" + name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    query = "SELECT name, price_cents FROM products WHERE name LIKE ? ESCAPE '\\' ORDER BY " + order_by  # noqa: S608
    return conn.execute(query, (pattern,)).fetchall()
