"""DO NOT COPY: data access that builds SQL from strings, kept to show the attack."""

import sqlite3


# --8<-- [start:find_user]
def find_user(conn: sqlite3.Connection, email: str) -> list[tuple]:
    # The caller's text becomes part of the SQL statement itself.
    query = f"SELECT id, email FROM users WHERE email = '{email}'"
    return conn.execute(query).fetchall()


# --8<-- [end:find_user]


# --8<-- [start:search_products]
def search_products(conn: sqlite3.Connection, name: str, sort: str) -> list[tuple]:
    query = f"SELECT name, price_cents FROM products WHERE name LIKE '%{name}%' ORDER BY {sort}"
    return conn.execute(query).fetchall()


# --8<-- [end:search_products]
