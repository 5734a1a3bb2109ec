-- The SQL injection lesson's shop in PostgreSQL, for its runnable blocks and its live form.
CREATE TABLE users (
    id integer PRIMARY KEY,
    email text UNIQUE NOT NULL,
    is_admin boolean NOT NULL
);
CREATE TABLE products (
    id integer PRIMARY KEY,
    name text NOT NULL,
    price_cents integer NOT NULL
);
