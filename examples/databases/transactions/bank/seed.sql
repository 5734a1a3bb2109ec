INSERT INTO accounts (id, owner, balance_cents) VALUES
    (1, 'Ada', 10000),
    (2, 'Bo', 2500),
    (3, 'Cy', 0);
