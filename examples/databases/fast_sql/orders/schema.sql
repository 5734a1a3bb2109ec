-- The fast SQL lesson's orders, small enough to load in the browser before every Run (about 50 ms) and
-- big enough that the planner prefers an index for a selective predicate.
CREATE TABLE customers (
    id bigint PRIMARY KEY,
    email text NOT NULL
);

CREATE TABLE orders (
    id bigint PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id),
    status text NOT NULL CHECK (status IN ('pending', 'paid', 'shipped')),
    total_cents integer NOT NULL
);
