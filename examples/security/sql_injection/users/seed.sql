INSERT INTO users (id, email, is_admin) VALUES (1, 'ada@example.com', true), (2, 'bob@example.com', false);
INSERT INTO products (id, name, price_cents) VALUES (1, 'Desk lamp', 2500), (2, 'Desk', 19900), (3, 'Chair', 8900);
