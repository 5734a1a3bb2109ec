INSERT INTO customers (id, name, country, referred_by) VALUES
    (1, 'Ada', 'GB', NULL),
    (2, 'Grace', 'US', 1),
    (3, 'Linus', 'FI', 1),
    (4, 'Margaret', 'US', NULL);

INSERT INTO orders (id, customer_id, placed_on, total_cents) VALUES
    (10, 1, '2026-01-05', 2500),
    (11, 1, '2026-02-11', 9900),
    (12, 2, '2026-02-12', 4000),
    (13, 2, '2026-03-01', 1500),
    (14, 3, '2026-03-02', 12000);
