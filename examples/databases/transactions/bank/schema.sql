-- The transactions lesson's accounts: a balance may never go below zero.
CREATE TABLE accounts (
    id integer PRIMARY KEY,
    owner text NOT NULL,
    balance_cents integer NOT NULL CHECK (balance_cents >= 0)
);
