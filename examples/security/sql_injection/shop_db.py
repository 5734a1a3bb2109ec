"""A tiny shop database shared by the vulnerable and the fixed data-access code."""

import sqlite3


def create_shop() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.executescript(
        """
        CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT UNIQUE NOT NULL, is_admin INTEGER NOT NULL);
        CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price_cents INTEGER NOT NULL);
        INSERT INTO users (email, is_admin) VALUES ('ada@example.com', 1), ('bob@example.com', 0);
        INSERT INTO products (name, price_cents) VALUES ('Desk lamp', 2500), ('Desk', 19900), ('Chair', 8900);
        """
    )
    return conn
