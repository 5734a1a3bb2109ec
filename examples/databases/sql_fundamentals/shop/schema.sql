-- The SQL fundamentals lesson's shop, in PostgreSQL: the dataset every runnable block there starts from.
CREATE TABLE customers (
    id integer PRIMARY KEY,
    name text NOT NULL,
    country text NOT NULL,
    referred_by integer REFERENCES customers (id)  -- NULL: nobody referred them
);

CREATE TABLE orders (
    id integer PRIMARY KEY,
    customer_id integer NOT NULL REFERENCES customers (id),
    placed_on date NOT NULL,
    total_cents integer NOT NULL CHECK (total_cents > 0)
);
